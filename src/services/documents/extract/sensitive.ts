import { fold } from "./br-format";

/**
 * LGPD Art. 5 II "dado pessoal sensível": racial/ethnic origin, religious conviction, political
 * opinion, union or religious/philosophical/political membership, health or sex life, genetic or
 * biometric data. Sensitive documents get stricter handling (consent, access, retention), so a
 * false positive is cheap — but flagging every payslip with a "Plano de Saúde" deduction or a
 * "Contribuição Sindical" line, or every CNPJ card of a clinic, would make the flag useless.
 * Hence: explicit phrases decide alone; loose health vocabulary needs several distinct terms;
 * payroll benefit/deduction names and business names are removed before matching.
 */
export type SensitiveCategory = "health" | "biometric" | "genetic" | "religious" | "political" | "union" | "sexual" | "racial";

// Phrases that name a data category explicitly; one hit is enough. Folded text (no accents).
const STRONG: Record<SensitiveCategory, RegExp[]> = {
  health: [
    /\bCID(?:[- ]?1[01])?\s*[:\-–]?\s*[A-TV-Z]\d{2}(?:\.\d{1,2})?\b/,
    /\bLAUDO (?:MEDICO|PERICIAL|PSICOLOGICO|PSIQUIATRICO|NEUROLOGICO|DE EXAME|CLINICO)\b/,
    /\bATESTADO (?:MEDICO|DE SAUDE|ODONTOLOGICO|DE COMPARECIMENTO MEDICO|DE APTIDAO)\b/,
    /\bDIAGNOSTICO\b/,
    /\bPRONTUARIO\b/,
    /\b(?:RESULTADO|LAUDO|PEDIDO|SOLICITACAO) D[EO]S? EXAMES?\b/,
    /\bEXAMES? (?:LABORATORIA(?:L|IS)|DE SANGUE|TOXICOLOGICO|ADMISSIONAL|DEMISSIONAL|PERIODICO|DE IMAGEM|CLINICO)\b/,
    /\bRECEITA (?:MEDICA|DE CONTROLE ESPECIAL)\b/,
    /\bATESTADO DE SAUDE OCUPACIONAL\b|\bA\.?S\.?O\.? (?:ADMISSIONAL|PERIODICO|DEMISSIONAL)\b/,
    /\b(?:SOROLOGIA|HEMOGRAMA|SOROPOSITIVO|HIV POSITIVO|CARGA VIRAL)\b/,
    /\bHISTORICO (?:MEDICO|CLINICO)\b|\bANAMNESE\b/,
  ],
  biometric: [
    /\bBIOMETRI(?:A|CO|COS|CA|CAS)\b/,
    /\bIMPRESS(?:AO|OES) DIGITA(?:L|IS)\b/,
    /\bRECONHECIMENTO FACIAL\b/,
    /\b(?:LEITURA|PADRAO) D[AE] IRIS\b/,
  ],
  genetic: [/\bGENETIC[OA]S?\b/, /\b(?:EXAME|TESTE|ANALISE|PERFIL) DE DNA\b/, /\bGENOMA\b|\bGENOTIP/, /\bTESTE DE PATERNIDADE\b/],
  religious: [
    /\bCONVICCAO RELIGIOSA\b/,
    /\bRELIGIAO\s*:/,
    /\bFILIACAO RELIGIOSA\b/,
    /\bCERTIDAO DE BATISMO\b/,
    /\bMEMBRO (?:DA|DE) IGREJA\b/,
  ],
  political: [/\bFILIACAO PARTIDARIA\b/, /\bFILIAD[OA] AO PARTIDO\b/, /\bOPINIAO POLITICA\b/, /\bFICHA DE FILIACAO\b.*\bPARTIDO\b/],
  union: [
    /\bFILIACAO SINDICAL\b/,
    /\bSINDICALIZAD[OA]\b/,
    /\bFICHA DE (?:FILIACAO|ASSOCIACAO|INSCRICAO)\b.*\bSINDICATO\b/,
    /\b(?:ASSOCIAD[OA]|FILIAD[OA]) AO SINDICATO\b/,
    /\bCARTEIRA DE SOCIO\b/,
  ],
  sexual: [/\bORIENTACAO SEXUAL\b/, /\bVIDA SEXUAL\b/, /\b(?:HOMOSSEXUAL|BISSEXUAL|HETEROSSEXUAL)\b/, /\bIDENTIDADE DE GENERO\b/],
  racial: [/\bRACA\s*\/\s*COR\b/, /\bORIGEM (?:RACIAL|ETNICA)\b/, /\bETNIA\b/, /\bCOR\s*\/\s*RACA\b/],
};

// Loose health vocabulary: a medical document uses several of these, other documents at most one.
const WEAK_HEALTH = [
  /\bMEDIC[OA]\b/, /\bPACIENTE\b/, /\bCRM(?:[- ]?[A-Z]{2})?\s*[:\-]?\s*\d{3,}/, /\bMEDICAMENTOS?\b/,
  /\bTRATAMENTO\b/, /\bDOENCA\b/, /\bSINTOMAS?\b/, /\bINTERNACAO\b/, /\bCIRURGI/, /\bPOSOLOGIA\b/,
  /\b\d+\s?MG\b/, /\bAFASTAMENTO\b/, /\bGESTA(?:CAO|NTE)\b/, /\bDEFICIENCIA\b/, /\bEXAMES?\b/,
  /\bLAUDO\b/, /\bATESTADO\b/, /\bCONSULTA\b/, /\bPSIQUIATR/, /\bPSICOLOG/, /\bINCAPACIDADE\b/,
];

// Payroll benefits/deductions and similar line items: present on ordinary payslips.
const BENIGN_PHRASES =
  /\b(?:PLANO|SEGURO|CONVENIO|AUXILIO|ASSISTENCIA|VALE)\s*(?:DE\s+)?(?:SAUDE|MEDIC[OA]|ODONTOLOGIC[OA]|FARMACIA)\b|\b(?:CONTRIBUICAO|MENSALIDADE|TAXA|DESCONTO)\s+(?:SINDICAL|ASSISTENCIAL|CONFEDERATIVA|NEGOCIAL|ASSOCIATIVA)\b|\bSINDICATO DOS?\b.*\d{1,3},\d{2}\b/g;

// Names of businesses and CNAE activity descriptions ("Laboratório de análises clínicas").
const BUSINESS_LINE = /\b(?:LTDA|S\/A|EIRELI|CNPJ|CNAE|ATIVIDADES? ECONOMICAS?|NATUREZA JURIDICA)\b|\bCNP[J)]|\d{2}\.\d{2}-\d-\d{2}/;

export function detectSensitiveCategories(text: string): SensitiveCategory[] {
  const lines = fold(text)
    .split(/\r?\n/)
    .map((l) => l.replace(BENIGN_PHRASES, " ").replace(/\s+/g, " "))
    .filter((l) => !BUSINESS_LINE.test(l));
  const body = lines.join("\n");
  const found = new Set<SensitiveCategory>();
  for (const [cat, patterns] of Object.entries(STRONG) as [SensitiveCategory, RegExp[]][]) {
    if (patterns.some((p) => p.test(body))) found.add(cat);
  }
  if (!found.has("health")) {
    const weak = WEAK_HEALTH.filter((p) => p.test(body)).length;
    if (weak >= 3) found.add("health");
  }
  return [...found];
}

/** True when the text looks like sensitive personal data (LGPD Art. 5 II). */
export function detectSensitive(text: string): boolean {
  return detectSensitiveCategories(text).length > 0;
}
