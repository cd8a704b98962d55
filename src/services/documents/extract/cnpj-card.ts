import { findCnpjs } from "./br-format";
import { dateOnly, distinct, firstCnpj, firstDate } from "./common-parsers";
import { lookup, parseGrid } from "./text-grid";
import { parseCompanyName } from "./text-values";
import { buildResult, candidateConfidence, MISSING, type ExtractionResult, type FieldResult } from "./types";

// "Nome de Fantasia" / "Título do Estabelecimento" are deliberately absent: they are not the
// legal name. `CNP[J)]` tolerates tesseract's usual "CNP)".
const NAME_LABELS = [/\bNOME EMPRESARIAL\b/, /\bRAZAO SOCIAL\b/, /\bDENOMINACAO SOCIAL\b/];
const CNPJ_LABELS = [/\bNUMERO DE INSCRICAO\b/, /\bCNP[J)I1L]\b/, /\bINSCRICAO\b/];
const OPENING_LABELS = [
  /\bDATA DE ABERTURA\b/,
  /\bDATA DE INICIO DA ATIVIDADE\b/,
  /\bINICIO DA(?:S)? ATIVIDADE(?:S)?\b/,
  /\bDATA DA ABERTURA\b/,
  /(?<!DATA DA SITUACAO |SITUACAO )\bABERTURA\b/,
];

export const CNPJ_CARD_FIELDS = ["companyName", "cnpj", "openingDate"] as const;

export function extractCnpjCard(text: string): ExtractionResult {
  const grid = parseGrid(text);
  const warnings: string[] = [];
  const fields: Record<string, FieldResult> = {};

  const names = lookup(grid, NAME_LABELS, parseCompanyName, { inline: "next-cell", fuzzy: ["NOME EMPRESARIAL", "RAZAO SOCIAL"] });
  fields.companyName = names[0] ? { value: names[0].value, confidence: candidateConfidence(names[0]) } : MISSING;

  const labelled = lookup(grid, CNPJ_LABELS, firstCnpj, { inline: "line", fuzzy: ["NUMERO DE INSCRICAO"] });
  if (labelled.length) {
    fields.cnpj = { value: labelled[0].value, confidence: 1 };
  } else {
    // The card is about one establishment: a lone valid CNPJ anywhere is it.
    const all = distinct(findCnpjs(text).map((c) => c.value));
    fields.cnpj = all.length === 1 ? { value: all[0], confidence: 0.8 } : MISSING;
    if (all.length > 1) warnings.push("several CNPJs and none labelled; cnpj nulled");
  }

  const openingFuzzy = ["DATA DE ABERTURA", "DATA DE INICIO DA ATIVIDADE"];
  const opening = lookup(grid, OPENING_LABELS, firstDate, { inline: "next-cell", parseBelow: dateOnly, fuzzy: openingFuzzy });
  fields.openingDate = opening[0] ? { value: opening[0].value, confidence: candidateConfidence(opening[0]) } : MISSING;
  return buildResult("CNPJ_CARD", fields, warnings);
}
