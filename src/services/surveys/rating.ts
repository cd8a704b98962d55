/**
 * Reads a customer's answer to a survey question. Accepted (CSAT 1–5, NPS 0–10):
 * - a number alone or after "nota": "4", "nota 5", "Nota: 9", "4/5", "9 de 10";
 * - a number followed by a comment after a separator: "5, adorei", "2 - demorou muito", "10! perfeito";
 * - stars (CSAT): ⭐⭐⭐⭐ (or 🌟), the count is the score;
 * - one face or thumb (CSAT): 😡🤬 1 · 😞☹️🙁😢😠 2 · 😐😑😶 3 · 🙂😊👍 4 · 😀😃😄😁😍🤩🥰❤️ 5 · 👎 1;
 * - a WhatsApp button or list reply whose title is any of the above (e.g. "5 - Excelente").
 * Anything else (a number with more words and no separator, such as "2 boletos vencidos", or a
 * number out of range) is not an answer: the message goes on as a normal message.
 */
export interface Rating { score: number; comment: string | null }

const FACES: Array<[RegExp, number]> = [
  [/^(😡|🤬|👎)$/u, 1],
  [/^(😞|☹️|☹|🙁|😢|😠|😭)$/u, 2],
  [/^(😐|😑|😶)$/u, 3],
  [/^(🙂|😊|👍)$/u, 4],
  [/^(😀|😃|😄|😁|😍|🤩|🥰|❤️|❤)$/u, 5],
];

const WORDS: Record<string, number> = { zero: 0, um: 1, uma: 1, dois: 2, duas: 2, tres: 3, três: 3, quatro: 4, cinco: 5, seis: 6, sete: 7, oito: 8, nove: 9, dez: 10 };

export function parseRating(raw: string | null | undefined, kind: "CSAT" | "NPS"): Rating | null {
  const text = (raw ?? "").trim().replace(/\s+/g, " ");
  if (!text || text.length > 1000) return null;
  const [min, max] = kind === "CSAT" ? [1, 5] : [0, 10];
  const inRange = (n: number) => Number.isInteger(n) && n >= min && n <= max;

  if (kind === "CSAT") {
    const stars = /^((?:⭐|🌟)(?:\s?(?:⭐|🌟))*)\s*(?:[,.;:!–—-]\s*(.*))?$/u.exec(text);
    if (stars) {
      const n = [...stars[1]!.matchAll(/⭐|🌟/gu)].length;
      return inRange(n) ? { score: n, comment: clean(stars[2]) } : null;
    }
    const face = /^(\S+?)\s*(?:[,.;:!–—-]\s*(.*))?$/u.exec(text);
    if (face) {
      for (const [re, score] of FACES) if (re.test(face[1]!)) return { score, comment: clean(face[2]) };
    }
  }

  const lower = text.toLowerCase();
  const word = /^(?:nota:?\s*)?([a-zê]+)[.!]?$/u.exec(lower);
  if (word && word[1]! in WORDS && inRange(WORDS[word[1]!]!)) return { score: WORDS[word[1]!]!, comment: null };

  const m = /^(nota:?\s*)?(\d{1,2})(?:\s*(?:\/\s*(?:5|10)|de\s+(?:5|10)))?(?:\s*$|\s*[,.;:!–—-]\s*(.*)$|\s+(.*)$)/u.exec(lower);
  if (!m) return null;
  const n = Number(m[2]);
  if (!inRange(n)) return null;
  // "5 adorei": after a bare number, more words count only with "nota" before it (else "2 boletos" would be a rating).
  if (m[4] !== undefined && !m[1]) return null;
  const offset = text.length - (m[3] ?? m[4] ?? "").length;
  return { score: n, comment: clean(m[3] !== undefined || m[4] !== undefined ? text.slice(offset) : null) };
}

function clean(s: string | null | undefined): string | null {
  const v = (s ?? "").trim();
  return v ? v.slice(0, 1000) : null;
}
