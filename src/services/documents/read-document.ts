import type { OcrEngine, DocumentOcrResult } from "../ocr/ocr-engine";
import type { PreprocessOptions } from "../ocr/preprocess";
import { detectSensitive, extractFields, type DocumentKind, type ExtractionResult } from "./extract";
import { buildResult, type FieldResult } from "./extract/types";

export interface ReadDocumentResult {
  ocr: DocumentOcrResult;
  extraction: ExtractionResult;
  sensitive: boolean;
  /** OCR passes run (2 when the first left fields empty and a second preprocessing was tried). */
  passes: number;
}

/**
 * Second-chance preprocessing: flat-field correction removes shaded boxes and uneven lighting,
 * and a larger raster helps small labels. It is slower and can wash out large dark areas, so it
 * only runs when the first pass left fields unread.
 */
export const SECOND_PASS: PreprocessOptions = { flattenBackground: true, minWidth: 2400, maxWidth: 3000 };

// Amounts that are only valid together (one derived from the others).
const GROUPS: Partial<Record<DocumentKind, string[]>> = {
  PAYSLIP: ["grossPay", "totalDeductions", "netPay"],
};

/** OCR (or PDF text layer) + field extraction + LGPD sensitivity flag for one document. */
export async function readDocument(
  engine: OcrEngine,
  buf: Buffer,
  kind: DocumentKind,
  options: { mime?: string; secondPass?: boolean } = {},
): Promise<ReadDocumentResult> {
  const ocr = await engine.recognizeDocument(buf, options.mime);
  let extraction = extractFields(kind, ocr.text);
  let passes = 1;
  let sensitiveText = ocr.text;
  const hasNulls = Object.values(extraction.fields).some((v) => v === null);
  const ocrUsed = ocr.pages.some((p) => p.source === "ocr");
  if ((options.secondPass ?? true) && kind !== "OTHER" && hasNulls && ocrUsed) {
    const retry = await engine.recognizeDocument(buf, options.mime, { preprocess: SECOND_PASS });
    passes = 2;
    sensitiveText += "\n" + retry.text;
    extraction = mergeExtractions(kind, extraction, extractFields(kind, retry.text));
  }
  return { ocr, extraction, sensitive: detectSensitive(sensitiveText), passes };
}

/**
 * Fills fields the first pass left null with the second pass's values. Grouped fields move as a
 * group, so a derived amount is never mixed with amounts read in another pass.
 */
export function mergeExtractions(kind: DocumentKind, first: ExtractionResult, second: ExtractionResult): ExtractionResult {
  const fields: Record<string, FieldResult> = {};
  for (const k of Object.keys(first.fields)) {
    fields[k] = { value: first.fields[k], confidence: first.fieldConfidence[k] ?? 0 };
  }
  const warnings = [...first.warnings];
  const group = GROUPS[kind] ?? [];
  const groupIncomplete = group.some((k) => first.fields[k] === null);
  const groupComplete2 = group.length > 0 && group.every((k) => second.fields[k] !== null);
  if (groupIncomplete && groupComplete2) {
    for (const k of group) fields[k] = { value: second.fields[k], confidence: second.fieldConfidence[k] ?? 0 };
    warnings.push(`${group.join("/")} taken from the second OCR pass`);
  }
  for (const k of Object.keys(fields)) {
    if (group.includes(k) || fields[k].value !== null || second.fields[k] == null) continue;
    fields[k] = { value: second.fields[k], confidence: second.fieldConfidence[k] ?? 0 };
    warnings.push(`${k} taken from the second OCR pass`);
  }
  return buildResult(kind, fields, warnings);
}
