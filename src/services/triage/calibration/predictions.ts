/**
 * Out-of-sample predictions of the rules pipeline, for calibration: every prediction is made by
 * a model that never saw the message (k-fold) or never saw its channel (leave-one-channel-out),
 * on the message as written and on perturbed copies of it.
 */
import { CHANNELS, type Channel } from "../types";
import { classify, type Classification } from "../rules/classify";
import { stratifiedFolds } from "../rules/evaluate";
import { train, type TrainingExample, type TriageModel } from "../rules/model";
import { perturbedCopies, type PerturbationKind } from "./perturb";

export type PredictionSource = "cv" | "cv-perturbed" | "loco" | "loco-perturbed";

export interface Prediction {
  example: TrainingExample;
  /** The text the model saw (the example's, or a perturbed copy). */
  text: string;
  source: PredictionSource;
  /** The perturbations applied (empty for the message as written). */
  kinds: PerturbationKind[];
  c: Classification;
}

export interface PredictionOptions {
  folds: number;
  /** Perturbed copies of each held-out message. */
  copies: number;
  seed: number;
}

export const DEFAULT_PREDICTION_OPTIONS: PredictionOptions = { folds: 5, copies: 4, seed: 20250101 };

/** Predictions of `model` for `held` as written and for `copies` perturbed copies of each. */
export function predictAll(model: TriageModel, held: readonly TrainingExample[], source: "cv" | "loco", copies: number, seed: number): Prediction[] {
  const out: Prediction[] = held.map((e) => ({ example: e, text: e.text, source, kinds: [], c: classify(model, e.text, e.channel, 0) }));
  for (const p of perturbedCopies(held, copies, seed)) {
    const { kinds, ...example } = p;
    out.push({ example, text: p.text, source: `${source}-perturbed`, kinds, c: classify(model, p.text, p.channel, 0) });
  }
  return out;
}

/** Stratified k-fold: each fold's messages (and their perturbed copies) predicted by a model trained on the other folds. */
export function crossValidatedPredictions(examples: readonly TrainingExample[], opt: PredictionOptions = DEFAULT_PREDICTION_OPTIONS): Prediction[] {
  const fold = stratifiedFolds([...examples], opt.folds, opt.seed);
  const out: Prediction[] = [];
  for (let f = 0; f < opt.folds; f++) {
    const model = train(examples.filter((_, i) => fold[i] !== f));
    out.push(...predictAll(model, examples.filter((_, i) => fold[i] === f), "cv", opt.copies, opt.seed + f));
  }
  return out;
}

/** Each channel's messages predicted by a model trained only on the other channels. */
export function leaveOneChannelOutPredictions(examples: readonly TrainingExample[], opt: PredictionOptions = DEFAULT_PREDICTION_OPTIONS): Prediction[] {
  const out: Prediction[] = [];
  const present = CHANNELS.filter((ch) => examples.some((e) => e.channel === ch));
  present.forEach((ch: Channel, i) => {
    const model = train(examples.filter((e) => e.channel !== ch));
    out.push(...predictAll(model, examples.filter((e) => e.channel === ch), "loco", opt.copies, opt.seed + 100 + i));
  });
  return out;
}
