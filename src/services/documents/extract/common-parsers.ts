import { findCnpjs, findCpfs, findDates, findMoney, findMonths, fold } from "./br-format";

/** Parsers shared by the extractors, in the shape `lookup` expects (text → value | null). */

export function firstMoney(text: string): number | null {
  const m = findMoney(text);
  return m.length ? m[0].value : null;
}

/** A cell that holds only an amount (optionally "R$", leaders and stray punctuation). */
export function moneyOnly(text: string): number | null {
  const m = findMoney(text);
  if (m.length !== 1) return null;
  const rest = (text.slice(0, m[0].index) + " " + text.slice(m[0].end)).replace(/R\s?\$|RS|[\s.:;,\-–—_|'"*]/gi, "");
  return rest.length <= 1 ? m[0].value : null;
}

export function firstDate(text: string): string | null {
  return findDates(text)[0]?.value ?? null;
}

export function dateOnly(text: string): string | null {
  const d = findDates(text);
  if (d.length !== 1) return null;
  const rest = (text.slice(0, d[0].index) + text.slice(d[0].end)).replace(/[\s.:;,\-–—_|'"*]/g, "");
  return rest.length <= 2 ? d[0].value : null;
}

/** Month-year; a period written as a date range counts as the month it starts in. */
export function firstMonth(text: string): string | null {
  const months = findMonths(text);
  const dates = findDates(text);
  if (months.length && (!dates.length || months[0].index <= dates[0].index)) return months[0].value;
  if (dates.length >= 2 && /\d\s*(?:A|ATE|-|–)\s*\d/.test(fold(text.slice(dates[0].index, dates[1].end)))) {
    return dates[0].value.slice(0, 7);
  }
  return null;
}

export function firstCpf(text: string): string | null {
  return findCpfs(text)[0]?.value ?? null;
}

export function firstCnpj(text: string): string | null {
  return findCnpjs(text)[0]?.value ?? null;
}

/** A plain integer (readings, kWh) that is not part of a date, an amount or a longer code. */
export function integers(text: string): { value: number; index: number; end: number }[] {
  const out: { value: number; index: number; end: number }[] = [];
  for (const m of text.matchAll(/(?<![\d.,/\-])(\d{1,3}(?:\.\d{3})+|\d{1,9})(?![\d,/]|\.\d|-\d)/g)) {
    out.push({ value: Number(m[1].replace(/\./g, "")), index: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  }
  return out;
}

/** Distinct values, keeping first-seen order. */
export function distinct<T>(values: T[]): T[] {
  return [...new Set(values)];
}
