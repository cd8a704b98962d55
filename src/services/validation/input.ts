import { Errors } from "../../schema/errors";

/** Trimmed, non-empty, bounded text; the error names the field. */
export function requiredText(field: string, value: string, max = 200, label = "O campo"): string {
  const v = value.trim().replace(/\s+/g, " ");
  if (!v) throw Errors.badInput(field, `${label} é obrigatório.`);
  if (v.length > max) throw Errors.badInput(field, `${label} pode ter no máximo ${max} caracteres.`);
  return v;
}

export function optionalText(field: string, value: string | null | undefined, max = 200, label = "O campo"): string | null {
  if (value == null || !value.trim()) return null;
  return requiredText(field, value, max, label);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

export function emailOrThrow(field: string, value: string): string {
  const v = value.trim().toLowerCase();
  if (!EMAIL.test(v) || v.length > 254) throw Errors.badInput(field, "E-mail inválido.");
  return v;
}

export function intInRange(field: string, value: number, min: number, max: number, label: string): number {
  if (!Number.isInteger(value) || value < min || value > max) throw Errors.badInput(field, `${label} deve estar entre ${min} e ${max}.`);
  return value;
}
