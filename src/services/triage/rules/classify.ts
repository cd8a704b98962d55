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
import calibration from "./calibration.json";
import { sensitiveHits } from "./sensitive";

export interface Classification {
  intent: Intent;
  priority: Priority;
  needsHuman: boolean;
  confidence: number;
  /** What the linear model alone predicted. */
  modelIntent: Intent;
  /** Intents raised by the high-precision safety rules, strongest first. */
  safety: Intent[];
  /** Intents whose vocabulary (typos included) the message contains: never auto-resolved, intent unchanged. */
  sensitive: string[];
  /**
   * Why the message may not be answered automatically whatever the confidence (empty when it may):
   * "intent" (not an answerable intent), "safety", "sensitive", "small_talk" (a long message
   * the model calls a greeting or thanks).
   */
  blockers: string[];
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

/** The offline auto-resolution threshold for a model: calibrated (scripts/calibrate-triage.ts), never below the model's own. */
export function autoResolveThreshold(model: TriageModel): number {
  return Math.max(model.lowConfidence, calibration.autoResolveThreshold);
}

/** Longest message (in words, salutation and sign-off removed) still answered as small talk. */
const SMALL_TALK_WORDS = { greeting: 6, thanks: 12 };

/**
 * `threshold`: the lowest confidence answered automatically. Defaults to the calibrated offline
 * threshold (never below the model's own `lowConfidence`); calibration passes 0 to see the raw scores.
 */
export function classify(model: TriageModel, text: string, channel?: Channel, threshold = autoResolveThreshold(model)): Classification {
  const a = analyse(text);
  if (a.words.length === 0) {
    return { intent: "other", priority: model.priorities[model.intents.indexOf("other")], needsHuman: true, confidence: 0, modelIntent: "other", safety: [], sensitive: [], blockers: ["intent"] };
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

  const sensitive = sensitiveHits(a);
  // "Olá" or "obrigado" is answered with small talk; a long message the model calls a greeting
  // says something else it did not understand.
  const smallTalkWithContent = (intent === "greeting" && a.words.length > SMALL_TALK_WORDS.greeting) || (intent === "thanks" && a.words.length > SMALL_TALK_WORDS.thanks);
  const blockers = [
    ...(RESOLVABLE_INTENTS.has(intent) ? [] : ["intent"]),
    ...(safety.length ? ["safety"] : []),
    ...(sensitive.length ? ["sensitive"] : []),
    ...(smallTalkWithContent ? ["small_talk"] : []),
  ];
  const needsHuman = blockers.length > 0 || confidence < threshold;

  let priority = model.priorities[model.intents.indexOf(intent)];
  const urgency = urgencySignals(a);
  if ((urgency.legalThreat && HUMAN_INTENTS.has(intent)) || (urgency.severity && model.escalatable.includes(intent))) {
    priority = "URGENT";
  }
  return { intent, priority, needsHuman, confidence, modelIntent, safety, sensitive, blockers };
}
