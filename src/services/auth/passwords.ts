import argon2 from "argon2";
import { dictionary as common } from "@zxcvbn-ts/language-common";
import { dictionary as ptBr } from "@zxcvbn-ts/language-pt-br";

// OWASP Password Storage Cheat Sheet: argon2id, m=19 MiB, t=2, p=1 (minimum); we use 2x memory.
const OPTIONS = { type: argon2.argon2id, memoryCost: 38_912, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

// A real hash to verify against when the account does not exist, so timing does not reveal it.
let dummyHash: Promise<string> | undefined;
export function dummyVerify(password: string): Promise<boolean> {
  dummyHash ??= hashPassword("senha-inexistente-para-tempo-constante");
  return dummyHash.then((h) => verifyPassword(h, password)).then(() => false);
}

/** Words that make a password guessable for this account: e-mail, names, company name. */
export interface PasswordContext { email?: string | null; name?: string | null; tenantName?: string | null }

const MIN = 10;
const MAX = 256;

/**
 * NIST SP 800-63B style policy: length, then no password from breach lists (the 49k
 * most common ones shipped by @zxcvbn-ts/language-common), no single dictionary word
 * or first name with a little decoration ("Flamengo123", "Brasil2024!"), no
 * repetition or sequence ("aaaaaaaaaa", "1234567890", "qwertyuiop"), nothing built
 * on the account's own e-mail, name or company. Linear in the password's length.
 * Returns a Portuguese message, or null when the password is acceptable.
 */
export function validatePassword(password: string, context: PasswordContext = {}): string | null {
  if (password.length < MIN) return `A senha precisa ter pelo menos ${MIN} caracteres.`;
  if (password.length > MAX) return `A senha pode ter no máximo ${MAX} caracteres.`;
  const plain = fold(password);
  const words = lists();
  if (words.passwords.has(password.toLowerCase()) || words.passwords.has(plain)) return "Esta senha aparece em listas de senhas vazadas ou muito usadas. Escolha outra.";
  if (new Set(plain).size < 4 || isRepetition(plain) || isSequence(plain)) return "A senha não pode ser uma repetição ou sequência de caracteres (como aaaa ou 1234). Escolha outra.";
  // "Flamengo123", "Brasil2024!", "S3nh@2024": one word behind a little decoration.
  const lower = deaccent(password.toLowerCase());
  const core = lower.replace(/^[^a-z]+|[^a-z@$]+$/g, "");
  const decoration = lower.length - core.length;
  const bare = fold(core);
  if (/^[a-z]+$/.test(bare) && decoration <= 6 && (words.passwords.has(bare) || words.dictionary.has(bare) || isRepetition(bare))) {
    return "A senha não pode ser uma palavra comum com poucos números ou símbolos. Use uma frase ou combine várias palavras.";
  }
  const tokens = contextTokens(context);
  let rest = plain;
  for (const t of tokens) rest = rest.split(t).join("");
  if (tokens.length && rest.replace(/[^a-z0-9]/g, "").length < 6) return "A senha não pode ser baseada no seu nome, e-mail ou no nome da empresa.";
  return null;
}

const deaccent = (s: string) => s.normalize("NFKD").replace(/\p{M}+/gu, "");

/** Lower case, no accents, common character substitutions undone ("S3nh@" → "senha"). */
function fold(s: string): string {
  const subs: Record<string, string> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i" };
  const lower = deaccent(s).toLowerCase();
  // Only fold when letters are present: "1234567890" stays digits (its own checks catch it).
  return /[a-z]/.test(lower) ? lower.replace(/[0134578@$!]/g, (c) => subs[c] ?? c) : lower;
}

/** The whole string is one short unit repeated ("abcabcabc", "senhasenha"). */
function isRepetition(s: string): boolean {
  for (let unit = 1; unit <= Math.min(6, Math.floor(s.length / 2)); unit++) {
    let same = true;
    for (let i = unit; i < s.length && same; i++) same = s[i] === s[i - unit];
    if (same) return true;
  }
  return false;
}

const SEQUENCES = ["0123456789012345678901234567890", "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz", "qwertyuiopasdfghjklzxcvbnm", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p", "qazwsxedcrfvtgbyhnujmikolp", "zxcvbnmasdfghjklqwertyuiop"];

/** Forward or backward run of a keyboard row, the alphabet or digits. */
function isSequence(s: string): boolean {
  const reversed = [...s].reverse().join("");
  return SEQUENCES.some((seq) => seq.includes(s) || seq.includes(reversed));
}

function contextTokens(c: PasswordContext): string[] {
  const out = new Set<string>();
  const add = (v: string) => {
    const f = fold(v).replace(/[^a-z0-9]/g, "");
    if (f.length >= 3) out.add(f);
  };
  if (c.email) {
    const [local, domain] = c.email.toLowerCase().split("@");
    if (local) {
      add(local);
      for (const part of local.split(/[._+-]+/)) add(part);
    }
    for (const label of (domain ?? "").split(".").slice(0, -1)) if (!["com", "net", "org", "gov", "edu"].includes(label)) add(label);
  }
  for (const v of [c.name, c.tenantName]) {
    if (!v) continue;
    add(v);
    for (const part of v.split(/\s+/)) add(part);
  }
  // Longest first, so "anasouza" goes before "ana".
  return [...out].sort((a, b) => b.length - a.length);
}

let cache: { passwords: Set<string>; dictionary: Set<string> } | undefined;
function lists() {
  cache ??= {
    passwords: new Set(common["passwords-common"] as string[]),
    dictionary: new Set(
      [...(ptBr["commonWords-pt-br"] as string[]), ...(ptBr["firstnames-pt-br"] as string[]), ...(ptBr["lastnames-pt-br"] as string[]), ...(common["diceware-common"] as string[])]
        .map((w) => fold(w))
        .filter((w) => w.length >= 3),
    ),
  };
  return cache;
}
