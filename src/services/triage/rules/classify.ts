/**
 * The full rules pipeline: linear model → safety layer → needsHuman → priority.
 * Shared by the provider and by cross-validation, so the reported figures measure what ships.
 */
import { RESOLVABLE_INTENTS, type Channel, type Intent, type Priority } from "../types";
import { extractFeatures } from "./features";
import { isOptOut } from "./lexicon";
import { safetyFlags, urgencySignals } from "./safety";
import { predictProba, type TriageModel } from "./model";
import { analyse } from "./normalize";

export interface Classification {
  intent: Intent;
  priority: Priority;
  needsHuman: boolean;
  confidence: number;
  /** What the linear model alone predicted. */
  modelIntent: Intent;
  /** Intents raised by the high-precision safety rules, strongest first. */
  safety: Intent[];
}

/** Intents that always go to a person, whatever the confidence. */
export const HUMAN_INTENTS: ReadonlySet<Intent> = new Set<Intent>([
  "complaint", "cancellation", "privacy_request", "human_request", "technical_issue", "other",
]);

/**
 * Reported confidence when a safety rule decides the intent. The rules agreed with the label on
 * every dev message they fired on (57/57); 0.9 rather than 1 leaves room for unseen phrasing.
 */
const SAFETY_CONFIDENCE = 0.9;

export function classify(model: TriageModel, text: string, channel?: Channel): Classification {
  const a = analyse(text);
  if (a.words.length === 0) {
    return { intent: "other", priority: model.priorities[model.intents.indexOf("other")], needsHuman: true, confidence: 0, modelIntent: "other", safety: [] };
  }
  const probs = predictProba(model, extractFeatures(a, channel, model.groupWeights));
  let best = 0;
  for (let c = 1; c < probs.length; c++) if (probs[c] > probs[best]) best = c;
  const modelIntent = model.intents[best];
  let intent = modelIntent;
  let confidence = probs[best];

  const safety = isOptOut(a) ? ["privacy_request" as const] : safetyFlags(a);
  // The safety layer overrides the model when they disagree: an explicit request (cancel, LGPD, a
  // person) names what the customer wants even inside a rant or a fault report ("a internet caiu de
  // novo, quero cancelar"), while venting/legal cues only override answerable intents, since a
  // technical fault described angrily is still a technical fault.
  const explicit: Intent[] = safety.filter((s) => s !== "complaint");
  const venting = safety.includes("complaint") && (!HUMAN_INTENTS.has(modelIntent) || modelIntent === "other");
  const override: Intent | undefined = explicit.length
    ? explicit.includes(modelIntent) ? modelIntent : explicit[0]
    : venting ? "complaint" : undefined;
  if (override && override !== modelIntent) {
    intent = override;
    confidence = Math.max(probs[model.intents.indexOf(intent)], SAFETY_CONFIDENCE);
  }

  const needsHuman = !RESOLVABLE_INTENTS.has(intent) || safety.length > 0 || confidence < model.lowConfidence;

  let priority = model.priorities[model.intents.indexOf(intent)];
  const urgency = urgencySignals(a);
  if ((urgency.legalThreat && HUMAN_INTENTS.has(intent)) || (urgency.severity && model.escalatable.includes(intent))) {
    priority = "URGENT";
  }
  return { intent, priority, needsHuman, confidence, modelIntent, safety };
}
