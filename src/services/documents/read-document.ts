import type { OcrEngine, DocumentOcrResult } from "../ocr/ocr-engine";
import type { PreprocessOptions } from "../ocr/preprocess";
import { detectSensitive, extractFields, type DocumentKind, type ExtractionResult } from "./extract";
import { normalizeName } from "./extract/br-format";
import { classifyDocument } from "./classify";
import { buildResult, type FieldResult, type FieldValue } from "./extract/types";

export interface ReadDocumentResult {
  /** The kind read: the one asked for, or the one the text showed when `classify` was given. */
  kind: DocumentKind;
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

// Below this mean word confidence a page is a poor scan: a second reading is used to verify.
export const LOW_OCR_CONFIDENCE = 0.8;

/** OCR (or PDF text layer) + field extraction + LGPD sensitivity flag for one document. */
export async function readDocument(
  engine: OcrEngine,
  buf: Buffer,
  kind: DocumentKind,
  options: { mime?: string; secondPass?: boolean; classify?: { hints: string } } = {},
): Promise<ReadDocumentResult> {
  const ocr = await engine.recognizeDocument(buf, options.mime);
  // Files that came without a kind (WhatsApp photos, PDFs): what is written on them decides;
  // `kind` (from the file name) stays only when the text is not conclusive.
  if (options.classify) {
    const found = classifyDocument(ocr.text, options.classify.hints).kind;
    if (found !== "OTHER") kind = found;
  }
  let extraction = extractFields(kind, ocr.text);
  let passes = 1;
  let sensitiveText = ocr.text;
  const hasNulls = Object.values(extraction.fields).some((v) => v === null);
  const ocrUsed = ocr.pages.some((p) => p.source === "ocr");
  const poorScan = ocrUsed && ocr.confidence < LOW_OCR_CONFIDENCE;
  if ((options.secondPass ?? true) && kind !== "OTHER" && ocrUsed && (hasNulls || poorScan)) {
    const retry = await engine.recognizeDocument(buf, options.mime, { preprocess: SECOND_PASS });
    passes = 2;
    sensitiveText += "\n" + retry.text;
    const second = extractFields(kind, retry.text);
    extraction = mergeExtractions(kind, extraction, second, poorScan ? "verify" : "fill");
  }
  return { kind, ocr, extraction, sensitive: detectSensitive(sensitiveText), passes };
}

// Confirmed by check digits, arithmetic or the barcode (see ExtractionResult.fieldConfidence).
const VALIDATED = 0.95;

const same = (a: FieldValue, b: FieldValue) =>
  typeof a === "string" && typeof b === "string" ? normalizeName(a) === normalizeName(b) : a === b;

/**
 * Combines two readings of the same page. "fill": the second pass only fills fields the first
 * left null. "verify" (poor scan): values that the two passes read differently are dropped
 * unless exactly one side is validated, since either reading may be the misread one. Grouped
 * fields (pay triple) are decided together so derived amounts never mix passes.
 */
export function mergeExtractions(
  kind: DocumentKind,
  first: ExtractionResult,
  second: ExtractionResult,
  mode: "fill" | "verify" = "fill",
): ExtractionResult {
  const fields: Record<string, FieldResult> = {};
  const warnings = [...first.warnings];
  const get = (r: ExtractionResult, k: string): FieldResult => ({ value: r.fields[k] ?? null, confidence: r.fieldConfidence[k] ?? 0 });
  const group = GROUPS[kind] ?? [];
  const units: string[][] = [...(group.length ? [group] : []), ...Object.keys(first.fields).filter((k) => !group.includes(k)).map((k) => [k])];
  for (const unit of units) {
    const a = unit.map((k) => get(first, k));
    const b = unit.map((k) => get(second, k));
    const complete = (xs: FieldResult[]) => xs.every((x) => x.value !== null);
    const validated = (xs: FieldResult[]) => complete(xs) && xs.every((x) => x.confidence >= VALIDATED);
    let pick: FieldResult[] = a;
    if (!complete(a) && complete(b)) {
      pick = b;
      warnings.push(`${unit.join("/")} taken from the second OCR pass`);
    } else if (mode === "verify" && complete(a) && complete(b) && !a.every((x, i) => same(x.value, b[i].value))) {
      if (validated(a) !== validated(b)) {
        pick = validated(a) ? a : b;
      } else {
        pick = unit.map(() => ({ value: null, confidence: 0 }));
        warnings.push(`${unit.join("/")} read differently by two OCR passes; nulled`);
      }
    } else if (mode === "verify" && complete(a) && complete(b)) {
      // Two independent readings agree: that is a confirmation in itself.
      pick = a.map((x, i) => ({ value: x.value, confidence: Math.max(x.confidence, b[i].confidence) }));
    }
    unit.forEach((k, i) => (fields[k] = pick[i]));
  }
  return buildResult(kind, fields, warnings);
}
