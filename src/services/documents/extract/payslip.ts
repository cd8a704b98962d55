import { findCpfs, findMoney, findMonths, roundCents, sameCents } from "./br-format";
import { distinct, firstCpf, firstMoney, firstMonth, moneyOnly } from "./common-parsers";
import { lookup, parseGrid, type Candidate, type GridLine } from "./text-grid";
import { parsePersonName, parsePosition } from "./text-values";
import { buildResult, candidateConfidence, MISSING, type ExtractionResult, type FieldResult } from "./types";

// Patterns run on folded text (upper-case, no accents); most specific first.
const NAME_LABELS = [
  /\bNOME D[OA] (?:FUNCIONARI[OA]|EMPREGAD[OA]|COLABORADOR[A]?|TRABALHADOR[A]?|SERVIDOR[A]?)\b/,
  /(?<!ASSINATURA D[OA] )\b(?:FUNCIONARI[OA]|COLABORADOR[A]?|EMPREGAD[OA]|TRABALHADOR[A]?|SERVIDOR[A]?)(?:\s?\(A\))?(?=\s|:|$)/,
  /\bNOME\b(?!\s+(?:DA EMPRESA|EMPRESARIAL|FANTASIA|DO EMPREGADOR|DO BANCO|SOCIAL))/,
];
const POSITION_LABELS = [/\bCARGO\b/, /\bFUNCAO\b/];
const COMPETENCE_LABELS = [
  /\bCOMPETENCIA\b/,
  /\bMES\s?\/\s?ANO\b/,
  /\bMES DE REFERENCIA\b/,
  /\bREFERENCIA\b/,
  /\bPERIODO\b/,
];
const GROSS_LABELS = [
  /\bTOTAL D[EO]S? (?:VENCIMENTOS|PROVENTOS)\b/,
  /\bSALARIO BRUTO\b/,
  /\bTOTAL BRUTO\b/,
  /\b(?:VENCIMENTOS|PROVENTOS) TOTA(?:L|IS)\b/,
];
const DEDUCTION_LABELS = [/\bTOTAL D[EO]S? DESCONTOS\b/, /\bDESCONTOS TOTA(?:L|IS)\b/];
const NET_LABELS = [
  /\bLIQUIDO A RECEBER\b/,
  /\bVALOR LIQUIDO\b/,
  /\b(?:SALARIO|TOTAL) LIQUIDO\b/,
  /\bLIQUIDO\b(?! A RECEBER)/,
];
// Where an inline amount stops belonging to the label just read.
const MONEY_STOP = /\b(?:TOTAL|SALARIO|LIQUIDO|VALOR|BASE|FGTS|INSS|IRRF|DESCONTOS|PROVENTOS|VENCIMENTOS)\b/;

export const PAYSLIP_FIELDS = [
  "employeeName",
  "cpf",
  "position",
  "competence",
  "grossPay",
  "totalDeductions",
  "netPay",
] as const;

export function extractPayslip(text: string): ExtractionResult {
  const grid = parseGrid(text);
  const warnings: string[] = [];
  const fields: Record<string, FieldResult> = {};

  fields.employeeName = best(
    lookup(grid, NAME_LABELS, parsePersonName, { inline: "next-cell", fuzzy: ["NOME DO FUNCIONARIO", "COLABORADOR", "FUNCIONARIO"] }),
  );
  fields.cpf = extractCpf(grid, text);
  fields.position = best(lookup(grid, POSITION_LABELS, parsePosition, { inline: "next-cell" }));
  fields.competence = extractCompetence(grid, text);
  Object.assign(fields, reconcilePay(grid, text, warnings));
  return buildResult("PAYSLIP", fields, warnings);
}

function best<T extends string | number>(cands: Candidate<T>[]): FieldResult {
  const c = cands[0];
  return c ? { value: c.value, confidence: candidateConfidence(c) } : MISSING;
}

function extractCpf(grid: GridLine[], text: string): FieldResult {
  // Check digits already validated: a labelled CPF is as good as it gets.
  const labelled = lookup(grid, [/\bC\.?P\.?F\b/], firstCpf, { inline: "line" });
  if (labelled.length) return { value: labelled[0].value, confidence: 1 };
  // Payslips carry the employer's CNPJ but only one CPF: an unlabelled one is still usable.
  const all = distinct(findCpfs(text).map((c) => c.value));
  return all.length === 1 ? { value: all[0], confidence: 0.8 } : MISSING;
}

function extractCompetence(grid: GridLine[], text: string): FieldResult {
  const fuzzy = ["COMPETENCIA", "MES DE REFERENCIA", "REFERENCIA"];
  const c = lookup(grid, COMPETENCE_LABELS, firstMonth, { inline: "next-cell", fuzzy });
  if (c.length) return { value: c[0].value, confidence: candidateConfidence(c[0]) };
  // Titles like "Folha Mensal - Março/2026": usable only when the page has one month in it.
  const months = distinct(findMonths(text).map((m) => m.value));
  return months.length === 1 ? { value: months[0], confidence: 0.6 } : MISSING;
}

interface PayCandidates {
  gross: Candidate<number>[];
  deductions: Candidate<number>[];
  net: Candidate<number>[];
}

function payCandidates(grid: GridLine[]): PayCandidates {
  const opts = { inline: "line" as const, stop: MONEY_STOP, parseBelow: moneyOnly };
  const take = (labels: RegExp[], fuzzy: string[]) =>
    lookup(grid, labels, firstMoney, { ...opts, fuzzy }).filter((c) => c.value > 0);
  return {
    gross: take(GROSS_LABELS, ["TOTAL DE VENCIMENTOS", "TOTAL DE PROVENTOS", "SALARIO BRUTO"]),
    deductions: take(DEDUCTION_LABELS, ["TOTAL DE DESCONTOS"]),
    net: take(NET_LABELS, ["LIQUIDO A RECEBER", "VALOR LIQUIDO"]),
  };
}

/**
 * net = gross − deductions is the one invariant of every payslip. A consistent triple is
 * accepted as confirmed; with two labelled values the third is derived; any other inconsistency
 * nulls the amounts rather than guessing which one OCR got wrong.
 */
function reconcilePay(grid: GridLine[], text: string, warnings: string[]): Record<string, FieldResult> {
  const { gross, deductions, net } = payCandidates(grid);
  const uniq = (cs: Candidate<number>[]) => distinct(cs.map((c) => c.value)).slice(0, 4);
  const gs = uniq(gross);
  const ds = uniq(deductions);
  const ns = uniq(net);
  for (const g of gs)
    for (const d of ds)
      for (const n of ns)
        if (sameCents(g - d, n)) {
          return {
            grossPay: { value: g, confidence: 1 },
            totalDeductions: { value: d, confidence: 1 },
            netPay: { value: n, confidence: 1 },
          };
        }

  const g = gs[0] ?? null;
  const d = ds[0] ?? null;
  const n = ns[0] ?? null;
  const present = [g, d, n].filter((v) => v !== null).length;
  const amounts = new Set(findMoney(text).map((m) => Math.round(m.value * 100)));
  const seen = (v: number) => amounts.has(Math.round(v * 100));
  const derived = (v: number) => ({ value: roundCents(v), confidence: seen(v) ? 0.8 : 0.6 });
  const read = (v: number) => ({ value: v, confidence: 0.8 });

  if (present === 2) {
    if (g !== null && d !== null && g > d) {
      warnings.push("netPay derived from grossPay − totalDeductions");
      return { grossPay: read(g), totalDeductions: read(d), netPay: derived(g - d) };
    }
    if (g !== null && n !== null && g > n) {
      warnings.push("totalDeductions derived from grossPay − netPay");
      return { grossPay: read(g), totalDeductions: derived(g - n), netPay: read(n) };
    }
    if (d !== null && n !== null) {
      warnings.push("grossPay derived from netPay + totalDeductions");
      return { grossPay: derived(d + n), totalDeductions: read(d), netPay: read(n) };
    }
  }
  if (present === 3) {
    // One of the three was misread: accept a repair only if the repaired value is printed.
    const repairs: Record<string, FieldResult>[] = [];
    if (seen(g! - d!) && g! > d!) repairs.push({ grossPay: read(g!), totalDeductions: read(d!), netPay: derived(g! - d!) });
    if (seen(g! - n!) && g! > n!) repairs.push({ grossPay: read(g!), totalDeductions: derived(g! - n!), netPay: read(n!) });
    if (seen(d! + n!)) repairs.push({ grossPay: derived(d! + n!), totalDeductions: read(d!), netPay: read(n!) });
    if (repairs.length === 1) {
      warnings.push("pay amounts inconsistent; one value repaired from the other two");
      return repairs[0];
    }
    warnings.push("grossPay − totalDeductions ≠ netPay; amounts nulled");
    return { grossPay: MISSING, totalDeductions: MISSING, netPay: MISSING };
  }
  if (present === 1) {
    // A lone total cannot be checked against anything: keep it, flagged by low confidence.
    warnings.push("only one pay total read; not cross-checked");
    return {
      grossPay: g !== null ? { value: g, confidence: 0.5 } : MISSING,
      totalDeductions: d !== null ? { value: d, confidence: 0.5 } : MISSING,
      netPay: n !== null ? { value: n, confidence: 0.5 } : MISSING,
    };
  }
  return { grossPay: MISSING, totalDeductions: MISSING, netPay: MISSING };
}
