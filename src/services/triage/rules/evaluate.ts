/**
 * Stratified k-fold cross-validation of the whole rules pipeline (training code included),
 * used by scripts/eval-triage.ts and by the CV test. Pure: the caller supplies the examples.
 */
import { INTENTS, RESOLVABLE_INTENTS, type Intent } from "../types";
import { classify, type Classification } from "./classify";
import { mulberry32, shuffle, train, type TrainingExample, type TrainOptions } from "./model";

export interface EvalReport {
  folds: number;
  n: number;
  accuracy: number;
  macroF1: number;
  /** Of the messages labelled needsHuman=true, the share the pipeline sent to a person. */
  needsHumanRecall: number;
  /** Of the messages the pipeline auto-resolved, the share that really were resolvable. */
  autoResolvePrecision: number;
  priorityAccuracy: number;
  perIntent: Record<Intent, { precision: number; recall: number; f1: number; support: number }>;
  /** confusion[gold][predicted] */
  confusion: Record<Intent, Record<Intent, number>>;
  errors: Array<{ text: string; gold: Intent; predicted: Intent }>;
  /** Messages labelled needsHuman=true that the pipeline would have answered automatically. */
  humanMisses: Array<{ text: string; gold: Intent; predicted: Intent; confidence: number }>;
  priorityErrors: Array<{ text: string; gold: string; predicted: string }>;
}

export function parseJsonl(text: string): TrainingExample[] {
  return text
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as TrainingExample);
}

/** Fold index per example; each intent is spread evenly across folds. */
export function stratifiedFolds(examples: TrainingExample[], k: number, seed: number): number[] {
  const rnd = mulberry32(seed);
  const fold = new Array<number>(examples.length);
  let offset = 0;
  for (const intent of INTENTS) {
    const members = shuffle(
      examples.flatMap((e, i) => (e.intent === intent ? [i] : [])),
      rnd,
    );
    // Rotating the start keeps small classes from always landing in fold 0.
    members.forEach((idx, j) => (fold[idx] = (j + offset) % k));
    offset = (offset + members.length) % k;
  }
  return fold;
}

export function crossValidate(
  examples: TrainingExample[],
  k = 5,
  seed = 7,
  trainOptions: Partial<TrainOptions> = {},
): EvalReport {
  const fold = stratifiedFolds(examples, k, seed);
  const predictions = new Array<Classification>(examples.length);
  for (let f = 0; f < k; f++) {
    const model = train(examples.filter((_, i) => fold[i] !== f), trainOptions);
    examples.forEach((e, i) => {
      if (fold[i] === f) predictions[i] = classify(model, e.text, e.channel);
    });
  }
  return score(examples, predictions, k);
}

export function score(examples: TrainingExample[], predictions: Classification[], folds = 0): EvalReport {
  const confusion = Object.fromEntries(
    INTENTS.map((g) => [g, Object.fromEntries(INTENTS.map((p) => [p, 0]))]),
  ) as Record<Intent, Record<Intent, number>>;
  let correct = 0;
  let prioCorrect = 0;
  let humanGold = 0;
  let humanHit = 0;
  let autoResolved = 0;
  let autoResolvedOk = 0;
  const errors: EvalReport["errors"] = [];
  const humanMisses: EvalReport["humanMisses"] = [];
  const priorityErrors: EvalReport["priorityErrors"] = [];
  examples.forEach((e, i) => {
    const p = predictions[i];
    confusion[e.intent][p.intent]++;
    if (p.intent === e.intent) correct++;
    else errors.push({ text: e.text, gold: e.intent, predicted: p.intent });
    if (p.priority === e.priority) prioCorrect++;
    else priorityErrors.push({ text: e.text, gold: e.priority, predicted: p.priority });
    if (e.needsHuman) {
      humanGold++;
      if (p.needsHuman) humanHit++;
      else humanMisses.push({ text: e.text, gold: e.intent, predicted: p.intent, confidence: p.confidence });
    }
    if (!p.needsHuman && RESOLVABLE_INTENTS.has(p.intent)) {
      autoResolved++;
      if (!e.needsHuman) autoResolvedOk++;
    }
  });
  const perIntent = {} as EvalReport["perIntent"];
  let f1Sum = 0;
  let present = 0;
  for (const intent of INTENTS) {
    const tp = confusion[intent][intent];
    const support = INTENTS.reduce((s, p) => s + confusion[intent][p], 0);
    const predicted = INTENTS.reduce((s, g) => s + confusion[g][intent], 0);
    const precision = predicted ? tp / predicted : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perIntent[intent] = { precision, recall, f1, support };
    if (support) (f1Sum += f1), present++;
  }
  const n = examples.length;
  return {
    folds,
    n,
    accuracy: correct / n,
    macroF1: present ? f1Sum / present : 0,
    needsHumanRecall: humanGold ? humanHit / humanGold : 1,
    autoResolvePrecision: autoResolved ? autoResolvedOk / autoResolved : 1,
    priorityAccuracy: prioCorrect / n,
    perIntent,
    confusion,
    errors,
    humanMisses,
    priorityErrors,
  };
}

const ABBREV: Record<Intent, string> = {
  second_copy_invoice: "inv", plan_management: "plan", order_status: "ord", payment_status: "pay",
  product_info: "prod", greeting: "greet", thanks: "thx", technical_issue: "tech", complaint: "cmpl",
  cancellation: "canc", privacy_request: "priv", human_request: "hum", other: "oth",
};

export function formatReport(r: EvalReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [
    `Stratified ${r.folds}-fold cross-validation on ${r.n} messages`,
    `  intent accuracy        ${pct(r.accuracy)}`,
    `  macro-F1               ${pct(r.macroF1)}`,
    `  needsHuman recall      ${pct(r.needsHumanRecall)}`,
    `  auto-resolve precision ${pct(r.autoResolvePrecision)}`,
    `  priority accuracy      ${pct(r.priorityAccuracy)}`,
    "",
    "Per intent (precision / recall / F1 / support):",
    ...INTENTS.map((i) => {
      const s = r.perIntent[i];
      return `  ${i.padEnd(20)} ${pct(s.precision).padStart(6)} ${pct(s.recall).padStart(6)} ${pct(s.f1).padStart(6)} ${String(s.support).padStart(4)}`;
    }),
    "",
    "Confusion (rows = gold, columns = predicted):",
    `  ${"".padEnd(20)}${INTENTS.map((i) => ABBREV[i].padStart(6)).join("")}`,
    ...INTENTS.map((g) => `  ${g.padEnd(20)}${INTENTS.map((p) => String(r.confusion[g][p] || ".").padStart(6)).join("")}`),
  ];
  return lines.join("\n");
}
