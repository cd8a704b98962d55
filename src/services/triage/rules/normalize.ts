/**
 * Text normalisation for Brazilian Portuguese customer messages (WhatsApp, e-mail, web chat).
 *
 * Customers write without accents, with shorthand ("vc", "pq", "obg"), stretched letters
 * ("obrigadaaa") and emoji carrying sentiment. Every downstream step (features, lexicon cues,
 * safety rules) works on the output of `analyse`, so both training and inference see the same text.
 */

/** Emoji that carry meaning for triage; everything else is dropped. */
const EMOJI: ReadonlyArray<[RegExp, string]> = [
  // Sarcasm/irritation markers: "Parabéns pelo atendimento 👏👏" is a complaint, not thanks.
  [/[\u{1F643}\u{1F44F}\u{1F644}\u{1F612}\u{1F621}\u{1F620}\u{1F92C}\u{1F624}\u{1F4A9}\u{1F595}]/gu, " emoneg "],
  [/[\u{1F64F}\u{1F60A}\u{1F600}\u{1F601}\u{1F603}\u{1F604}\u{1F970}\u{1F60D}\u{2764}\u{1F49A}\u{1F499}\u{1F44D}\u{1F91D}]/gu, " emopos "],
  [/[\u{2705}\u{2714}]/gu, " emocheck "],
  [/[\u{1F62D}\u{1F622}\u{1F629}\u{1F62B}\u{1F61E}\u{1F615}\u{1F61F}]/gu, " emosad "],
];

/**
 * WhatsApp shorthand and colloquial spellings → standard form. Keys are already accent-free.
 * Only unambiguous expansions: "c"/"p"/"num" are left alone because they collide with real words.
 */
const SHORTHAND: Readonly<Record<string, string>> = {
  vc: "voce", vcs: "voces", voce: "voce", ce: "voce", oce: "voce",
  pq: "porque", q: "que", oq: "o que", oque: "o que",
  td: "tudo", tds: "todos", tb: "tambem", tbm: "tambem", tmb: "tambem",
  pf: "por favor", pfv: "por favor", pfvr: "por favor", pfvor: "por favor", plz: "por favor", pls: "por favor",
  obg: "obrigado", obgd: "obrigado", obgda: "obrigada", obgdo: "obrigado",
  brigado: "obrigado", brigada: "obrigada", brigadao: "obrigado", brigadinho: "obrigado",
  vlw: "valeu", vlv: "valeu", valew: "valeu",
  msg: "mensagem", msgs: "mensagens", n: "nao", naum: "nao", nn: "nao",
  blz: "beleza", hj: "hoje", qdo: "quando", qnd: "quando", qndo: "quando", qto: "quanto", qnto: "quanto",
  kd: "cade", ta: "esta", tah: "esta", to: "estou", tou: "estou", tava: "estava", tamo: "estamos",
  msm: "mesmo", vdd: "verdade", mto: "muito", mt: "muito", mtu: "muito", agr: "agora", dps: "depois",
  cmg: "comigo", ngm: "ninguem", alg: "alguem", aki: "aqui", eh: "e", tbem: "tambem",
  net: "internet", zap: "whatsapp", zapzap: "whatsapp", wpp: "whatsapp", whats: "whatsapp", wts: "whatsapp",
  cel: "celular", add: "adicionar", nf: "nota fiscal", nfe: "nota fiscal", nfs: "nota fiscal",
  aplicativo: "app", aplicativos: "apps", email: "email", emails: "emails", mail: "email",
  pagei: "paguei", paguey: "paguei", flw: "falou", mds: "meu deus", nois: "nos", certin: "certinho",
};

/** Words that open a negation scope. "sem" is excluded: "sem sinal" is a symptom, not a negated verb. */
const NEGATORS = new Set(["nao", "nem", "nunca", "jamais"]);
/** Words that close a negation scope ("não quero cancelar, só mudar o plano"). */
const SCOPE_BREAKERS = new Set(["mas", "so", "porem", "entao", "porque", "pois", "apenas", "somente"]);
const NEG_SCOPE_MAX = 4;

/**
 * Salutations that open messages of every intent. Left in, "Olá, o app não abre" looks like a
 * greeting to a small model; they are stripped whenever something else remains.
 */
const SALUTATIONS: readonly string[][] = [
  "oi", "ola", "opa", "ei", "e ai", "eai", "alo", "bom dia", "boa tarde", "boa noite", "prezados", "prezadas",
  "prezado", "prezada", "caros", "caras", "senhores", "pessoal", "gente", "mano", "equipe de suporte",
  "equipe", "salve", "bah", "uai", "oxe", "eita", "hey",
].map((p) => p.split(" "));
/** "tudo bem?" is a salutation, "tudo certo agora, obrigado" is not: these need punctuation after them. */
const PUNCTUATED_SALUTATIONS: readonly string[][] = ["tudo bem", "tudo bom", "tudo certo", "beleza", "como vai"].map((p) =>
  p.split(" "),
);
const SIGN_OFFS = new Set(["att", "at", "atenciosamente", "cordialmente", "grato", "grata", "abracos", "abraco", "abs", "saudacoes"]);
/** Thanks words end an e-mail only as their own sentence ("... nº 78120. Obrigado."); "resolvido, obrigado" is the message. */
const THANKS_SIGN_OFFS = new Set(["obrigado", "obrigada", "agradeco"]);
const PUNCT = /^[.,;:!?()]$/;

export interface Analysed {
  /** Accent-free, lower-case, shorthand expanded, single-spaced; digits and punctuation kept. */
  plain: string;
  /** Word tokens (no punctuation) with digit runs collapsed to "0". */
  words: string[];
  /** Same length as `words`: true when the word sits inside a negation scope. */
  negated: boolean[];
  /** `plain` with negated words prefixed by "neg_", for negation-aware lexicon cues. */
  marked: string;
  /** Proportion of letters that were upper-case in the raw text (shouting). */
  upperRatio: number;
  exclamations: number;
  /** A salutation ("Olá", "Bom dia, pessoal") was removed from the front of a longer message. */
  greeted: boolean;
  /** An e-mail sign-off ("Att, Luiz", "Obrigado.") was removed from the end of a longer message. */
  signedOff: boolean;
}

export function stripAccents(s: string): string {
  // NFKD also folds "ª"/"º" into "a"/"o", so "2ª via" and "nº" come out as plain ASCII.
  return s.normalize("NFKD").replace(/\p{M}+/gu, "");
}

/** Laughter is one token however long it is ("kkkkkkk", "hahaha", "rsrs", "huehue"). */
const LAUGHTER = /^(?:k{3,}|(?:ha){2,}h?|(?:he){2,}|(?:rs)+|hue+(?:hue+)*)$/;

/**
 * Collapses stretched letters word by word, in one linear pass: a backreference
 * regex such as /([a-z])\1{2,}/ backtracks per character and overflowed the stack on
 * a 5 MB run of one letter. Only word-sized pieces ever reach a regex.
 */
function collapseRepeats(s: string): string {
  return s.replace(/[a-z]+/g, (word) => {
    if (word.length <= 64 && LAUGHTER.test(word)) return " risos ";
    let out = "";
    let run = 0;
    for (let i = 0; i < word.length; i++) {
      run = i > 0 && word[i] === word[i - 1] ? run + 1 : 1;
      if (run <= 2) out += word[i];
      // Three or more of a letter ("obrigadaaa") become one.
      else if (run === 3) out = out.slice(0, -2) + word[i];
    }
    // Stretched final vowel: "oii", "obrigadaa", "valeuu". Portuguese words rarely end in a doubled a/e/i/u.
    const n = out.length;
    return n >= 2 && out[n - 1] === out[n - 2] && "aeiu".includes(out[n - 1]!) ? out.slice(0, -1) : out;
  });
}

function expandShorthand(token: string): string {
  const hit = SHORTHAND[token];
  if (hit) return hit;
  // "vlww", "obgg": a doubled final letter is keyboard stretching, not part of the word.
  const m = /^(.*?)(.)\2$/.exec(token);
  if (m && m[2] !== "s" && m[2] !== "r") return SHORTHAND[m[1] + m[2]] ?? token;
  return token;
}

function isWord(t: string): boolean {
  return !PUNCT.test(t);
}

function countWords(ts: string[]): number {
  return ts.filter(isWord).length;
}

function stripSalutation(tokens: string[]): string[] {
  let i = 0;
  for (;;) {
    while (i < tokens.length && !isWord(tokens[i])) i++;
    const at = (p: string[]) => p.every((w, j) => tokens[i + j] === w);
    const hit =
      SALUTATIONS.find(at) ??
      PUNCTUATED_SALUTATIONS.find((p) => at(p) && (i + p.length >= tokens.length || !isWord(tokens[i + p.length])));
    if (!hit) break;
    i += hit.length;
  }
  const rest = tokens.slice(i);
  return countWords(rest) >= 2 ? rest : tokens;
}

function stripSignOff(tokens: string[]): string[] {
  for (let i = tokens.length - 1; i > 0; i--) {
    const thanks = THANKS_SIGN_OFFS.has(tokens[i]);
    if (!SIGN_OFFS.has(tokens[i]) && !thanks) continue;
    const tail = tokens.slice(i + 1);
    // A sign-off starts a sentence and is followed by at most a name and a job title.
    if (tail.includes("?") || countWords(tail) > 6) return tokens;
    let start = i;
    if (tokens[i - 2] === "desde" && tokens[i - 1] === "ja") start = i - 2;
    const before = tokens[start - 1];
    if (isWord(before) || (thanks && ![".", "!", "?"].includes(before))) continue;
    const core = tokens.slice(0, start);
    return countWords(core) >= 3 ? core : tokens;
  }
  return tokens;
}

export function analyse(text: string): Analysed {
  const letters = text.match(/\p{L}/gu) ?? [];
  const upper = letters.filter((c) => c !== c.toLowerCase()).length;
  const upperRatio = letters.length ? upper / letters.length : 0;
  const exclamations = (text.match(/!/g) ?? []).length;

  let s = text;
  for (const [re, tok] of EMOJI) s = s.replace(re, tok);
  s = stripAccents(s).toLowerCase();
  s = s.replace(/\be-?mail\b/g, "email").replace(/\bwi-?fi\b/g, "wifi").replace(/\bnf-e\b/g, "nfe");
  // "2ª via", "2a via", "2 via", "2º via", "segunda-via" → one form.
  s = s.replace(/\b(?:2\s*[ao]?|segunda)[\s-]*via\b/g, " segunda via ");
  s = s.replace(/\b(\d+)\s*x\b/g, "$1 vezes");
  s = collapseRepeats(s);
  s = s.replace(/[^a-z0-9.,;:!?()\s]/g, " ");
  s = s.replace(/([.,;:!?()])/g, " $1 ");

  const raw = s.split(/\s+/).filter(Boolean);
  const expanded: string[] = [];
  for (const t of raw) for (const part of expandShorthand(t).split(" ")) expanded.push(part);
  const unsigned = stripSignOff(expanded);
  const tokens = stripSalutation(unsigned);

  const words: string[] = [];
  const negated: boolean[] = [];
  const markedParts: string[] = [];
  let scope = 0;
  for (const t of tokens) {
    if (PUNCT.test(t)) {
      scope = 0;
      markedParts.push(t);
      continue;
    }
    if (NEGATORS.has(t)) {
      scope = NEG_SCOPE_MAX;
      words.push(t);
      negated.push(false);
      markedParts.push(t);
      continue;
    }
    if (SCOPE_BREAKERS.has(t)) scope = 0;
    const inScope = scope > 0;
    if (inScope) scope--;
    words.push(t.replace(/\d+/g, "0"));
    negated.push(inScope);
    markedParts.push(inScope ? `neg_${t}` : t);
  }

  const plain = tokens.join(" ");
  return {
    plain,
    words,
    negated,
    marked: markedParts.join(" "),
    upperRatio,
    exclamations,
    greeted: tokens.length < unsigned.length,
    signedOff: unsigned.length < expanded.length,
  };
}
