import { getMunicipalities } from "@brazilian-utils/brazilian-utils/get-municipalities";

/**
 * Values as people write them in a chat: money ("R$ 450", "uns 450 reais", "1,2 mil"),
 * numbers ("380 kWh", "2 mil"), cities (the IBGE list of municipalities), yes/no.
 * Every function works on the original text and returns positions in it.
 */

/** Lower-case, accent-free, one output char per input char (positions stay valid). */
export function foldKeep(s: string): string {
  let out = "";
  for (const c of s) {
    const base = c.length === 1 ? c.normalize("NFD").charAt(0).toLowerCase() : "?".repeat(c.length);
    out += base.length === 1 ? base : c;
  }
  return out;
}

export interface Found<T> { value: T; index: number; end: number }

const NUMBER = /(?<![\d/.,:-])(\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d+(?:[.,]\d{1,2})?)(?![\d/:]|[.,]\d)/g;
const MIL = /^\s*(mil|k)\b/i;
const REAIS = /^\s*(?:mil\s+)?(reais|real|conto|contos|pila|pilas)\b/i;

function parseNumber(raw: string): number {
  if (raw.includes(",")) return Number(raw.replace(/\./g, "").replace(",", "."));
  if (/^\d{1,3}(\.\d{3})+$/.test(raw)) return Number(raw.replace(/\./g, ""));
  return Number(raw);
}

/** Numbers with their "mil" multiplier; phone numbers, dates and long codes are skipped. */
export function findNumbers(text: string): Array<Found<number> & { money: boolean }> {
  const out: Array<Found<number> & { money: boolean }> = [];
  for (const m of text.matchAll(NUMBER)) {
    const raw = m[1]!;
    if (raw.replace(/\D/g, "").length > 9) continue;
    const start = m.index ?? 0;
    let end = start + m[0].length;
    let value = parseNumber(raw);
    const after = text.slice(end);
    const mil = MIL.exec(after);
    if (mil) {
      value *= 1000;
      end += mil[0].length;
    }
    const reais = REAIS.exec(text.slice(end));
    const before = text.slice(Math.max(0, start - 4), start);
    const money = /R\$\s*$/i.test(before) || Boolean(reais) || /,\d{2}$/.test(raw);
    if (reais) end += reais[0].length;
    if (Number.isFinite(value)) out.push({ value: Math.round(value * 100) / 100, index: start, end, money });
  }
  return out;
}

/** Amounts of money: marked as money (R$, reais, cents) unless `loose` (the value was asked for). */
export function findMoney(text: string, loose = false): Array<Found<number>> {
  return findNumbers(text).filter((n) => n.money || loose).map(({ value, index, end }) => ({ value, index, end }));
}

interface City { name: string; uf: string; folded: string }
let byFirstWord: Map<string, City[]> | null = null;
let namesByFolded: Map<string, City[]> | null = null;

function cityIndex(): Map<string, City[]> {
  if (byFirstWord) return byFirstWord;
  byFirstWord = new Map();
  namesByFolded = new Map();
  for (const m of getMunicipalities()) {
    const c: City = { name: m.name, uf: m.stateCode, folded: foldKeep(m.name) };
    const first = c.folded.split(/[\s'-]/)[0]!;
    byFirstWord.set(first, [...(byFirstWord.get(first) ?? []), c]);
    namesByFolded.set(c.folded, [...(namesByFolded.get(c.folded) ?? []), c]);
  }
  for (const list of byFirstWord.values()) list.sort((a, b) => b.folded.length - a.folded.length);
  return byFirstWord;
}

const UFS = new Set(["AC", "AL", "AP", "AM", "BA", "CE", "DF", "ES", "GO", "MA", "MT", "MS", "MG", "PA", "PB", "PR", "PE", "PI", "RJ", "RN", "RS", "RO", "RR", "SC", "SP", "SE", "TO"]);
/** Words that announce a place ("moro em", "sou de", "cidade de"). */
const STRONG_CUE = /(?:\b(?:moro|mora|moramos|morando|resido|reside|sou|somos|venho|fica|ficamos|estou|estamos|localizad[oa]s?)\s+(?:em|no|na|de|do|da)|\b(?:cidade|municipio|regiao)\s*(?:de|:)?)\s*$/;
const WEAK_CUE = /\b(?:em|de|no|na|do|da|para|pra)\s*$/;

/**
 * Brazilian municipalities named in the text. A city name is also often a word
 * ("natal", "vitória", "bonito"), so a match needs a cue ("moro em Campinas"), a
 * capitalised name after em/de/para, or a state ("Campinas/SP") — unless `loose`
 * (the city was just asked for). Value: "Name/UF" when the state is known or unique.
 */
export function findCities(text: string, loose = false): Array<Found<string>> {
  const index = cityIndex();
  const folded = foldKeep(text);
  const out: Array<Found<string>> = [];
  for (const w of folded.matchAll(/[a-z]+/g)) {
    const start = w.index ?? 0;
    if (start > 0 && /[a-z]/.test(folded[start - 1]!)) continue;
    if (out.length && start < out.at(-1)!.end) continue;
    const candidates = index.get(w[0]);
    const hit = candidates?.find((c) => folded.startsWith(c.folded, start) && !/[a-z0-9]/.test(folded[start + c.folded.length] ?? ""));
    if (!hit) continue;
    const end = start + hit.folded.length;
    const ufMatch = /^\s*(?:[-/,–]\s*|\s+)([A-Za-z]{2})(?![A-Za-z])/.exec(text.slice(end));
    const uf = ufMatch && UFS.has(ufMatch[1]!.toUpperCase()) ? ufMatch[1]!.toUpperCase() : null;
    const before = folded.slice(Math.max(0, start - 30), start);
    const capitalised = text[start] !== folded[start];
    if (!loose && !uf && !STRONG_CUE.test(before) && !(capitalised && WEAK_CUE.test(before))) continue;
    const same = namesByFolded!.get(hit.folded)!;
    const chosen = (uf ? same.find((c) => c.uf === uf) : null) ?? (same.length === 1 ? same[0] : null);
    out.push({ value: chosen ? `${chosen.name}/${chosen.uf}` : hit.name, index: start, end: end + (uf && chosen ? ufMatch![0].length : 0) });
  }
  return out;
}

/** A yes/no answer. */
export function findYesNo(text: string): Found<boolean> | null {
  const f = foldKeep(text);
  const no = /\b(nao|nunca|negativo)\b/.exec(f);
  if (no) return { value: false, index: no.index, end: no.index + no[0].length };
  const yes = /\b(sim|tenho|temos|possuo|claro|com certeza|isso|exato|positivo)\b/.exec(f);
  return yes ? { value: true, index: yes.index, end: yes.index + yes[0].length } : null;
}
