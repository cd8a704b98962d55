/**
 * How well a model (or the adaptation procedure) does on a tenant's corrected examples.
 * Corrections carry an intent only; whether a person was needed follows from it.
 */
import { classify } from "../rules/classify";
import { adapt, type AdaptOptions } from "../rules/adapt";
import { stratifiedFolds } from "../rules/evaluate";
import type { TrainingExample, TriageModel } from "../rules/model";
import { RESOLVABLE_INTENTS, type Channel, type Intent } from "../types";

export interface LabelledText { text: string; intent: Intent; channel?: Channel | null }
export interface Figures { n: number; accuracy: number; needsHumanRecall: number }

export function asTraining(e: LabelledText): TrainingExample {
  const needsHuman = !RESOLVABLE_INTENTS.has(e.intent);
  return { text: e.text, intent: e.intent, needsHuman, priority: needsHuman ? "HIGH" : "LOW", ...(e.channel ? { channel: e.channel } : {}) };
}

function figures(pairs: Array<{ e: TrainingExample; predicted: Intent; needsHuman: boolean }>): Figures {
  const human = pairs.filter((p) => p.e.needsHuman);
  return {
    n: pairs.length,
    accuracy: pairs.length ? pairs.filter((p) => p.predicted === p.e.intent).length / pairs.length : 0,
    needsHumanRecall: human.length ? human.filter((p) => p.needsHuman).length / human.length : 1,
  };
}

/** A fixed model on examples it never saw. */
export function evaluateModel(model: TriageModel, examples: readonly LabelledText[]): Figures {
  return figures(examples.map(asTraining).map((e) => {
    const c = classify(model, e.text, e.channel);
    return { e, predicted: c.intent, needsHuman: c.needsHuman };
  }));
}

/**
 * k-fold cross-validation of adapting `base` to the examples: each fold is predicted by `base`
 * adapted to the other folds. `between` runs between folds (the job yields the event loop there).
 */
export async function crossValidateAdaptation(base: TriageModel, examples: readonly LabelledText[], opts: { folds?: number; seed?: number; adapt?: Partial<AdaptOptions>; between?: () => Promise<void> } = {}): Promise<Figures> {
  const data = examples.map(asTraining);
  const k = Math.max(2, Math.min(opts.folds ?? 5, data.length));
  const fold = stratifiedFolds(data, k, opts.seed ?? 7);
  const pairs: Array<{ e: TrainingExample; predicted: Intent; needsHuman: boolean }> = [];
  for (let f = 0; f < k; f++) {
    const model = adapt(base, data.filter((_, i) => fold[i] !== f), opts.adapt);
    for (const [i, e] of data.entries()) {
      if (fold[i] !== f) continue;
      const c = classify(model, e.text, e.channel);
      pairs.push({ e, predicted: c.intent, needsHuman: c.needsHuman });
    }
    await opts.between?.();
  }
  return figures(pairs);
}
