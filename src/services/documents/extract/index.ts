import { CNPJ_CARD_FIELDS, extractCnpjCard } from "./cnpj-card";
import { extractPayslip, PAYSLIP_FIELDS } from "./payslip";
import { buildResult, type DocumentKind, type ExtractionResult } from "./types";
import { extractUtilityBill, UTILITY_BILL_FIELDS } from "./utility-bill";

export { detectSensitive, detectSensitiveCategories, type SensitiveCategory } from "./sensitive";
export type { DocumentKind, ExtractionResult, FieldValue } from "./types";

export const FIELDS_BY_KIND: Record<DocumentKind, readonly string[]> = {
  PAYSLIP: PAYSLIP_FIELDS,
  UTILITY_BILL: UTILITY_BILL_FIELDS,
  CNPJ_CARD: CNPJ_CARD_FIELDS,
  OTHER: [],
};

/**
 * Structured fields for a document of a known kind, from OCR/PDF text (layout text preferred,
 * plain text accepted). Unreadable or inconsistent fields are null, never guessed.
 */
export function extractFields(kind: DocumentKind, text: string): ExtractionResult {
  switch (kind) {
    case "PAYSLIP":
      return extractPayslip(text);
    case "UTILITY_BILL":
      return extractUtilityBill(text);
    case "CNPJ_CARD":
      return extractCnpjCard(text);
    default:
      return buildResult("OTHER", {}, []);
  }
}
