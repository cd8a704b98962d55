/**
 * Typo-tolerant detector of words that a message a bot may answer on its own hardly ever
 * contains: cancelling, complaining, damage, legal steps, personal data, asking for a person.
 *
 * The safety layer (safety.ts) decides intents with exact patterns and is blind to "cancrlar",
 * "groso" or "faltnado"; this layer does not decide anything, it only stops auto-resolution,
 * so it can afford to be broad. A stem matches the start of a word within one edit
 * (substitution, insertion, deletion or swapped neighbours) when it has six letters or more,
 * exactly when shorter ("multa" is one letter from "muita").
 */
import type { Analysed } from "./normalize";

const STEMS: Readonly<Record<string, readonly string[]>> = {
  cancellation: ["cancel", "rescind", "rescis", "desist", "arrepend", "estorn", "reembols", "devolv", "devoluc"],
  complaint: [
    "reclam", "procon", "advogad", "justica", "indeniz", "defeit", "quebrad", "danific", "amassad", "rachad", "trincad", "estragad",
    "faltand", "grosso", "grossa", "grosseir", "desrespeit", "descaso", "indevid", "insatisf", "decepcion", "absurd", "ridicul", "pessim",
    "horrivel", "vergonh", "palhacad", "humilh", "enganad", "porcaria", "lixo", "golpe", "fraude", "roubad", "nunca contratei",
  ],
  privacy_request: ["lgpd", "privacidad", "descadastr", "newsletter", "spam", "consentiment", "dados", "apagu", "exclua", "exclusao", "remova"],
  human_request: ["atendent", "humano", "humana", "gerente", "supervisor", "ouvidoria", "robo", "bot"],
};

const ENTRIES: ReadonlyArray<{ intent: string; stem: string }> = Object.entries(STEMS).flatMap(([intent, stems]) => stems.map((stem) => ({ intent, stem })));

/** Optimal string alignment distance, stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const prev2 = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev2.splice(0, prev2.length, ...prev);
    prev = cur;
  }
  return prev[b.length]!;
}

function matchesStem(word: string, stem: string): boolean {
  if (stem.length < 6) return word === stem || (word.startsWith(stem) && word.length <= stem.length + 2);
  // Word prefixes one letter shorter or longer than the stem absorb a lost or an extra letter.
  for (const k of [stem.length - 1, stem.length, stem.length + 1]) {
    if (k <= word.length && editDistance(word.slice(0, k), stem, 1) <= 1) return true;
  }
  return false;
}

/** Intents whose vocabulary appears in the message, typos included; empty for most answerable messages. */
export function sensitiveHits(a: Analysed): string[] {
  const hits = new Set<string>();
  const words = a.words.filter((w) => w.length >= 3);
  const bigrams = words.slice(1).map((w, i) => `${words[i]} ${w}`);
  for (const { intent, stem } of ENTRIES) {
    if (hits.has(intent)) continue;
    const pool = stem.includes(" ") ? bigrams : words;
    if (pool.some((w) => matchesStem(w, stem))) hits.add(intent);
  }
  return [...hits];
}
