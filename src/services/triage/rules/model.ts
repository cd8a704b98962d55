/**
 * Multinomial logistic regression over the sparse features, trained with AdaGrad SGD.
 *
 * Logistic regression rather than naive Bayes because the features overlap heavily (a word, its
 * prefix, its character n-grams and a lexicon cue all fire together) and NB would count that
 * evidence several times; LR also yields usable probabilities for the low-confidence hand-off.
 * Training is fully deterministic (seeded shuffle, fixed epochs) so the committed model.json is
 * reproducible and cross-validation figures are stable.
 */
import { INTENTS, PRIORITIES, type Channel, type Intent, type Priority } from "../types";
import { DEFAULT_GROUP_WEIGHTS, extractFeatures, type GroupWeights, type SparseVector } from "./features";
import { analyse } from "./normalize";

export interface TrainingExample {
  text: string;
  intent: Intent;
  priority: Priority;
  needsHuman: boolean;
  channel?: Channel;
}

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** Features seen in fewer training messages are dropped (lexicon cues and meta features always kept). */
  minDf: number;
  groupWeights: GroupWeights;
  /** Below this top-class probability the message goes to a person. */
  lowConfidence: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  epochs: 30,
  learningRate: 0.3,
  l2: 1e-4,
  seed: 20240601,
  minDf: 2,
  groupWeights: DEFAULT_GROUP_WEIGHTS,
  lowConfidence: 0.4,
};

/**
 * Serialised form, stored as model.json. Arrays and strings only, so importing the JSON stays cheap
 * to type-check; weights are int8-quantised (base64) to keep the committed file small, which costs
 * nothing measurable in accuracy.
 */
export interface TriageModel {
  version: 1;
  intents: Intent[];
  features: string[];
  /** Row-major [feature][intent] int8 values, base64; real weight = value * weightScale. */
  weights: string;
  weightScale: number;
  bias: number[];
  /** Aligned with `intents`: the usual priority of each intent in the training data. */
  priorities: Priority[];
  /** Intents that the training data shows escalating to URGENT on severity cues. */
  escalatable: Intent[];
  lowConfidence: number;
  groupWeights: GroupWeights;
  trainedOn: number;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(xs: T[], rnd: () => number): T[] {
  const a = xs.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const SEVERITY_ORDER: Record<Priority, number> = { LOW: 0, MEDIUM: 1, HIGH: 2, URGENT: 3 };
/** Used only for intents absent from the training data. */
const PRIORITY_PRIOR: Record<Intent, Priority> = {
  second_copy_invoice: "LOW", product_info: "LOW", greeting: "LOW", thanks: "LOW",
  plan_management: "MEDIUM", order_status: "MEDIUM", payment_status: "MEDIUM", human_request: "MEDIUM", other: "MEDIUM",
  technical_issue: "HIGH", complaint: "HIGH", cancellation: "HIGH", privacy_request: "HIGH",
};

export function learnPriorities(examples: TrainingExample[]): { priorities: Priority[]; escalatable: Intent[] } {
  const priorities = INTENTS.map((intent) => {
    const counts = new Map<Priority, number>();
    for (const e of examples) {
      // URGENT is the escalated state, not the base level: learn the base from the rest.
      if (e.intent === intent && e.priority !== "URGENT") counts.set(e.priority, (counts.get(e.priority) ?? 0) + 1);
    }
    let best: Priority = PRIORITY_PRIOR[intent];
    let bestN = 0;
    for (const p of PRIORITIES) {
      const n = counts.get(p) ?? 0;
      // Ties go to the more severe level: under-prioritising costs more than over-prioritising.
      if (n > bestN || (n === bestN && n > 0 && SEVERITY_ORDER[p] > SEVERITY_ORDER[best])) [best, bestN] = [p, n];
    }
    return best;
  });
  const escalatable = INTENTS.filter((i) => examples.some((e) => e.intent === i && e.priority === "URGENT"));
  return { priorities, escalatable };
}

export function train(examples: TrainingExample[], options: Partial<TrainOptions> = {}): TriageModel {
  const opt = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  const C = INTENTS.length;
  const vectors = examples.map((e) => extractFeatures(analyse(e.text), e.channel, opt.groupWeights));

  const df = new Map<string, number>();
  for (const v of vectors) for (const f of v.keys()) df.set(f, (df.get(f) ?? 0) + 1);
  const vocab = [...df.entries()]
    .filter(([f, n]) => n >= opt.minDf || f.startsWith("k:") || f.startsWith("m:"))
    .map(([f]) => f)
    .sort();
  const index = new Map(vocab.map((f, i) => [f, i]));
  const rows = vectors.map((v) => {
    const idx: number[] = [];
    const val: number[] = [];
    for (const [f, x] of v) {
      const i = index.get(f);
      if (i !== undefined) idx.push(i), val.push(x);
    }
    return { idx, val };
  });
  const labels = examples.map((e) => INTENTS.indexOf(e.intent));

  const W = new Float64Array(vocab.length * C);
  const G = new Float64Array(vocab.length * C).fill(1e-8);
  const b = new Float64Array(C);
  const Gb = new Float64Array(C).fill(1e-8);
  const rnd = mulberry32(opt.seed);
  const order = examples.map((_, i) => i);
  const p = new Float64Array(C);

  for (let epoch = 0; epoch < opt.epochs; epoch++) {
    for (const n of shuffle(order, rnd)) {
      const { idx, val } = rows[n];
      scores(W, b, idx, val, p);
      softmaxInPlace(p);
      p[labels[n]] -= 1; // p now holds the gradient of the log-loss w.r.t. the scores
      for (let c = 0; c < C; c++) {
        Gb[c] += p[c] * p[c];
        b[c] -= (opt.learningRate * p[c]) / Math.sqrt(Gb[c]);
      }
      for (let k = 0; k < idx.length; k++) {
        const base = idx[k] * C;
        for (let c = 0; c < C; c++) {
          const g = p[c] * val[k] + opt.l2 * W[base + c];
          G[base + c] += g * g;
          W[base + c] -= (opt.learningRate * g) / Math.sqrt(G[base + c]);
        }
      }
    }
  }

  return serialise(vocab, W, b, {
    ...learnPriorities(examples),
    lowConfidence: opt.lowConfidence,
    groupWeights: opt.groupWeights,
    trainedOn: examples.length,
  });
}

/** int8-quantises a dense [feature][intent] weight matrix into the stored model format (zero rows dropped). */
export function serialise(
  vocab: readonly string[],
  W: Float64Array,
  b: ArrayLike<number>,
  meta: Pick<TriageModel, "priorities" | "escalatable" | "lowConfidence" | "groupWeights" | "trainedOn">,
): TriageModel {
  const C = INTENTS.length;
  let maxAbs = 1e-9;
  for (const w of W) maxAbs = Math.max(maxAbs, Math.abs(w));
  const weightScale = maxAbs / 127;
  const features: string[] = [];
  const q: number[] = [];
  for (let f = 0; f < vocab.length; f++) {
    const row = Array.from(W.subarray(f * C, f * C + C), (w) => Math.round(w / weightScale));
    if (row.some((w) => w !== 0)) features.push(vocab[f]!), q.push(...row);
  }
  return {
    version: 1,
    intents: [...INTENTS],
    features,
    weights: Buffer.from(Int8Array.from(q).buffer).toString("base64"),
    weightScale,
    bias: Array.from(b, round3),
    ...meta,
  };
}

export function scores(W: ArrayLike<number>, b: ArrayLike<number>, idx: number[], val: number[], out: Float64Array): void {
  const C = out.length;
  for (let c = 0; c < C; c++) out[c] = b[c];
  for (let k = 0; k < idx.length; k++) {
    const base = idx[k] * C;
    for (let c = 0; c < C; c++) out[c] += W[base + c] * val[k];
  }
}

export function softmaxInPlace(p: Float64Array): void {
  let max = -Infinity;
  for (const x of p) max = Math.max(max, x);
  let sum = 0;
  for (let c = 0; c < p.length; c++) sum += p[c] = Math.exp(p[c] - max);
  for (let c = 0; c < p.length; c++) p[c] /= sum;
}

export interface Decoded {
  index: Map<string, number>;
  weights: Float32Array;
}
const decoded = new WeakMap<TriageModel, Decoded>();

/** The model's weights as floats, with the feature index. */
export function decode(model: TriageModel): Decoded {
  let d = decoded.get(model);
  if (!d) {
    const bytes = Buffer.from(model.weights, "base64");
    const q = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (q.length !== model.features.length * model.intents.length) throw new Error("triage model: weight matrix size mismatch");
    d = { index: new Map(model.features.map((f, i) => [f, i])), weights: Float32Array.from(q, (x) => x * model.weightScale) };
    decoded.set(model, d);
  }
  return d;
}

/** Class probabilities, aligned with `model.intents`. */
export function predictProba(model: TriageModel, vector: SparseVector): number[] {
  const { index, weights } = decode(model);
  const idx: number[] = [];
  const val: number[] = [];
  for (const [f, x] of vector) {
    const i = index.get(f);
    if (i !== undefined) idx.push(i), val.push(x);
  }
  const p = new Float64Array(model.intents.length);
  scores(weights, model.bias, idx, val, p);
  softmaxInPlace(p);
  return Array.from(p);
}
