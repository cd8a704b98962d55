import { formatCnpj, formatMoney } from "./extract/br-format";
import type { DocumentKind } from "./extract";

export const KIND_LABEL: Record<DocumentKind, string> = {
  PAYSLIP: "holerite",
  UTILITY_BILL: "conta de energia",
  CNPJ_CARD: "comprovante de CNPJ",
  OTHER: "documento",
};

type Format = "text" | "money" | "date" | "month" | "cpf" | "cnpj" | "kwh";

/** Key fields per kind, in the order a person reads them, with Portuguese labels. */
const FIELDS: Record<DocumentKind, Array<[field: string, label: string, format: Format]>> = {
  PAYSLIP: [
    ["employeeName", "Funcionário", "text"],
    ["cpf", "CPF", "cpf"],
    ["position", "Cargo", "text"],
    ["competence", "Competência", "month"],
    ["grossPay", "Total de vencimentos", "money"],
    ["totalDeductions", "Total de descontos", "money"],
    ["netPay", "Líquido a receber", "money"],
  ],
  UTILITY_BILL: [
    ["customerName", "Titular", "text"],
    ["referenceMonth", "Referência", "month"],
    ["dueDate", "Vencimento", "date"],
    ["totalAmount", "Total a pagar", "money"],
    ["consumptionKwh", "Consumo", "kwh"],
  ],
  CNPJ_CARD: [
    ["companyName", "Razão social", "text"],
    ["cnpj", "CNPJ", "cnpj"],
    ["openingDate", "Data de abertura", "date"],
  ],
  OTHER: [],
};

/** 12345678909 → ***.456.789-** (the LGPD-friendly way to show a CPF in a conversation). */
export function maskCpf(cpf: string): string {
  const d = cpf.replace(/\D/g, "");
  return d.length === 11 ? `***.${d.slice(3, 6)}.${d.slice(6, 9)}-**` : "***";
}

/** 2026-03-15 → 15/03/2026; 2026-03 → 03/2026. */
export function formatDateBr(iso: string): string {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(iso);
  if (!m) return iso;
  return m[3] ? `${m[3]}/${m[2]}/${m[1]}` : `${m[2]}/${m[1]}`;
}

export function formatField(value: string | number | null | undefined, format: Format): string | null {
  if (value === null || value === undefined || value === "") return null;
  switch (format) {
    case "money":
      return typeof value === "number" ? `R$ ${formatMoney(value)}` : String(value);
    case "date":
    case "month":
      return formatDateBr(String(value));
    case "cpf":
      return maskCpf(String(value));
    case "cnpj":
      return formatCnpj(String(value));
    case "kwh":
      return `${value} kWh`;
    default:
      return String(value);
  }
}

/** Confidence 0..1 → "91%". */
export const formatConfidence = (c: number) => `${Math.round(c * 100)}%`;

/** The system comment a ticket receives when a document attached to it has been read. */
export function documentDoneComment(doc: {
  filename: string;
  kind: DocumentKind;
  fields: Record<string, string | number | null> | null;
  ocrConfidence: number | null;
  sensitive: boolean;
}): string {
  const lines = [`Documento "${doc.filename}" lido (${KIND_LABEL[doc.kind]}).`];
  for (const [field, label, format] of FIELDS[doc.kind]) {
    lines.push(`- ${label}: ${formatField(doc.fields?.[field], format) ?? "não identificado"}`);
  }
  if (doc.ocrConfidence !== null) lines.push(`Confiança da leitura: ${formatConfidence(doc.ocrConfidence)}.`);
  const missing = FIELDS[doc.kind].filter(([f]) => doc.fields?.[f] === null || doc.fields?.[f] === undefined).length;
  if (missing) lines.push("Confira os campos não identificados no arquivo original.");
  if (doc.sensitive) lines.push("Atenção: o documento contém dados pessoais sensíveis (LGPD, art. 11).");
  return lines.join("\n");
}

export function documentFailedComment(doc: { filename: string; kind: DocumentKind }, reason: string): string {
  return `Não foi possível ler o documento "${doc.filename}" (${KIND_LABEL[doc.kind]}): ${reason}`;
}

/** Kind from a file name, for files that arrive without one (WhatsApp media). */
export function guessKind(fileName: string | null | undefined): DocumentKind {
  const n = (fileName ?? "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  if (/holerite|contracheque|contra-cheque|demonstrativo|recibo.?de.?pagamento|folha/.test(n)) return "PAYSLIP";
  if (/conta.?de.?(luz|energia)|fatura.?(de.?)?energia|energia.?eletrica/.test(n)) return "UTILITY_BILL";
  if (/cartao.?cnpj|comprovante.?cnpj|cnpj/.test(n)) return "CNPJ_CARD";
  return "OTHER";
}

/** Display name from a client-supplied one: no path, no control characters, bounded. */
export function sanitizeFilename(name: string | null | undefined, fallback = "documento"): string {
  const base = (name ?? "").split(/[\\/]/).pop() ?? "";
  const clean = base
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f-\u009f<>:"|?*]/g, "_")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+/, "");
  return (clean || fallback).slice(0, 200);
}
