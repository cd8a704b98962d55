/** Brazilian document/number/date helpers, tolerant of the usual OCR slips. */

/** Removes diacritics, one output char per input char so column offsets are preserved. */
export function foldChar(c: string): string {
  const base = c.normalize("NFD").charAt(0);
  const up = base.toUpperCase();
  return up.length === 1 ? up : base;
}

/** Upper-case, accent-free copy of `s` with exactly the same length (column-preserving). */
export function fold(s: string): string {
  let out = "";
  for (const c of s) {
    // Astral chars take two UTF-16 units; keep the length identical.
    out += c.length === 1 ? foldChar(c) : "?".repeat(c.length);
  }
  return out;
}

/** For comparing names: case, accents, punctuation spacing and extra spaces ignored. */
export function normalizeName(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toUpperCase()
    .replace(/\s+/g, " ")
    .trim();
}

export function onlyDigits(s: string): string {
  return s.replace(/\D+/g, "");
}

// Letters OCR produces for digits inside a run of digits.
const DIGIT_SLIPS: Record<string, string> = {
  O: "0", o: "0", Q: "0", D: "0", "°": "0",
  l: "1", I: "1", i: "1", "|": "1", "!": "1", "]": "1",
  Z: "2", z: "2",
  S: "5", s: "5",
  G: "6", b: "6",
  T: "7",
  B: "8",
  g: "9", q: "9",
};

const SLIP = "OoQDlIi|!\\]ZzSsGbTBgq°";
const DIGITISH_TOKEN = new RegExp(`(?<![\\p{L}])[0-9${SLIP}]+(?:[.,/\\-]\\s?[0-9${SLIP}]+)*(?![\\p{L}])`, "gu");
const SLIP_CHAR = new RegExp(`[${SLIP}]`, "g");

/**
 * Replaces look-alike letters with digits, but only inside tokens that are already mostly digits
 * (so "R$ 1.O53,2l" is repaired while words like "SOL" are left alone). Length-preserving.
 */
export function repairDigits(s: string): string {
  return s.replace(DIGITISH_TOKEN, (tok) => {
    const digits = (tok.match(/\d/g) ?? []).length;
    const slips = (tok.match(SLIP_CHAR) ?? []).length;
    if (slips === 0 || digits < 2 || slips > Math.max(1, digits / 2)) return tok;
    return tok.replace(SLIP_CHAR, (c) => DIGIT_SLIPS[c] ?? c);
  });
}

function mod11Digit(digits: string, weights: number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += Number(digits[i]) * weights[i];
  const r = sum % 11;
  return r < 2 ? 0 : 11 - r;
}

export function isValidCpf(value: string): boolean {
  if (!/^\d{11}$/.test(value) || /^(\d)\1{10}$/.test(value)) return false;
  const d1 = mod11Digit(value, [10, 9, 8, 7, 6, 5, 4, 3, 2]);
  const d2 = mod11Digit(value, [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
  return d1 === Number(value[9]) && d2 === Number(value[10]);
}

export function isValidCnpj(value: string): boolean {
  if (!/^\d{14}$/.test(value) || /^(\d)\1{13}$/.test(value)) return false;
  const d1 = mod11Digit(value, [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
  const d2 = mod11Digit(value, [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
  return d1 === Number(value[12]) && d2 === Number(value[13]);
}

export const CPF_PATTERN = /(?<![\d.])(\d{3})\s?[.,]?\s?(\d{3})\s?[.,]?\s?(\d{3})\s?[-–.]?\s?(\d{2})(?![\d])/g;
export const CNPJ_PATTERN =
  /(?<![\d.])(\d{2})\s?[.,]?\s?(\d{3})\s?[.,]?\s?(\d{3})\s?[/1lI|]?\s?(\d{4})\s?[-–.]?\s?(\d{2})(?!\d)/g;

/** All CPFs with valid check digits in `s`, in order of appearance. */
export function findCpfs(s: string): { value: string; index: number }[] {
  const out: { value: string; index: number }[] = [];
  for (const m of repairDigits(s).matchAll(CPF_PATTERN)) {
    const v = m.slice(1, 5).join("");
    if (isValidCpf(v)) out.push({ value: v, index: m.index ?? 0 });
  }
  return out;
}

/** All CNPJs with valid check digits in `s`, in order of appearance. */
export function findCnpjs(s: string): { value: string; index: number }[] {
  const out: { value: string; index: number }[] = [];
  for (const m of repairDigits(s).matchAll(CNPJ_PATTERN)) {
    const v = m.slice(1, 6).join("");
    if (isValidCnpj(v)) out.push({ value: v, index: m.index ?? 0 });
  }
  return out;
}

// Thousands groups may carry an OCR space after the dot ("3. 102,63"); cents are exactly 2.
// A comma misread for the thousands dot ("10,494,11") is accepted: ",ddd," cannot be cents.
const MONEY_RE = /(?<![\d.,])(\d{1,3}(?:\.\s?\d{3}|,\d{3}(?=[.,]))+|\d{1,7}),\s?(\d{2})(?![\d,]|\.\d|\s?%)/g;

export interface MoneyMatch {
  value: number;
  index: number;
  end: number;
}

/** Monetary amounts written the Brazilian way (`3.612,40`, `R$ 1.453,00`, `287,43`). */
export function findMoney(s: string): MoneyMatch[] {
  const repaired = repairDigits(s);
  const out: MoneyMatch[] = [];
  for (const m of repaired.matchAll(MONEY_RE)) {
    const reais = Number(m[1].replace(/[.,\s]/g, ""));
    const cents = Number(m[2]);
    out.push({ value: (reais * 100 + cents) / 100, index: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  }
  return out;
}

export function parseMoney(s: string): number | null {
  const all = findMoney(s);
  return all.length ? all[0].value : null;
}

/** Exact-to-the-cent comparison without float drift. */
export function sameCents(a: number, b: number): boolean {
  return Math.round(a * 100) === Math.round(b * 100);
}

export function roundCents(n: number): number {
  return Math.round(n * 100) / 100;
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

function validDate(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const DATE_RE = /(?<!\d)(\d{2})\s?[/.-]\s?(\d{2})\s?[/.-]\s?(\d{4})(?!\d)/g;

/** dd/mm/aaaa dates in `s` as YYYY-MM-DD, invalid calendar dates skipped. */
export function findDates(s: string): { value: string; index: number; end: number }[] {
  const out: { value: string; index: number; end: number }[] = [];
  for (const m of repairDigits(s).matchAll(DATE_RE)) {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (validDate(y, mo, d)) out.push({ value: `${y}-${pad2(mo)}-${pad2(d)}`, index: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  }
  return out;
}

export function parseDate(s: string): string | null {
  return findDates(s)[0]?.value ?? null;
}

// Accent-free prefixes; OCR often mangles the tail of long month names, so 3-letter stems decide.
const MONTHS = ["JAN", "FEV", "MAR", "ABR", "MAI", "JUN", "JUL", "AGO", "SET", "OUT", "NOV", "DEZ"];
const MONTH_WORD = "(JAN(?:EIRO)?|FEV(?:EREIRO)?|MAR(?:CO)?|ABR(?:IL)?|MAI(?:O)?|JUN(?:HO)?|JUL(?:HO)?|AGO(?:STO)?|SET(?:EMBRO)?|OUT(?:UBRO)?|NOV(?:EMBRO)?|DEZ(?:EMBRO)?)\\.?";
const MONTH_NAME_RE = new RegExp(`(?<![A-Z])${MONTH_WORD}\\s*(?:/|-|\\s+DE\\s+|\\s+)\\s*((?:19|20)\\d{2}|\\d{2})(?!\\d)`, "g");
const MONTH_NUM_RE = /(?<![\d/.])(\d{1,2})\s?[/.-]\s?((?:19|20)\d{2})(?![\d/])/g;

/**
 * Month-year expressions (`MARÇO/2026`, `Mar/26`, `03/2026`, `Março de 2026`) as YYYY-MM.
 * Full dates (`14/03/2026`) are deliberately not matched.
 */
export function findMonths(s: string): { value: string; index: number; end: number }[] {
  const text = fold(repairMonthDigits(s));
  const out: { value: string; index: number; end: number }[] = [];
  for (const m of text.matchAll(MONTH_NAME_RE)) {
    const month = MONTHS.indexOf(m[1].slice(0, 3)) + 1;
    let year = Number(m[2]);
    if (m[2].length === 2) year += 2000;
    if (month > 0 && year >= 1990 && year <= 2100) out.push({ value: `${year}-${pad2(month)}`, index: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  }
  for (const m of text.matchAll(MONTH_NUM_RE)) {
    const month = Number(m[1]);
    const year = Number(m[2]);
    if (month >= 1 && month <= 12) out.push({ value: `${year}-${pad2(month)}`, index: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  }
  return out.sort((a, b) => a.index - b.index);
}

// Repairs only digit runs (years), leaving month names such as "SET"/"OUT" intact.
function repairMonthDigits(s: string): string {
  return s.replace(/[\dOlI|]{4}/g, (t) => (/\d{2}/.test(t) ? repairDigits(t) : t));
}

export function parseMonth(s: string): string | null {
  return findMonths(s)[0]?.value ?? null;
}

/** Formats for humans / tests: 12345678909 → 123.456.789-09. */
export function formatCpf(v: string): string {
  return v.replace(/^(\d{3})(\d{3})(\d{3})(\d{2})$/, "$1.$2.$3-$4");
}

export function formatCnpj(v: string): string {
  return v.replace(/^(\d{2})(\d{3})(\d{3})(\d{4})(\d{2})$/, "$1.$2.$3/$4-$5");
}

export function formatMoney(n: number): string {
  const [i, d] = Math.abs(n).toFixed(2).split(".");
  return `${n < 0 ? "-" : ""}${i.replace(/\B(?=(\d{3})+(?!\d))/g, ".")},${d}`;
}
