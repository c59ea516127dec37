import { buildWorld, CADENCE } from './world.js';
for (const seed of [1,2,3,4,5]) {
  const w = buildWorld({ seed, people: 300, days: 364, start: '2026-01-05', absences: 2 });
  const present = (d: number) => d % 7 < 5 && !w.absent.has(d);
  const ro = new Map<number, Set<number>>();
  for (const h of w.happenings) if (h.kind === 'reach_out') { const s = ro.get(h.person) ?? new Set(); s.add(h.day); ro.set(h.person, s); }
  let touches = 0; let inner = 0, close = 0;
  for (const p of w.people.filter((p) => p.circle === 'inner' || p.circle === 'close')) {
    let last = -Math.min(...p.history);
    const C = CADENCE[p.circle];
    for (let d = 0; d < 364; d++) {
      if (ro.get(p.key)?.has(d)) { last = d; continue; }
      if (!present(d)) continue;
      // touch on the last present day on or before the due date
      let nextPresent = d + 1; while (nextPresent < 364 && !present(nextPresent)) nextPresent++;
      if (nextPresent > last + C || d >= last + C) { last = d; touches++; if (p.circle === 'inner') inner++; else close++; }
    }
  }
  const met = w.happenings.filter((h) => h.kind === 'event').reduce((a, h: any) => a + h.met.length, 0);
  console.log(seed, 'just-in-time touches', touches, 'inner', inner, 'close', close, 'events met', met, 'total', touches + Math.ceil(met * 0.9));
}
