/**
 * Rewrites a Portuguese customer message the way real customers write: accents dropped,
 * internetês ("vc", "pq", "q", "n"), typos, clauses in another order, slang and fillers,
 * shouting or no punctuation at all.
 *
 * Used to calibrate the offline auto-resolution threshold: a model whose lexicon was written
 * from the dev set looks better on the dev set than on the street, and these copies put some of
 * the street back. The transformations are generic Brazilian-Portuguese writing habits, not
 * phrases of the dev set; everything is seeded so the calibration is reproducible.
 */
import { mulberry32 } from "../rules/model";

export type Rng = () => number;

export type PerturbationKind = "accents" | "internetes" | "typos" | "reorder" | "slang" | "casing";
export const PERTURBATION_KINDS: readonly PerturbationKind[] = ["accents", "internetes", "typos", "reorder", "slang", "casing"];

const pick = <T>(xs: readonly T[], rnd: Rng): T => xs[Math.floor(rnd() * xs.length)]!;

export function dropAccents(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
}

/**
 * Common chat spellings of Brazilian Portuguese. Each entry: a standard form (matched as a whole
 * word, accents optional) and the variants people type.
 */
const INTERNETES: ReadonlyArray<[string, readonly string[]]> = [
  ["voces", ["vcs", "voceis", "ces"]],
  ["voce", ["vc", "vc", "ce", "cê", "vo6"]],
  ["porque", ["pq", "pq", "purque"]],
  ["por que", ["pq", "porq"]],
  ["que", ["q", "q", "ki"]],
  ["nao", ["n", "ñ", "naum", "nn"]],
  ["tambem", ["tb", "tbm", "tmb"]],
  ["tudo", ["td"]],
  ["todos", ["tds"]],
  ["beleza", ["blz"]],
  ["hoje", ["hj"]],
  ["mensagem", ["msg"]],
  ["quando", ["qnd", "qdo", "qndo"]],
  ["quanto", ["qto", "qnto"]],
  ["por favor", ["pfv", "pf", "pfvr", "plmdds"]],
  ["obrigado", ["obg", "obgd", "brigado", "vlw"]],
  ["obrigada", ["obg", "obgda", "brigada"]],
  ["muito", ["mt", "mto", "mtu", "mó"]],
  ["esta", ["ta", "tá", "tah"]],
  ["estou", ["to", "tô", "tou"]],
  ["estava", ["tava"]],
  ["para", ["pra", "pra", "pa"]],
  ["para o", ["pro"]],
  ["comigo", ["cmg"]],
  ["ninguem", ["ngm"]],
  ["alguem", ["alg", "algm"]],
  ["aqui", ["aki", "aq"]],
  ["agora", ["agr"]],
  ["depois", ["dps", "dpois"]],
  ["mesmo", ["msm"]],
  ["verdade", ["vdd"]],
  ["cade", ["kd", "cadê"]],
  ["de novo", ["dnv", "d novo"]],
  ["qualquer", ["qlqr", "qq"]],
  ["com", ["c/", "cm"]],
  ["sem", ["s/"]],
  ["fim de semana", ["fds"]],
  ["whatsapp", ["zap", "wpp", "whats"]],
  ["tipo", ["tp"]],
  ["certeza", ["ctz"]],
  ["entao", ["ent", "entaum"]],
  ["vamos", ["bora", "vamo"]],
  ["sabe", ["sab"]],
  ["voce esta", ["ce ta", "vc ta"]],
  ["de", ["d"]],
  ["me", ["mi"]],
  ["isso", ["isso ai"]],
];

function wordPattern(std: string): RegExp {
  // Accent-insensitive: "não" and "nao" both match "nao".
  const body = std
    .split(" ")
    .map((w) => [...w].map((c) => (/[aeiouc]/.test(c) ? `[${c}${ACCENTED[c] ?? ""}]` : c)).join(""))
    .join("\\s+");
  return new RegExp(`(^|[^\\p{L}])(${body})(?=$|[^\\p{L}])`, "giu");
}
const ACCENTED: Record<string, string> = { a: "áàâã", e: "éê", i: "í", o: "óôõ", u: "úü", c: "ç" };
const INTERNETES_RE = INTERNETES.map(([std, variants]) => [wordPattern(std), variants] as const);

export function internetes(text: string, rnd: Rng, rate = 0.7): string {
  let out = text;
  for (const [re, variants] of INTERNETES_RE) {
    out = out.replace(re, (_m, pre: string, word: string) => (rnd() < rate ? pre + pick(variants, rnd) : pre + word));
  }
  return out;
}

/** Letters next to each other on a Brazilian ABNT2/QWERTY keyboard. */
const NEIGHBOURS: Record<string, string> = {
  q: "wa", w: "qes", e: "wrd", r: "etf", t: "ryg", y: "tuh", u: "yij", i: "uok", o: "ipl", p: "ol",
  a: "qsz", s: "adwx", d: "sfe", f: "dgr", g: "fht", h: "gjy", j: "hku", k: "jli", l: "kç", ç: "l",
  z: "asx", x: "zcs", c: "xvd", v: "cbf", b: "vng", n: "bmh", m: "nj",
};

function typoIn(word: string, rnd: Rng): string {
  const i = 1 + Math.floor(rnd() * (word.length - 2));
  const c = word[i]!;
  switch (Math.floor(rnd() * 6)) {
    case 0: // swapped letters
      return word.slice(0, i) + word[i + 1] + c + word.slice(i + 2);
    case 1: // a letter lost
      return word.slice(0, i) + word.slice(i + 1);
    case 2: // a letter doubled
      return word.slice(0, i) + c + word.slice(i);
    case 3: { // the key beside it
      const near = NEIGHBOURS[c.toLowerCase()];
      return near ? word.slice(0, i) + pick([...near], rnd) + word.slice(i + 1) : word;
    }
    case 4: // the final r of infinitives, the final s of plurals
      return /[rs]$/i.test(word) ? word.slice(0, -1) : word;
    default: // phonetic spellings
      return word.replace(/ss/i, "s").replace(/ç/i, "ss").replace(/ch/i, "x").replace(/qu(?=[ei])/i, "k").replace(/lh/i, "li");
  }
}

export function typos(text: string, rnd: Rng, rate = 0.18): string {
  return text.replace(/\p{L}{4,}/gu, (w) => (rnd() < rate ? typoIn(w, rnd) : w));
}

/** Clauses in another order: "o app trava, desde ontem, já reinstalei" → "já reinstalei, o app trava, desde ontem". */
export function reorderClauses(text: string, rnd: Rng): string {
  const clauses = text.split(/\s*[,;.!?]+\s*/).map((c) => c.trim()).filter(Boolean);
  if (clauses.length < 2) return text;
  for (let i = clauses.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [clauses[i], clauses[j]] = [clauses[j]!, clauses[i]!];
  }
  return clauses.join(", ");
}

const OPENERS = ["mano", "tipo assim", "aff", "pô", "véi", "então", "oi moço", "ei", "olha so", "gente", "bom", "ah", "moça"];
const CLOSERS = ["kkk", "rs", "né", "sério", "pfv", "aff", "slk", "mds", "tlgd", "kkkkk", "😅", "🙏", "!!", "??"];
const FILLERS = ["tipo", "né", "sabe", "assim", "tipo assim", "mano", "ai"];
const SWAPS: ReadonlyArray<[RegExp, readonly string[]]> = [
  [/\bdinheiro\b/gi, ["grana", "dindin"]],
  [/\btrabalho\b/gi, ["trampo", "serviço"]],
  [/\bmuito\b/gi, ["mó", "mto", "bem"]],
  [/\bproblema\b/gi, ["treta", "rolo"]],
  [/\bcoisa\b/gi, ["parada", "bagulho", "trem"]],
  [/\bentendi\b/gi, ["saquei"]],
  [/\bestá bem\b/gi, ["fechou", "suave"]],
  [/\bcelular\b/gi, ["cel", "celu"]],
];

export function slang(text: string, rnd: Rng): string {
  let out = text;
  for (const [re, variants] of SWAPS) out = out.replace(re, (m) => (rnd() < 0.6 ? pick(variants, rnd) : m));
  const words = out.split(" ");
  if (words.length > 4 && rnd() < 0.5) words.splice(1 + Math.floor(rnd() * (words.length - 2)), 0, pick(FILLERS, rnd));
  out = words.join(" ");
  // An opener ("ei", "oi moço") would turn a content-free message ("?", "teste") into a greeting,
  // changing its label; it only goes in front of a message with something to say.
  if (words.length >= 3 && rnd() < 0.6) out = `${pick(OPENERS, rnd)} ${out}`;
  if (rnd() < 0.6) out = `${out} ${pick(CLOSERS, rnd)}`;
  return out;
}

export function casing(text: string, rnd: Rng): string {
  const r = rnd();
  if (r < 0.25) return text.toUpperCase();
  if (r < 0.6) return text.toLowerCase().replace(/[.,;:!?]+/g, "").trim() || text;
  // Stretched letters of a lively chat: "oiii", "simmm".
  return text.toLowerCase().replace(/\b(\p{L}+?)([aeiou])\b/gu, (m, stem: string, v: string) => (rnd() < 0.15 ? stem + v.repeat(2 + Math.floor(rnd() * 3)) : m));
}

const APPLY: Record<PerturbationKind, (text: string, rnd: Rng) => string> = {
  accents: (t) => dropAccents(t),
  internetes: (t, r) => internetes(t, r),
  typos: (t, r) => typos(t, r),
  reorder: reorderClauses,
  slang,
  casing,
};

/** Applies the given kinds in a fixed order (reordering before spelling, so typos may cross clauses). */
export function perturb(text: string, kinds: readonly PerturbationKind[], rnd: Rng): string {
  let out = text;
  for (const kind of ["reorder", "slang", "internetes", "accents", "typos", "casing"] as const) {
    if (kinds.includes(kind)) out = APPLY[kind](out, rnd);
  }
  return out.replace(/\s+/g, " ").trim() || text;
}

/** A random non-empty combination of kinds: each kind with probability `p`. */
export function randomKinds(rnd: Rng, p = 0.5): PerturbationKind[] {
  const kinds = PERTURBATION_KINDS.filter(() => rnd() < p);
  return kinds.length ? kinds : [pick(PERTURBATION_KINDS, rnd)];
}

/** `copies` perturbed versions of each example (labels unchanged), reproducible from `seed`. */
export function perturbedCopies<T extends { text: string }>(examples: readonly T[], copies: number, seed: number): Array<T & { kinds: PerturbationKind[] }> {
  const rnd = mulberry32(seed);
  const out: Array<T & { kinds: PerturbationKind[] }> = [];
  for (const e of examples) {
    for (let c = 0; c < copies; c++) {
      const kinds = randomKinds(rnd);
      out.push({ ...e, text: perturb(e.text, kinds, rnd), kinds });
    }
  }
  return out;
}
