/**
 * Adapts a trained rules model to one tenant's corrected examples.
 *
 * The shipped model is the prior: training starts from its weights and an L2 penalty pulls every
 * weight back toward them (MAP adaptation), so a few dozen examples teach the tenant's
 * vocabulary ("guia" for a bill, "rematrícula" for a plan change) without forgetting what the
 * shipped model knows; the class biases stay as shipped, so a tenant whose examples are all of
 * one intent does not start predicting it everywhere. Deterministic, like `train`.
 */
import { INTENTS } from "../types";
import { extractFeatures } from "./features";
import { decode, mulberry32, scores, serialise, shuffle, softmaxInPlace, type TrainingExample, type TriageModel } from "./model";
import { analyse } from "./normalize";

export interface AdaptOptions {
  epochs: number;
  learningRate: number;
  /** Pull toward the prior's weights. */
  priorWeight: number;
  seed: number;
}

export const DEFAULT_ADAPT_OPTIONS: AdaptOptions = { epochs: 25, learningRate: 0.3, priorWeight: 0.001, seed: 20240601 };

export function adapt(base: TriageModel, examples: readonly TrainingExample[], options: Partial<AdaptOptions> = {}): TriageModel {
  const opt = { ...DEFAULT_ADAPT_OPTIONS, ...options };
  const C = INTENTS.length;
  const prior = decode(base);
  const vectors = examples.map((e) => extractFeatures(analyse(e.text), e.channel, base.groupWeights));
  const vocab = [...new Set([...base.features, ...vectors.flatMap((v) => [...v.keys()])])].sort();
  const index = new Map(vocab.map((f, i) => [f, i]));
  const W0 = new Float64Array(vocab.length * C);
  vocab.forEach((f, i) => {
    const j = prior.index.get(f);
    if (j !== undefined) for (let c = 0; c < C; c++) W0[i * C + c] = prior.weights[j * C + c]!;
  });
  const W = Float64Array.from(W0);
  const G = new Float64Array(vocab.length * C).fill(1e-8);
  const rows = vectors.map((v) => {
    const idx: number[] = [];
    const val: number[] = [];
    for (const [f, x] of v) idx.push(index.get(f)!), val.push(x);
    return { idx, val };
  });
  const labels = examples.map((e) => INTENTS.indexOf(e.intent));
  const rnd = mulberry32(opt.seed);
  const p = new Float64Array(C);
  for (let epoch = 0; epoch < opt.epochs; epoch++) {
    for (const n of shuffle(examples.map((_, i) => i), rnd)) {
      const { idx, val } = rows[n]!;
      scores(W, base.bias, idx, val, p);
      softmaxInPlace(p);
      p[labels[n]!]! -= 1;
      for (let k = 0; k < idx.length; k++) {
        const at = idx[k]! * C;
        for (let c = 0; c < C; c++) {
          const g = p[c]! * val[k]! + opt.priorWeight * (W[at + c]! - W0[at + c]!);
          G[at + c]! += g * g;
          W[at + c]! -= (opt.learningRate * g) / Math.sqrt(G[at + c]!);
        }
      }
    }
  }
  return serialise(vocab, W, base.bias, {
    // Corrections carry intents, not priorities: those stay as shipped.
    priorities: base.priorities,
    escalatable: base.escalatable,
    lowConfidence: base.lowConfidence,
    groupWeights: base.groupWeights,
    trainedOn: base.trainedOn + examples.length,
  });
}
