import type { DocumentKind } from "./extract";

/**
 * What kind of document a photo or PDF is, from what is written on it (OCR or the PDF text
 * layer), with what the client said (caption, file name, the message before it) as a hint.
 *
 * Each kind has cues: phrases that name the document itself (strong) and the labels and line
 * items such documents carry (weaker). A cue counts once however often it appears, so a long
 * page does not win by repetition, and the decision needs both enough evidence and a clear lead
 * over the next kind. Cues are matched on folded text (upper case, no accents, single spaces)
 * and tolerate common OCR slips (CNPJ → CNP), I → 1/l, O → 0).
 */
type Cue = [pattern: RegExp, weight: number];

const STRONG = 3;
const MEDIUM = 1.5;
const WEAK = 0.75;

const CUES: Record<Exclude<DocumentKind, "OTHER">, Cue[]> = {
  PAYSLIP: [
    [/\bHOLERITE\b/, STRONG],
    [/\bCONTRA[\s-]?CHEQUE\b/, STRONG],
    [/\bDEMONSTRATIVO DE PAGAMENTO\b/, STRONG],
    [/\bRECIBO DE PAGAMENTO\b/, STRONG],
    [/\bFOLHA DE PAGAMENTO\b/, STRONG],
    [/\bLIQUIDO A RECEBER\b|\bVALOR LIQUIDO\b/, STRONG],
    [/\bTOTAL DE (?:VENCIMENTOS|PROVENTOS)\b/, STRONG],
    [/\bSALARIO (?:BASE|BRUTO)\b/, MEDIUM],
    [/\bPROVENTOS\b/, MEDIUM],
    [/\bTOTAL DE DESCONTOS\b/, MEDIUM],
    [/\bIRRF\b/, MEDIUM],
    [/\bFGTS\b/, MEDIUM],
    [/\bSAL\.? ?CONTR\.?|\bBASE (?:DE )?(?:CALC(?:ULO)?\.? )?(?:INSS|FGTS|IRRF)\b/, MEDIUM],
    [/\bADMISSAO\b/, MEDIUM],
    [/\bHORAS EXTRAS?\b|\bH\.? ?EXTRAS?\b/, WEAK],
    [/\bVALE[\s-]?(?:TRANSPORTE|REFEICAO|ALIMENTACAO)\b/, WEAK],
    [/\b(?:FUNCIONARIO|COLABORADOR|EMPREGADO|MATRICULA)\b/, WEAK],
    [/\bINSS\b/, WEAK],
    [/\bCARGO\b|\bFUNCAO\b/, WEAK],
    [/\bDSR\b|\bADIANTAMENTO\b/, WEAK],
  ],
  UTILITY_BILL: [
    [/\bKWH\b/, STRONG],
    [/\bCONTA DE (?:ENERGIA|LUZ)\b/, STRONG],
    [/\bENERGIA ELETRICA\b/, STRONG],
    [/\bUNIDADE CONSUMIDORA\b/, STRONG],
    [/\bLEITURA (?:ANTERIOR|ATUAL)\b/, STRONG],
    [/\bBANDEIRA(?: TARIFARIA)?\b/, MEDIUM],
    [/\bCONSUMO (?:FATURADO|DO MES|MEDIO|KWH)\b/, MEDIUM],
    [/\bMEDIDOR\b/, MEDIUM],
    [/\bTUSD\b|\bTARIFA\b/, MEDIUM],
    [/\bILUMINACAO PUBLICA\b|\bCIP\b|\bCOSIP\b/, MEDIUM],
    [/\bDISTRIBUIDORA\b|\bCONCESSIONARIA\b/, MEDIUM],
    [/\bINSTALACAO\b/, WEAK],
    [/\bCONSUMO\b/, WEAK],
    [/\bTOTAL A PAGAR\b/, WEAK],
    [/\b(?:RESIDENCIAL|COMERCIAL|RURAL)\b|\bSUBGRUPO\b|\bCLASSE\b/, WEAK],
    [/\bCOFINS\b|\bPIS\b|\bICMS\b/, WEAK],
    [/\bPROXIMA LEITURA\b/, MEDIUM],
  ],
  CNPJ_CARD: [
    [/\bCOMPROVANTE DE INSCRICAO\b/, STRONG],
    [/\bSITUACAO CADASTRAL\b/, STRONG],
    [/\bCADASTRO NACIONAL DA PESSOA JURIDICA\b/, STRONG],
    [/\bNOME EMPRESARIAL\b/, STRONG],
    [/\bNATUREZA JURIDICA\b/, STRONG],
    [/\bATIVIDADE ECONOMICA\b/, STRONG],
    [/\bDATA DE ABERTURA\b/, MEDIUM],
    [/\bNOME DE FANTASIA\b|\bTITULO DO ESTABELECIMENTO\b/, MEDIUM],
    [/\bRECEITA FEDERAL\b/, MEDIUM],
    [/\bRAZAO SOCIAL\b/, MEDIUM],
    [/\bCNAE\b/, MEDIUM],
    [/\bMATRIZ\b|\bFILIAL\b/, MEDIUM],
    [/\bENTE FEDERATIVO\b|\bPORTE\b/, WEAK],
    [/\bCNP[J)I1]\b/, WEAK],
    [/\bLOGRADOURO\b/, WEAK],
    [/\bNUMERO DE INSCRICAO\b/, MEDIUM],
  ],
};

/** What a client's words say the file is ("segue a conta de luz", "meu holerite"). */
const HINTS: Array<[RegExp, Exclude<DocumentKind, "OTHER">]> = [
  [/\b(?:HOLERITE|CONTRA[\s-]?CHEQUE|DEMONSTRATIVO DE PAGAMENTO|RECIBO DE (?:PAGAMENTO|SALARIO)|FOLHA DE PAGAMENTO|COMPROVANTE DE (?:RENDA|SALARIO))\b/, "PAYSLIP"],
  [/\b(?:CONTA|FATURA|BOLETO) DE (?:LUZ|ENERGIA)\b|\bENERGIA ELETRICA\b|\bCONTA DA (?:LUZ|ENERGIA)\b/, "UTILITY_BILL"],
  [/\b(?:CARTAO|COMPROVANTE|CARTAO DO|COMPROVANTE DO) ?(?:DE |DO )?CNPJ\b/, "CNPJ_CARD"],
];

/** Evidence needed to name a kind from the text alone; a hint lowers it. */
const MIN_SCORE = 6;
const MIN_SCORE_WITH_HINT = 3;
/** The winner must lead the runner-up by this factor. */
const LEAD = 1.5;

export interface Classification {
  kind: DocumentKind;
  scores: Record<Exclude<DocumentKind, "OTHER">, number>;
  /** The kind the client's words named, if any. */
  hinted: DocumentKind | null;
}

export function foldForCues(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toUpperCase()
    // OCR slips inside words: digit 0/1 for O/I between letters.
    .replace(/(?<=[A-Z])0(?=[A-Z])/g, "O")
    .replace(/(?<=[A-Z])[1|](?=[A-Z])/g, "I")
    .replace(/[^\S\n]+/g, " ");
}

export function classifyDocument(text: string, hints = ""): Classification {
  const folded = foldForCues(text);
  const scores = { PAYSLIP: 0, UTILITY_BILL: 0, CNPJ_CARD: 0 };
  for (const kind of Object.keys(CUES) as Array<keyof typeof CUES>) {
    for (const [re, weight] of CUES[kind]) if (re.test(folded)) scores[kind] += weight;
  }
  const hintText = foldForCues(hints).replace(/[_.-]+/g, " ");
  const hinted = HINTS.find(([re]) => re.test(hintText))?.[1] ?? null;
  const ranked = (Object.entries(scores) as Array<[keyof typeof scores, number]>).sort((a, b) => b[1] - a[1]);
  const [[top, best], [, second]] = ranked as [[keyof typeof scores, number], [keyof typeof scores, number]];
  const needed = hinted === top ? MIN_SCORE_WITH_HINT : MIN_SCORE;
  const kind: DocumentKind = best >= needed && best >= second * LEAD ? top : "OTHER";
  return { kind, scores, hinted };
}
