import { findDates, sameCents } from "./br-format";
import { amountFromDigitableLine } from "./barcode";
import { dateOnly, firstDate, firstMoney, firstMonth, integers, moneyOnly } from "./common-parsers";
import { lookup, parseGrid, type Candidate, type GridLine } from "./text-grid";
import { parsePersonName } from "./text-values";
import { buildResult, candidateConfidence, MISSING, type ExtractionResult, type FieldResult } from "./types";

const CUSTOMER_LABELS = [
  /\bNOME DO (?:CLIENTE|TITULAR|CONSUMIDOR)\b/,
  /(?<!(?:N\S?|NUMERO|CODIGO|COD\.?|CD\.?) DO )\bCLIENTE\b(?!\s*(?:N\S?\b|NUMERO|CODIGO))/,
  /\bTITULAR\b/,
];
const MONTH_LABELS = [
  /\bMES\s?\/\s?ANO DE REFERENCIA\b/,
  /\bMES DE REFERENCIA\b/,
  /\bCONTA DO MES\b/,
  /\bREFERENCIA\b/,
  /\bMES\s?\/\s?ANO\b/,
  /\bCOMPETENCIA\b/,
];
const DUE_LABELS = [/\bDATA DE VENCIMENTO\b/, /\bVENCIMENTO\b/, /\bVENC\b\.?/];
const TOTAL_LABELS = [
  /\bVALOR TOTAL A PAGAR\b/,
  /\bTOTAL A PAGAR\b/,
  /\bVALOR A PAGAR\b/,
  /\bTOTAL DA (?:FATURA|CONTA)\b/,
  /\bVALOR (?:TOTAL|DA FATURA|DA CONTA|DO DOCUMENTO)\b/,
  /^\s*TOTAL\b(?!\s+(?:DE|DO|DA)\b)/,
];
const CONSUMPTION_LABELS = [
  /\bCONSUMO FATURADO\b/,
  /\bCONSUMO DO MES\b/,
  /(?<!HISTORICO DE |HISTORICO DO )\bCONSUMO (?:TOTAL|ATIVO|MEDIDO|KWH|\(KWH\))/,
  /(?<!HISTORICO DE |HISTORICO DO )\bCONSUMO\b(?!\s+(?:MEDIO|USO|ENERGIA|DE ENERGIA|ULTIMOS|HISTORICO|DOS|NOS))/,
];
const PREVIOUS_READING = [/\bLEITURA ANTERIOR\b/, /\bLEIT\.? ANT\.?/];
const CURRENT_READING = [/\bLEITURA ATUAL\b/, /\bLEIT\.? ATUAL\b/];
const INLINE_STOP = /\b(?:LEITURA|PROXIMA|DIAS|EMISSAO|VENCIMENTO|TOTAL|CONSUMO|CLASSE|MEDIDOR|TRIBUTOS|ICMS)\b/;

export const UTILITY_BILL_FIELDS = ["customerName", "referenceMonth", "dueDate", "totalAmount", "consumptionKwh"] as const;

export function extractUtilityBill(text: string): ExtractionResult {
  const grid = parseGrid(text);
  const warnings: string[] = [];
  const fields: Record<string, FieldResult> = {};
  const customerFuzzy = ["NOME DO CLIENTE", "DADOS DO CLIENTE"];
  fields.customerName = best(lookup(grid, CUSTOMER_LABELS, parsePersonName, { inline: "next-cell", fuzzy: customerFuzzy }));
  const monthFuzzy = ["MES/ANO DE REFERENCIA", "MES DE REFERENCIA", "REFERENCIA", "CONTA DO MES"];
  fields.referenceMonth = best(lookup(grid, MONTH_LABELS, firstMonth, { inline: "next-cell", fuzzy: monthFuzzy }));
  const dueOpts = { inline: "next-cell" as const, parseBelow: dateOnly, fuzzy: ["DATA DE VENCIMENTO", "VENCIMENTO"] };
  fields.dueDate = best(lookup(grid, DUE_LABELS, firstDate, dueOpts));
  fields.totalAmount = extractTotal(grid, text, warnings);
  fields.consumptionKwh = extractConsumption(grid, text, warnings);
  return buildResult("UTILITY_BILL", fields, warnings);
}

function best<T extends string | number>(cands: Candidate<T>[]): FieldResult {
  const c = cands[0];
  return c ? { value: c.value, confidence: candidateConfidence(c) } : MISSING;
}

function extractTotal(grid: GridLine[], text: string, warnings: string[]): FieldResult {
  const fuzzy = ["VALOR TOTAL A PAGAR", "TOTAL A PAGAR", "VALOR A PAGAR"];
  const opts = { inline: "line" as const, stop: INLINE_STOP, parseBelow: moneyOnly, fuzzy };
  const labelled = lookup(grid, TOTAL_LABELS, firstMoney, opts).filter((c) => c.value > 0);
  const barcode = amountFromDigitableLine(text);
  if (barcode !== null) {
    if (labelled.some((c) => sameCents(c.value, barcode))) return { value: barcode, confidence: 1 };
    // Check digits make the barcode more trustworthy than a label OCR may have misread.
    if (labelled.length) warnings.push("totalAmount label disagrees with the digitable line; barcode used");
    return { value: barcode, confidence: 0.9 };
  }
  if (!labelled.length) return MISSING;
  // Several labels ("Total a Pagar", the items' "Total" row) agreeing is a cross-check too.
  const top = labelled[0];
  const agree = labelled.filter((c) => sameCents(c.value, top.value)).length;
  return { value: top.value, confidence: agree > 1 ? 0.95 : candidateConfidence(top) };
}

/** A meter reading: an integer that is not a date part, read inline or in the cell below. */
function reading(text: string): number | null {
  const dates = findDates(text);
  const ints = integers(text).filter((i) => !dates.some((d) => i.index >= d.index && i.end <= d.end));
  return ints.length ? ints[0].value : null;
}

function readingOnly(text: string): number | null {
  const t = text.trim();
  return /^\d{1,3}(?:\.\d{3})*$|^\d+$/.test(t) ? Number(t.replace(/\./g, "")) : null;
}

function kwh(text: string): number | null {
  const v = reading(text);
  return v !== null && v >= 0 && v < 1_000_000 ? v : null;
}

function extractConsumption(grid: GridLine[], text: string, warnings: string[]): FieldResult {
  const opts = { inline: "line" as const, stop: INLINE_STOP, parseBelow: readingOnly };
  const labelled = lookup(grid, CONSUMPTION_LABELS, kwh, { ...opts, fuzzy: ["CONSUMO FATURADO", "CONSUMO DO MES"] });
  const prev = lookup(grid, PREVIOUS_READING, reading, { ...opts, fuzzy: ["LEITURA ANTERIOR"] })[0]?.value;
  const curr = lookup(grid, CURRENT_READING, reading, { ...opts, fuzzy: ["LEITURA ATUAL"] })[0]?.value;
  const diff = prev !== undefined && curr !== undefined && curr > prev ? curr - prev : null;
  const read = labelled[0]?.value ?? null;
  if (read !== null && diff !== null) {
    if (read === diff) return { value: read, confidence: 1 };
    // Meters with a multiplying constant: consumption = difference × k.
    if (read % diff === 0 && read / diff <= 1000) return { value: read, confidence: 0.9 };
    const support = (v: number) => integers(text).filter((i) => i.value === v).length;
    const sr = support(read);
    const sd = support(diff);
    if (sr !== sd) {
      warnings.push("consumptionKwh disagrees with the reading difference; better supported value kept");
      return { value: sr > sd ? read : diff, confidence: 0.6 };
    }
    warnings.push("consumptionKwh disagrees with the reading difference; nulled");
    return MISSING;
  }
  if (read !== null) return { value: read, confidence: candidateConfidence(labelled[0]) };
  if (diff !== null) {
    warnings.push("consumptionKwh derived from the meter readings");
    return { value: diff, confidence: 0.7 };
  }
  return MISSING;
}
