import { fold } from "./br-format";

/**
 * Value parsers for free-text fields (names, job titles). They take whatever follows a label and
 * keep only the leading run of plausible words, stopping at the next label, number or junk.
 */

// Words that start another field on the same line; a name/title never contains them.
const STOP_WORDS = new Set([
  "CPF", "RG", "PIS", "CTPS", "MATRICULA", "MATR", "CARGO", "FUNCAO", "ADMISSAO", "ADMITIDO",
  "CBO", "DEPTO", "DEPARTAMENTO", "SETOR", "CODIGO", "COD", "DATA", "SERIE",
  "CNPJ", "EMPRESA", "SALARIO", "BANCO", "AGENCIA", "AG", "CONTA", "ENDERECO", "CLASSE",
  "UNIDADE", "INSTALACAO", "REFERENCIA", "COMPETENCIA", "PERIODO", "VENCIMENTO", "EMISSAO",
  "TELEFONE", "E-MAIL", "EMAIL", "CEP", "FILIAL", "MATRIZ", "PORTE", "NATUREZA",
  "SITUACAO", "LOTACAO", "ESTABELECIMENTO", "REGISTRO", "MES/ANO", "NO", "N",
]);

const CONNECTORS = new Set(["DA", "DE", "DO", "DAS", "DOS", "E", "D'", "DI", "DEL", "VAN", "VON"]);

function tokens(text: string): string[] {
  return text.split(/\s+/).filter((t) => t.length > 0);
}

function stripLeadingJunk(text: string): string {
  // Separators and leaders between a label and its value (":", "-", ".....", "|").
  return text.replace(/^[\s:;.,\-–—_|=>»"'“”*~]+/, "");
}

function isStop(tok: string): boolean {
  if (/:$/.test(tok)) return true;
  const f = fold(tok).replace(/[.:;,]+$/, "");
  return STOP_WORDS.has(f);
}

const NAME_WORD = /^[\p{L}][\p{L}'’-]*\.?$/u;

/**
 * A person's name: 2+ alphabetic words. Leading digits (an employee code in the same cell) are
 * skipped; anything non-alphabetic after the name ends it.
 */
export function parsePersonName(text: string): string | null {
  const toks = tokens(stripLeadingJunk(text));
  let i = 0;
  while (i < toks.length && /^\d[\d.\-/]*$/.test(toks[i])) i++;
  const words: string[] = [];
  for (; i < toks.length; i++) {
    const t = toks[i];
    if (isStop(t) || !NAME_WORD.test(t)) break;
    words.push(t.replace(/\.$/, ""));
    if (t.endsWith(".") && t.length > 2) break;
  }
  while (words.length && CONNECTORS.has(fold(words[words.length - 1]))) words.pop();
  const real = words.filter((w) => !CONNECTORS.has(fold(w)));
  if (real.length < 2 || real.some((w) => w.length < 2)) return null;
  if (!words.some((w) => /\p{L}{3,}/u.test(w))) return null;
  // A string of label words ("NOME DO FUNCIONARIO") is a header, not a name.
  if (words.every((w) => LABEL_WORDS.has(fold(w)) || CONNECTORS.has(fold(w)))) return null;
  return words.join(" ");
}

const LABEL_WORDS = new Set([
  "NOME", "FUNCIONARIO", "COLABORADOR", "EMPREGADO", "CLIENTE", "TITULAR", "CONSUMIDOR",
  "RAZAO", "SOCIAL", "EMPRESARIAL", "FANTASIA", "TITULO", "DADOS", "CARGO", "FUNCAO",
  "UNIDADE", "CONSUMIDORA", "ENDERECO", "INSTALACAO", "ESTABELECIMENTO", "(NOME", "FANTASIA)",
  "DESCRICAO", "CODIGO", "ATIVIDADE", "PRINCIPAL",
]);

/** Job title: words (roman numerals / level digits allowed) up to the next label. */
export function parsePosition(text: string): string | null {
  const toks = tokens(stripLeadingJunk(text));
  // A CBO code before the title ("Cargo: 4110-10 ASSISTENTE ...") is skipped.
  while (toks.length && /^\d[\d.\-/]*$/.test(toks[0])) toks.shift();
  const words: string[] = [];
  for (const t of toks) {
    if (isStop(t)) break;
    if (!/^[\p{L}][\p{L}'’./-]*$/u.test(t) && !/^(?:I{1,3}|IV|V|[1-9])$/.test(t)) break;
    words.push(t);
  }
  while (words.length && CONNECTORS.has(fold(words[words.length - 1]))) words.pop();
  if (words.length === 0 || !words.some((w) => /\p{L}{3,}/u.test(w))) return null;
  if (words.every((w) => LABEL_WORDS.has(fold(w)))) return null;
  return words.join(" ");
}

/**
 * Company name: the whole cell, keeping digits and "&", "/", "." (S/A, LTDA., ME), minus leading
 * separators and trailing OCR junk.
 */
export function parseCompanyName(text: string): string | null {
  let s = stripLeadingJunk(text)
    .replace(/[\s"'“”,;|_~*]+$/, "")
    .replace(/\s+/g, " ")
    .trim();
  // Drop a trailing "(Matriz)"-style annotation or a stray one-character token.
  s = s.replace(/\s+\((?:MATRIZ|FILIAL)\)$/i, "").replace(/\s+[^\p{L}\p{N}&]$/u, "");
  // Legal-form suffixes are a closed vocabulary, so their OCR variants can be repaired safely.
  s = s.replace(/\s(?:L[TI1l7|][DO0]A|LT[O0]A)(\.?)$/, " LTDA$1").replace(/\s[S5]\s?\/\s?[A4]$/, " S/A");
  if (!/^[\p{L}\p{N}]/u.test(s)) return null;
  const letters = (s.match(/\p{L}/gu) ?? []).length;
  if (letters < 3 || letters < s.replace(/\s/g, "").length * 0.6) return null;
  const folded = fold(s);
  // A neighbouring label read as the value (e.g. the value row was lost and the next box's
  // "TÍTULO DO ESTABELECIMENTO (NOME DE FANTASIA)" sits under the label).
  if (/\bNOME (?:DE )?FANTASIA\b|\bTITULO DO ESTABELECIMENTO\b/.test(folded)) return null;
  const words = tokens(folded);
  if (words.every((w) => LABEL_WORDS.has(w) || CONNECTORS.has(w))) return null;
  return s;
}

/** Compares names ignoring case, accents and spacing. */
export function sameText(a: string, b: string): boolean {
  const n = (s: string) => fold(s).replace(/\s+/g, " ").trim();
  return n(a) === n(b);
}
