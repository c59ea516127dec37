/*
 * What no policy can beat: an upper bound on the inner+close in-cadence share
 * and the event follow-ups within 48 hours, for one simulated year and the
 * user model of the harness, computed by an oracle that knows the whole year
 * in advance (every reach-out, event and absence).
 *
 * It relaxes the user model in the oracle's favour: the year's touches
 * (what accrues on the working days the user is there, plus the bucket's
 * starting tokens) may be spent on any of those days, with no bucket cap, no
 * reserve and no limit on how many suggestions are read. Then, per inner or
 * close person, it finds by dynamic programming the fewest out-of-cadence days
 * reachable with k touches given when they will reach out, and shares the
 * touches between people (a knapsack) to keep the most person-days in cadence.
 * Touches spent on event follow-ups come out of the same budget.
 *
 * A real policy, which does not know when people will write or when the user
 * will be away, and which must spend within the bucket, can only do worse.
 */
import { CADENCE, REACH_OUT_EVERY, type World } from './world.js';

/** Tokens the harness starts with (RESERVE + 1 in harness.ts). */
const START_TOKENS = 3;

export interface Bound {
  seed: number;
  /** Touches the year gives (the relaxed budget). */
  touches: number;
  /** People met at events who can be followed up within 48 hours at all (a working day of presence in the window). */
  followUpsPossible: number;
  eventsMet: number;
  /** Best in-cadence share spending nothing on follow-ups. */
  inCadenceNoFollowUps: number;
  /** Best in-cadence share while following up `followUpsTarget` people within 48 hours. */
  inCadenceWithFollowUps: number;
  followUpsTarget: number;
  /**
   * Touches a policy that cannot see who will write next needs to keep every inner and close
   * person within cadence (the absences aside): each touched on the last working day on or
   * before their due date, unless they wrote first. Compare with `touches`.
   */
  justInTime: number;
  /**
   * An estimate (not a bound) of the best in-cadence share without foresight, with 90% of the
   * follow-ups done: the touches short of `justInTime` are dropped where each costs least. Without
   * knowing who will write, a check-in not done leaves the person out of cadence until they write
   * or are touched; in the steady state each touch keeps (1 − e^(−cadence/w))·w person-days in
   * cadence, w the mean days between their reach-outs (10 for inner, 22 for close). Absences are
   * not counted, so the real ceiling is lower still.
   */
  withoutForesight: number;
  /** Touches the oracle needs for its best in-cadence share with an unlimited budget… */
  touchesForBest: number;
  /** …and that share (below 100% when a person falls due during an absence and nobody writes). */
  inCadenceUnlimited: number;
}

/** Min out-of-cadence days for one person, by number of touches (index k), until more touches stop helping. */
export function personCurve(
  cadence: number,
  lastContact: number,
  reachOuts: readonly number[],
  canTouch: (day: number) => boolean,
  days: number,
  maxTouches: number,
): number[] {
  // next[t]: the first free contact (reach-out) strictly after day t, or `days`.
  const nextFree = (t: number) => {
    for (const r of reachOuts) if (r > t) return r;
    return days;
  };
  const memo = new Map<number, number>();
  // f(t, k): fewest out days over (t, days) after a contact on day t, with k touches left.
  const f = (t: number, k: number): number => {
    const key = (t + 10_000) * 1000 + k;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    const r = nextFree(t);
    const stop = Math.min(r, days);
    // Out from day t + cadence up to the day before the next contact.
    const out = (until: number) => Math.max(0, until - (t + cadence));
    let best = out(stop) + (r < days ? f(r, k) : 0);
    if (k > 0) {
      // Touching before the due date only moves the clock back: the latest possible day on or
      // before it dominates every earlier one. After it, any day may be best (a reach-out may be near).
      let onTime = -1;
      for (let s = Math.min(t + cadence, stop - 1); s > t; s--) {
        if (canTouch(s)) {
          onTime = s;
          break;
        }
      }
      if (onTime > t) best = Math.min(best, f(onTime, k - 1));
      for (let s = Math.max(t + cadence + 1, t + 1); s < stop; s++) {
        if (!canTouch(s)) continue;
        const v = out(s) + f(s, k - 1);
        if (v < best) best = v;
      }
    }
    memo.set(key, best);
    return best;
  };
  const curve: number[] = [];
  for (let k = 0; k <= maxTouches; k++) {
    curve.push(f(lastContact, k));
    if (k > 0 && curve[k] === 0) break;
  }
  return curve;
}

/** Fewest total out days with `budget` touches shared between people (each with its own curve). */
function knapsack(curves: number[][], budget: number): number {
  let best = new Array<number>(budget + 1).fill(0);
  for (const c of curves) {
    const next = new Array<number>(budget + 1).fill(Number.POSITIVE_INFINITY);
    for (let b = 0; b <= budget; b++) {
      for (let k = 0; k < c.length && k <= b; k++) {
        const v = (best[b - k] as number) + (c[k] as number);
        if (v < (next[b] as number)) next[b] = v;
      }
    }
    best = next;
  }
  return Math.min(...best);
}

export function upperBound(world: World, budget: number, followUpShare = 0.9): Bound {
  const { days } = world.options;
  const present = (day: number) => day >= 0 && day < days && day % 7 < 5 && !world.absent.has(day);
  let touches = START_TOKENS;
  for (let d = 0; d < days; d++) if (present(d)) touches += budget / 5;
  touches = Math.floor(touches);

  const reachOuts = new Map<number, number[]>();
  for (const h of world.happenings) {
    if (h.kind !== 'reach_out') continue;
    const list = reachOuts.get(h.person) ?? [];
    list.push(h.day);
    reachOuts.set(h.person, list);
  }
  const tracked = world.people.filter((p) => p.circle === 'inner' || p.circle === 'close');
  const curves = tracked.map((p) =>
    personCurve(
      CADENCE[p.circle],
      -Math.min(...p.history),
      reachOuts.get(p.key) ?? [],
      present,
      days,
      Math.ceil(days / 7) + 2,
    ),
  );
  const personDays = tracked.length * days;
  const share = (b: number) => 1 - knapsack(curves, Math.max(b, 0)) / Math.max(personDays, 1);

  let eventsMet = 0;
  let followUpsPossible = 0;
  for (const h of world.happenings) {
    if (h.kind !== 'event') continue;
    eventsMet += h.met.length;
    // Met in the evening of day d: a touch within 48 hours is on day d+1 or d+2.
    if (present(h.day + 1) || present(h.day + 2)) followUpsPossible += h.met.length;
  }
  const followUpsTarget = Math.min(followUpsPossible, Math.ceil(eventsMet * followUpShare));
  let justInTime = 0;
  for (const p of tracked) {
    const wrote = new Set(reachOuts.get(p.key) ?? []);
    let last = -Math.min(...p.history);
    for (let d = 0; d < days; d++) {
      if (wrote.has(d)) {
        last = d;
        continue;
      }
      if (!present(d)) continue;
      let next = d + 1;
      while (next < days && !present(next)) next++;
      // Touch today if it is due, or if the next day the user is there is already too late.
      if (d >= last + CADENCE[p.circle] || next > last + CADENCE[p.circle]) {
        last = d;
        justInTime++;
      }
    }
  }
  const shortfall = Math.max(0, justInTime + followUpsTarget - touches);
  const perTouch = Math.min(
    ...[...new Set(tracked.map((p) => p.circle))].map(
      (c) => (1 - Math.exp(-CADENCE[c] / REACH_OUT_EVERY[c])) * REACH_OUT_EVERY[c],
    ),
  );
  const withoutForesight = Math.max(0, 1 - (shortfall * perTouch) / Math.max(personDays, 1));
  const touchesForBest = curves.reduce((sum, c) => sum + c.indexOf(Math.min(...c)), 0);
  return {
    seed: world.options.seed,
    touches,
    followUpsPossible,
    eventsMet,
    inCadenceNoFollowUps: share(touches),
    inCadenceWithFollowUps: share(touches - followUpsTarget),
    followUpsTarget,
    justInTime,
    withoutForesight,
    touchesForBest,
    inCadenceUnlimited: share(touchesForBest),
  };
}
