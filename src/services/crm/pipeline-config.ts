import type { CriterionDef, QualificationFieldDef } from "../../entities/pipeline";
import type { QualificationValue } from "../../entities/lead";
import { CriterionOperator as Op, QualificationFieldType as FieldType } from "../../schema/crm-enums";
import { Errors } from "../../schema/errors";
import { FIELDS_BY_KIND } from "../documents/extract";
import { requiredText } from "../validation/input";

const KEY = /^[a-z][a-zA-Z0-9_]{0,39}$/;
const NUMERIC = [FieldType.NUMBER, FieldType.MONEY];

export const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();

/** Validates the tenant's qualification fields; errors name `qualificationFields.<i>.<prop>`. */
export function parseFields(input: Array<Partial<QualificationFieldDef>>): QualificationFieldDef[] {
  if (input.length > 30) throw Errors.badInput("qualificationFields", "Use até 30 campos de qualificação.");
  const seen = new Set<string>();
  return input.map((f, i) => {
    const at = (p: string) => `qualificationFields.${i}.${p}`;
    const key = (f.key ?? "").trim();
    if (!KEY.test(key)) throw Errors.badInput(at("key"), "A chave deve começar com letra minúscula e ter só letras, números e _ (até 40), por exemplo contaMensal.");
    if (seen.has(key)) throw Errors.badInput(at("key"), `Chave repetida: ${key}.`);
    seen.add(key);
    if (!f.type || !Object.values(FieldType).includes(f.type)) throw Errors.badInput(at("type"), `Tipo inválido: use ${Object.values(FieldType).join(", ")}.`);
    const list = (p: string, v: string[] | undefined, max: number) => {
      const out = [...new Set((v ?? []).map((x) => x.trim()).filter(Boolean))];
      if (out.length > max || out.some((x) => x.length > 80)) throw Errors.badInput(at(p), `Use até ${max} itens de até 80 caracteres.`);
      return out;
    };
    const options = list("options", f.options, 30);
    if (f.type === FieldType.CHOICE && !options.length) throw Errors.badInput(at("options"), "Informe as opções aceitas.");
    const documentField = f.documentField?.trim() || null;
    if (documentField) {
      const [kind, field] = documentField.split(".");
      if (!kind || !field || !(FIELDS_BY_KIND as Record<string, readonly string[]>)[kind]?.includes(field)) {
        const known = Object.entries(FIELDS_BY_KIND).flatMap(([k, fs]) => fs.map((x) => `${k}.${x}`)).join(", ");
        throw Errors.badInput(at("documentField"), `Campo de documento desconhecido: use ${known}.`);
      }
    }
    return { key, label: requiredText(at("label"), f.label ?? "", 80, "O rótulo"), type: f.type, options, keywords: list("keywords", f.keywords, 20), documentField };
  });
}

/** Validates the qualification criteria against the fields; errors name `criteria.<i>.<prop>`. */
export function parseCriteria(input: Array<Partial<CriterionDef>>, fields: QualificationFieldDef[]): CriterionDef[] {
  if (input.length > 30) throw Errors.badInput("criteria", "Use até 30 critérios.");
  return input.map((c, i) => {
    const at = (p: string) => `criteria.${i}.${p}`;
    const field = fields.find((f) => f.key === c.field);
    if (!field) throw Errors.badInput(at("field"), `Campo de qualificação inexistente: ${c.field ?? ""}.`);
    if (!c.op || !Object.values(Op).includes(c.op)) throw Errors.badInput(at("op"), `Operador inválido: use ${Object.values(Op).join(", ")}.`);
    if (c.op === Op.PRESENT) return { field: field.key, op: c.op };
    if ([Op.GT, Op.GTE, Op.LT, Op.LTE].includes(c.op)) {
      if (!NUMERIC.includes(field.type)) throw Errors.badInput(at("op"), "Comparações de maior/menor valem só para campos numéricos.");
      if (typeof c.value !== "number" || !Number.isFinite(c.value)) throw Errors.badInput(at("value"), "Informe um número.");
      return { field: field.key, op: c.op, value: c.value };
    }
    if (c.op === Op.IN) {
      if (!Array.isArray(c.value) || !c.value.length || c.value.length > 200 || c.value.some((v) => typeof v !== "string" && typeof v !== "number")) throw Errors.badInput(at("value"), "Informe uma lista de valores.");
      return { field: field.key, op: c.op, value: c.value };
    }
    if (!["string", "number", "boolean"].includes(typeof c.value)) throw Errors.badInput(at("value"), "Informe o valor a comparar.");
    return { field: field.key, op: c.op, value: c.value };
  });
}

/** A manual qualification value coerced to the field's type; errors name `qualification.<key>`. */
export function coerceValue(field: QualificationFieldDef, raw: unknown, path = `qualification.${field.key}`): QualificationValue {
  if (raw === null || raw === undefined || raw === "") return null;
  switch (field.type) {
    case FieldType.NUMBER:
    case FieldType.MONEY: {
      const n = typeof raw === "number" ? raw : typeof raw === "string" ? Number(raw.replace(/\./g, "").replace(",", ".")) : NaN;
      if (!Number.isFinite(n) || n < 0 || n > 1e12) throw Errors.badInput(path, `${field.label}: informe um número.`);
      return field.type === FieldType.MONEY ? Math.round(n * 100) / 100 : n;
    }
    case FieldType.BOOLEAN:
      if (typeof raw !== "boolean") throw Errors.badInput(path, `${field.label}: informe verdadeiro ou falso.`);
      return raw;
    case FieldType.CHOICE: {
      const opt = typeof raw === "string" ? field.options?.find((o) => fold(o) === fold(raw)) : undefined;
      if (!opt) throw Errors.badInput(path, `${field.label}: use uma das opções: ${(field.options ?? []).join(", ")}.`);
      return opt;
    }
    default:
      if (typeof raw !== "string") throw Errors.badInput(path, `${field.label}: informe um texto.`);
      return requiredText(path, raw, 200, field.label);
  }
}

/** A city value "Campinas/SP" compares by its name. */
const comparable = (field: QualificationFieldDef | undefined, v: unknown) => (typeof v === "string" ? fold(field?.type === FieldType.CITY ? v.split("/")[0]! : v) : v);

/** Whether every criterion holds for the lead's qualification answers (no criteria: never). */
export function criteriaHold(criteria: CriterionDef[], fields: QualificationFieldDef[], values: Record<string, QualificationValue>): boolean {
  if (!criteria.length) return false;
  return criteria.every((c) => {
    const field = fields.find((f) => f.key === c.field);
    const v = values[c.field];
    if (v === null || v === undefined) return false;
    switch (c.op) {
      case Op.PRESENT: return true;
      case Op.GT: return typeof v === "number" && v > (c.value as number);
      case Op.GTE: return typeof v === "number" && v >= (c.value as number);
      case Op.LT: return typeof v === "number" && v < (c.value as number);
      case Op.LTE: return typeof v === "number" && v <= (c.value as number);
      case Op.EQ: return comparable(field, v) === comparable(field, c.value);
      case Op.NEQ: return comparable(field, v) !== comparable(field, c.value);
      case Op.IN: return (c.value as unknown[]).some((x) => comparable(field, x) === comparable(field, v));
    }
  });
}
