import type { QualificationValue } from "../../../entities/lead";
import type { QualificationFieldDef } from "../../../entities/pipeline";
import { QualificationFieldType as FieldType } from "../../../schema/crm-enums";
import { findCities, findMoney, findNumbers, findYesNo, foldKeep, type Found } from "./values";

/**
 * Qualification answers read from a client's message without a language model:
 * a value of the field's type right after (or just before) one of the field's words
 * ("minha conta de luz vem uns 450 reais"), or anywhere in the message when the
 * business has just asked for that field ("Qual o valor da sua conta?" → "450").
 * Money marked as money and cities with a cue are taken even unannounced, when the
 * tenant has only one field of that type.
 */
export function extractByRules(fields: QualificationFieldDef[], text: string, previousQuestion: string | null): Record<string, QualificationValue> {
  const out: Record<string, QualificationValue> = {};
  const clean = text.trim();
  if (!clean) return out;
  const folded = foldKeep(clean);
  const question = previousQuestion && /\?/.test(previousQuestion) ? foldKeep(previousQuestion) : null;
  for (const field of fields) {
    const terms = termsOf(field);
    const asked = Boolean(question && terms.some((t) => question.includes(t)));
    const value = nearMention(field, clean, folded, terms) ?? (asked ? parse(field, clean, true)[0]?.value ?? null : unannounced(field, fields, clean));
    if (value !== null && value !== undefined) out[field.key] = value;
  }
  return out;
}

function termsOf(field: QualificationFieldDef): string[] {
  return [field.label, ...(field.keywords ?? [])].map((t) => foldKeep(t.trim())).filter((t) => t.length >= 3);
}

/** Sentence (or clause) boundaries: a value belongs to the words of its own sentence. */
const STOP = /[!?\n;]|\.(?=\s|$)/;

function nearMention(field: QualificationFieldDef, text: string, folded: string, terms: string[]): QualificationValue | undefined {
  let best: { value: QualificationValue; distance: number } | null = null;
  for (const term of terms) {
    for (let at = folded.indexOf(term); at >= 0; at = folded.indexOf(term, at + 1)) {
      if (at > 0 && /[a-z0-9]/.test(folded[at - 1]!)) continue;
      const end = at + term.length;
      const rest = text.slice(end, end + 120);
      const stop = rest.search(STOP);
      const after = parse(field, stop >= 0 ? rest.slice(0, stop) : rest, true)[0];
      if (after && (!best || after.index < best.distance)) best = { value: after.value, distance: after.index };
      if (field.type === FieldType.TEXT) continue;
      // "380 kWh": the value may come right before the word.
      const head = text.slice(Math.max(0, at - 60), at);
      const cut = Math.max(0, ...[...head.matchAll(new RegExp(STOP, "g"))].map((m) => (m.index ?? -1) + 1));
      const before = parse(field, head.slice(cut), true).at(-1);
      const distance = before ? head.length - cut - before.end : Infinity;
      if (before && (!best || distance < best.distance)) best = { value: before.value, distance };
    }
  }
  return best?.value;
}

function unannounced(field: QualificationFieldDef, fields: QualificationFieldDef[], text: string): QualificationValue | null {
  const alone = fields.filter((f) => f.type === field.type).length === 1;
  if (field.type === FieldType.MONEY && alone) {
    const money = findMoney(text);
    return money.length === 1 ? money[0]!.value : null;
  }
  if (field.type === FieldType.CITY && alone) return findCities(text)[0]?.value ?? null;
  if (field.type === FieldType.CHOICE) {
    const hits = choices(field, text);
    return hits.length === 1 ? hits[0]!.value : null;
  }
  return null;
}

function choices(field: QualificationFieldDef, text: string): Array<Found<string>> {
  const folded = foldKeep(text);
  return (field.options ?? []).flatMap((o) => {
    const m = new RegExp(`(?<![a-z0-9])${foldKeep(o).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![a-z0-9])`).exec(folded);
    return m ? [{ value: o, index: m.index, end: m.index + m[0].length }] : [];
  });
}

/** Values of the field's type in `text`, in order; `loose` when the text is known to answer this field. */
function parse(field: QualificationFieldDef, text: string, loose: boolean): Array<Found<QualificationValue>> {
  switch (field.type) {
    case FieldType.MONEY: return findMoney(text, loose);
    case FieldType.NUMBER: return findNumbers(text);
    case FieldType.CITY: return findCities(text, loose);
    case FieldType.CHOICE: return choices(field, text).sort((a, b) => a.index - b.index);
    case FieldType.BOOLEAN: {
      const yn = findYesNo(text);
      return yn ? [yn] : [];
    }
    case FieldType.TEXT: {
      const t = text.replace(/^[\s:,-]*(?:e|é|eh|sao|são)?\s*/i, "").trim().replace(/[.!]+$/, "");
      return t && t.length <= 200 && !t.endsWith("?") ? [{ value: t, index: 0, end: text.length }] : [];
    }
  }
}
