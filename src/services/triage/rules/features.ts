/**
 * Sparse feature extraction. Groups are L2-normalised separately and then scaled, so a long
 * e-mail's hundreds of character n-grams cannot drown the handful of lexicon cues that carry
 * most of the signal in a 240-example training set.
 */
import type { Channel } from "../types";
import { detectCues } from "./lexicon";
import type { Analysed } from "./normalize";

export type FeatureGroup = "w" | "b" | "p" | "c" | "k" | "m";
export type GroupWeights = Record<FeatureGroup, number>;

export const DEFAULT_GROUP_WEIGHTS: GroupWeights = { w: 1, b: 0.6, p: 0.6, c: 1, k: 1.4, m: 0.5 };

export type SparseVector = Map<string, number>;

function lengthBucket(n: number): string {
  if (n <= 1) return "1";
  if (n <= 3) return "2-3";
  if (n <= 8) return "4-8";
  if (n <= 20) return "9-20";
  return "21+";
}

export function extractFeatures(
  a: Analysed,
  channel: Channel | undefined,
  weights: GroupWeights = DEFAULT_GROUP_WEIGHTS,
): SparseVector {
  const groups: Record<FeatureGroup, Set<string>> = {
    w: new Set(), b: new Set(), p: new Set(), c: new Set(), k: new Set(), m: new Set(),
  };
  // Negated words live in their own namespace: "nao consigo" must not look like "consigo".
  const toks = a.words.map((w, i) => (a.negated[i] ? `!${w}` : w));
  for (const t of toks) groups.w.add(t);
  if (toks.length) groups.b.add(`^ ${toks[0]}`);
  for (let i = 0; i + 1 < toks.length; i++) groups.b.add(`${toks[i]} ${toks[i + 1]}`);
  // Truncation stemming: cancelar/cancelamento/cancelei, pagamento/pagar share a prefix.
  for (const t of toks) {
    const bare = t.replace(/^!/, "");
    if (bare.length >= 6) groups.p.add((t.startsWith("!") ? "!" : "") + bare.slice(0, 5));
  }
  // Character n-grams inside word boundaries absorb typos and inflections ("cancelr", "pagei").
  for (let i = 0; i < a.words.length; i++) {
    const w = ` ${a.words[i]} `;
    const ns = a.negated[i] ? "!" : "";
    for (let n = 3; n <= 4; n++) {
      for (let j = 0; j + n <= w.length; j++) groups.c.add(ns + w.slice(j, j + n));
    }
  }
  const cues = detectCues(a);
  for (const c of cues) groups.k.add(c);
  if (cues.length === 0) groups.k.add("none");

  groups.m.add(`len:${lengthBucket(a.words.length)}`);
  if (a.plain.includes("?")) groups.m.add("question");
  if (a.upperRatio > 0.6 && a.words.length >= 1) groups.m.add("shout");
  if (a.exclamations >= 2) groups.m.add("exclaim");
  groups.m.add(`ch:${channel ?? "NONE"}`);
  if (a.greeted) groups.m.add("greeted");
  if (a.signedOff) groups.m.add("signed_off");

  const out: SparseVector = new Map();
  for (const g of Object.keys(groups) as FeatureGroup[]) {
    const set = groups[g];
    if (!set.size || !weights[g]) continue;
    const v = weights[g] / Math.sqrt(set.size);
    for (const f of set) out.set(`${g}:${f}`, v);
  }
  return out;
}
