export type DocumentKind = "PAYSLIP" | "UTILITY_BILL" | "CNPJ_CARD" | "OTHER";

export type FieldValue = string | number | null;

export interface ExtractionResult {
  kind: DocumentKind;
  fields: Record<string, FieldValue>;
  /**
   * 0..1 per field: 1 = confirmed by an independent check (check digits, net = gross −
   * deductions, reading difference, barcode amount); ~0.8 = read next to its label; lower =
   * found without a label or derived; 0 = null.
   */
  fieldConfidence: Record<string, number>;
  /** Mean of fieldConfidence over the kind's fields (0 for OTHER). */
  confidence: number;
  /** Why a field was nulled or derived, for logs and human review. */
  warnings: string[];
}

export interface FieldResult {
  value: FieldValue;
  confidence: number;
}

export const MISSING: FieldResult = { value: null, confidence: 0 };

export function buildResult(
  kind: DocumentKind,
  fields: Record<string, FieldResult>,
  warnings: string[],
): ExtractionResult {
  const values: Record<string, FieldValue> = {};
  const conf: Record<string, number> = {};
  for (const [k, f] of Object.entries(fields)) {
    values[k] = f.value;
    conf[k] = f.value === null ? 0 : Math.round(f.confidence * 100) / 100;
  }
  const keys = Object.keys(conf);
  const confidence = keys.length ? keys.reduce((s, k) => s + conf[k], 0) / keys.length : 0;
  return { kind, fields: values, fieldConfidence: conf, confidence: Math.round(confidence * 100) / 100, warnings };
}

/** Confidence for a label-driven candidate: inline beats below, specific labels beat generic. */
export function candidateConfidence(c: { where: "inline" | "below"; label: number; distance: number; fuzzy?: boolean }): number {
  const base = c.where === "inline" ? 0.85 : 0.8 - 0.05 * Math.max(0, c.distance - 1);
  return Math.max(0.4, base - 0.03 * c.label - (c.fuzzy ? 0.2 : 0));
}
