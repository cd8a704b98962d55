import { domainToASCII } from "node:url";

// Pure Brazilian validators/normalisers. No I/O, no dependencies: these run on
// every webhook and every form submission.

export type DocumentType = "CPF" | "CNPJ";

/** `digits` is the bare 11/14-character document; for the alphanumeric CNPJ
 * (issued from July 2026) it also contains upper-case letters. */
export interface NormalizedDocument {
  digits: string;
  type: DocumentType;
}

const DOC_PUNCTUATION = /[\s.\-\/]/g;

function allSameChar(value: string): boolean {
  return /^(.)\1*$/.test(value);
}

export function isValidCpf(input: string): boolean {
  if (typeof input !== "string") return false;
  const cpf = input.replace(DOC_PUNCTUATION, "");
  if (!/^\d{11}$/.test(cpf) || allSameChar(cpf)) return false;
  const digits = [...cpf].map(Number);
  const checkDigit = (len: number): number => {
    let sum = 0;
    for (let i = 0; i < len; i++) sum += digits[i]! * (len + 1 - i);
    return ((sum * 10) % 11) % 10;
  };
  return checkDigit(9) === digits[9] && checkDigit(10) === digits[10];
}

// The Receita Federal alphanumeric CNPJ (IN RFB 2.229/2024) keeps the same
// mod-11 scheme but values each character as (ASCII code - 48), so digits keep
// their old value and purely numeric CNPJs validate exactly as before.
const CNPJ_WEIGHTS = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];

export function isValidCnpj(input: string): boolean {
  if (typeof input !== "string") return false;
  const cnpj = input.replace(DOC_PUNCTUATION, "").toUpperCase();
  if (!/^[0-9A-Z]{12}\d{2}$/.test(cnpj) || allSameChar(cnpj)) return false;
  const values = [...cnpj].map((c) => c.charCodeAt(0) - 48);
  const checkDigit = (len: number): number => {
    const weights = CNPJ_WEIGHTS.slice(CNPJ_WEIGHTS.length - len);
    let sum = 0;
    for (let i = 0; i < len; i++) sum += values[i]! * weights[i]!;
    const rest = sum % 11;
    return rest < 2 ? 0 : 11 - rest;
  };
  return checkDigit(12) === values[12] && checkDigit(13) === values[13];
}

export function normalizeDocument(input: string): NormalizedDocument | null {
  if (typeof input !== "string") return null;
  const trimmed = input.trim();
  // Only the usual punctuation is tolerated; anything else is probably a typo
  // in a different field (phone, order number) and must not be coerced.
  if (!/^[0-9A-Za-z.\-\/\s]+$/.test(trimmed)) return null;
  const bare = trimmed.replace(DOC_PUNCTUATION, "").toUpperCase();
  if (bare.length === 11 && isValidCpf(bare)) return { digits: bare, type: "CPF" };
  if (bare.length === 14 && isValidCnpj(bare)) return { digits: bare, type: "CNPJ" };
  return null;
}

/** Every area code (DDD) in use in Brazil (Anatel plan). Gaps such as 20, 23,
 * 25, 26, 29, 30, 36, 39, 40, 50, 52, 56–60, 70, 72, 76, 78, 80, 90 don't exist. */
export const BRAZILIAN_DDDS: ReadonlySet<string> = new Set(
  [
    11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 24, 27, 28, 31, 32, 33, 34, 35, 37, 38, 41, 42, 43, 44,
    45, 46, 47, 48, 49, 51, 53, 54, 55, 61, 62, 63, 64, 65, 66, 67, 68, 69, 71, 73, 74, 75, 77, 79, 81,
    82, 83, 84, 85, 86, 87, 88, 89, 91, 92, 93, 94, 95, 96, 97, 98, 99,
  ].map(String),
);

export function isValidDdd(ddd: string | number): boolean {
  return BRAZILIAN_DDDS.has(String(ddd));
}

/** DDD + local number (10 or 11 digits) → E.164, or null. */
function brazilianNational(national: string): string | null {
  if (!/^\d{10,11}$/.test(national)) return null;
  const ddd = national.slice(0, 2);
  let local = national.slice(2);
  if (!isValidDdd(ddd)) return null;
  if (local.length === 9) {
    if (local[0] !== "9") return null; // only mobiles have 9 digits
  } else {
    const first = local[0]!;
    if (first >= "6" && first <= "9") local = `9${local}`; // mobile written before the 9th digit
    else if (first < "2") return null; // 0/1 prefixes are service codes, not subscribers
  }
  return `+55${ddd}${local}`;
}

const JID_PHONE_SUFFIXES = new Set(["s.whatsapp.net", "c.us"]);

/**
 * Normalises a phone number to E.164. Brazilian numbers get a validated DDD and
 * the mobile 9th digit; foreign numbers are only accepted with an explicit `+`
 * (or inside a WhatsApp JID), since bare digits are ambiguous.
 */
export function normalizePhone(input: string): string | null {
  if (typeof input !== "string") return null;
  let value = input.trim();
  if (value.length === 0 || value.length > 40) return null;

  let international = false;
  const at = value.indexOf("@");
  if (at >= 0) {
    // JIDs: "<user>[:<device>]@<server>". LIDs and groups are not phones.
    const server = value.slice(at + 1).toLowerCase();
    if (!JID_PHONE_SUFFIXES.has(server)) return null;
    value = value.slice(0, at).split(":")[0]!;
    if (!/^\d+$/.test(value)) return null;
    international = true;
  } else {
    if (!/^\+?[\d\s().\-]+$/.test(value)) return null;
    if (value.startsWith("+")) international = true;
    value = value.replace(/\D/g, "");
    if (value.startsWith("00")) {
      value = value.slice(2); // international dialling prefix
      international = true;
    }
  }

  if (international) {
    if (value.startsWith("55") && value.length >= 12 && value.length <= 13) {
      return brazilianNational(value.slice(2));
    }
    if (value.startsWith("55")) return null; // +55 with a wrong length is never valid
    return /^[1-9]\d{7,14}$/.test(value) ? `+${value}` : null;
  }

  if (value.startsWith("0")) {
    // Trunk prefix "0" + DDD, or "0" + 2-digit carrier code + DDD.
    const rest = value.slice(1);
    if (rest.length === 10 || rest.length === 11) return brazilianNational(rest);
    if (rest.length === 12 || rest.length === 13) return brazilianNational(rest.slice(2));
    return null;
  }
  if (value.length === 10 || value.length === 11) return brazilianNational(value);
  // 12/13 digits can only be 55 + national: a national number has at most 11.
  if ((value.length === 12 || value.length === 13) && value.startsWith("55")) {
    return brazilianNational(value.slice(2));
  }
  return null;
}

const EMAIL_LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * Trims, lower-cases the domain (converting IDNs to punycode) and applies a
 * pragmatic validity check. The local part keeps its case: it is formally
 * case-sensitive and some corporate servers still honour that.
 */
export function normalizeEmail(input: string): string | null {
  if (typeof input !== "string") return null;
  const value = input.trim();
  const at = value.lastIndexOf("@");
  if (at <= 0 || at !== value.indexOf("@")) return null;
  const local = value.slice(0, at);
  const rawDomain = value.slice(at + 1).replace(/\.$/, "");
  if (local.length > 64 || !EMAIL_LOCAL.test(local)) return null;
  const domain = domainToASCII(rawDomain.toLowerCase());
  if (!domain || domain.length > 253) return null;
  const labels = domain.split(".");
  if (labels.length < 2 || !labels.every((l) => DOMAIN_LABEL.test(l))) return null;
  const tld = labels[labels.length - 1]!;
  if (!/^([a-z]{2,63}|xn--[a-z0-9-]{1,59})$/.test(tld)) return null;
  const email = `${local}@${domain}`;
  return email.length <= 254 ? email : null;
}
