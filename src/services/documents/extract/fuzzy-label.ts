/**
 * Approximate label search for noisy scans, where small labels come out as "NOME DO CLNTE" or
 * "TOTA A PAGAR". Only used when no exact label matched, and only for labels long enough that a
 * couple of edits cannot turn them into another word.
 */
export interface FuzzyHit {
  start: number;
  end: number;
  distance: number;
}

/** Edits tolerated for a label of this length (0 disables fuzzy matching for it). */
export function maxEdits(label: string): number {
  const n = label.replace(/\s/g, "").length;
  return n >= 12 ? 2 : n >= 8 ? 1 : 0;
}

const isLetter = (c: string | undefined) => c !== undefined && /[A-Z0-9]/.test(c);

/**
 * Sellers' algorithm: best approximate occurrences of `label` in `line` (both folded), with
 * edit distance ≤ maxDist, starting and ending on word boundaries. Non-overlapping, best first.
 */
export function fuzzyFind(line: string, label: string, maxDist = maxEdits(label)): FuzzyHit[] {
  if (maxDist <= 0 || line.length === 0) return [];
  const m = label.length;
  // dist[i][j]: best distance of label[0..i) ending at line position j; start tracks where.
  let prev = new Array<number>(line.length + 1).fill(0);
  let prevStart = Array.from({ length: line.length + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = new Array<number>(line.length + 1);
    const curStart = new Array<number>(line.length + 1);
    cur[0] = i;
    curStart[0] = 0;
    for (let j = 1; j <= line.length; j++) {
      const sub = prev[j - 1] + (label[i - 1] === line[j - 1] ? 0 : 1);
      const del = prev[j] + 1;
      const ins = cur[j - 1] + 1;
      if (sub <= del && sub <= ins) {
        cur[j] = sub;
        curStart[j] = prevStart[j - 1];
      } else if (del <= ins) {
        cur[j] = del;
        curStart[j] = prevStart[j];
      } else {
        cur[j] = ins;
        curStart[j] = curStart[j - 1];
      }
    }
    prev = cur;
    prevStart = curStart;
  }
  const candidates: FuzzyHit[] = [];
  for (let j = 1; j <= line.length; j++) {
    const start = prevStart[j];
    if (prev[j] > maxDist || isLetter(line[j]) || isLetter(line[start - 1])) continue;
    if (j - start < m - maxDist) continue;
    candidates.push({ start, end: j, distance: prev[j] });
  }
  candidates.sort((a, b) => a.distance - b.distance || a.start - b.start);
  const out: FuzzyHit[] = [];
  for (const c of candidates) {
    if (out.some((o) => c.start < o.end && o.start < c.end)) continue;
    out.push(c);
  }
  return out;
}
