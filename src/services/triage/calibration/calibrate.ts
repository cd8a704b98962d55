/**
 * Chooses the offline auto-resolution threshold and measures the gate.
 *
 * The threshold is the lowest confidence at which the rules pipeline may answer on its own. It is
 * chosen on out-of-sample predictions only (k-fold and leave-one-channel-out, each on the
 * messages as written and on perturbed copies), over several seeds, as the highest confidence
 * any message needing a person reached among those the pipeline would otherwise have answered,
 * plus a margin: none of them would have been auto-resolved, and the margin covers the seeds we
 * did not draw.
 */
import type { Classification } from "../rules/classify";
import type { TrainingExample } from "../rules/model";
import { crossValidatedPredictions, leaveOneChannelOutPredictions, type Prediction, type PredictionOptions, type PredictionSource } from "./predictions";

export interface CalibrationOptions {
  seeds: number[];
  folds: number;
  copies: number;
  /** Added to the highest unsafe confidence seen. */
  margin: number;
}

export const DEFAULT_CALIBRATION: CalibrationOptions = { seeds: [101, 202, 303, 404, 505], folds: 5, copies: 4, margin: 0.05 };

export interface CalibrationRun {
  seed: number;
  predictions: Prediction[];
  /** Highest confidence of an answerable-looking prediction whose message needed a person (0 if none). */
  maxUnsafeConfidence: number;
}

export interface Calibration {
  threshold: number;
  options: CalibrationOptions;
  runs: CalibrationRun[];
}

/** Would the gate answer this on its own at `threshold`? */
export function autoResolves(c: Classification, threshold: number): boolean {
  return c.blockers.length === 0 && c.confidence >= threshold;
}

function maxUnsafe(predictions: readonly Prediction[]): number {
  let max = 0;
  for (const p of predictions) if (p.example.needsHuman && p.c.blockers.length === 0) max = Math.max(max, p.c.confidence);
  return max;
}

export function calibrate(examples: readonly TrainingExample[], options: CalibrationOptions = DEFAULT_CALIBRATION): Calibration {
  const runs = options.seeds.map((seed): CalibrationRun => {
    const opt: PredictionOptions = { folds: options.folds, copies: options.copies, seed };
    const predictions = [...crossValidatedPredictions(examples, opt), ...leaveOneChannelOutPredictions(examples, opt)];
    return { seed, predictions, maxUnsafeConfidence: maxUnsafe(predictions) };
  });
  const worst = Math.max(...runs.map((r) => r.maxUnsafeConfidence));
  const threshold = Math.min(1, Math.ceil((worst + options.margin) * 100) / 100);
  return { threshold, options, runs };
}

export interface GateFigures {
  n: number;
  intentAccuracy: number;
  /** Of the messages needing a person, the share the gate sent to one. */
  needsHumanRecall: number;
  /** Messages needing a person that the gate would have answered on its own (must be 0). */
  unsafeAutoResolutions: number;
  /** Share of all messages answered automatically. */
  autoResolutionRate: number;
  /** Share of the messages that could have been answered automatically that were. */
  autoResolutionOfAnswerable: number;
}

export function gateFigures(predictions: ReadonlyArray<{ example: TrainingExample; c: Classification }>, threshold: number): GateFigures {
  let correct = 0, human = 0, humanCaught = 0, unsafe = 0, auto = 0, answerable = 0, answerableAuto = 0;
  for (const { example, c } of predictions) {
    const a = autoResolves(c, threshold);
    if (c.intent === example.intent) correct++;
    if (example.needsHuman) {
      human++;
      if (!a) humanCaught++;
      else unsafe++;
    } else {
      answerable++;
      if (a) answerableAuto++;
    }
    if (a) auto++;
  }
  const n = predictions.length;
  return {
    n,
    intentAccuracy: n ? correct / n : 0,
    needsHumanRecall: human ? humanCaught / human : 1,
    unsafeAutoResolutions: unsafe,
    autoResolutionRate: n ? auto / n : 0,
    autoResolutionOfAnswerable: answerable ? answerableAuto / answerable : 0,
  };
}

export function bySource(predictions: readonly Prediction[], source: PredictionSource): Prediction[] {
  return predictions.filter((p) => p.source === source);
}
