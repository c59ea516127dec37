import { upperBound } from './bound.js';
import { buildWorld } from './world.js';
for (const seed of [1,2,3,4,5]) {
  const t0 = Date.now();
  const w = buildWorld({ seed, people: 300, days: 364, start: '2026-01-05', absences: 2 });
  console.log(JSON.stringify(upperBound(w, 5)), Date.now() - t0, 'ms');
}
