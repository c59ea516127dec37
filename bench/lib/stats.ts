/** Percentiles and summaries shared by the benchmarks. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

export interface Summary {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  runs: number;
}

export function summarise(ms: number[]): Summary {
  const s = [...ms].sort((a, b) => a - b);
  return {
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    max: s[s.length - 1] ?? 0,
    runs: s.length,
  };
}

/** Times `fn` `runs` times after `warmup` unmeasured calls; milliseconds per call. */
export async function timeIt(fn: (i: number) => Promise<unknown>, runs: number, warmup = 10): Promise<Summary> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
    ms.push(performance.now() - t);
  }
  return summarise(ms);
}
