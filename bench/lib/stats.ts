/** Percentile of an ascending-sorted array (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export interface Summary { n: number; p50: number; p99: number; max: number; mean: number }

export function summarize(samples: number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / (s.length || 1);
  return { n: s.length, p50: percentile(s, 50), p99: percentile(s, 99), max: s.at(-1) ?? NaN, mean };
}

export const fmt = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : "—");

export const ratio = (platform: number, baseline: number, digits = 3): string => (Number.isFinite(platform) && Number.isFinite(baseline) && baseline > 0 ? (platform / baseline).toFixed(digits) : "—");
