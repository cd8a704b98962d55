/**
 * The one gate every triage goes through, whoever proposed the answer (the offline rules or an
 * LLM): it decides whether a message may be answered automatically or goes to a person.
 *
 * A person is needed when any of these holds (each adds a reason, kept on the result):
 * - the intent is not one a bot may answer ("intent:<x>");
 * - the rules' safety layer flagged it ("safety:<x>"), or, for the rules provider, a sensitive
 *   word or a long message taken for small talk ("sensitive:<x>", "small_talk");
 * - an LLM said "no person needed" for a cancellation, complaint, privacy request or a person
 *   asking for a human, by its own label or the rules' ("llm_overridden");
 * - the confidence is below the provider's threshold ("low_confidence"; calibrated offline);
 * - the provider itself asked for a person ("provider");
 * - the tenant's handoff keyword appears ("keyword:<k>"), the client did not consent to AI
 *   processing ("no_ai_consent"), or the ticket was opened by the AI's own tool ("ai_tool_ticket").
 */
import type { Classification } from "./rules/classify";
import { RESOLVABLE_INTENTS, type Intent, type Priority } from "./types";

/** Intents an LLM may never wave through on its own word. */
export const NEVER_AUTOMATIC: ReadonlySet<Intent> = new Set<Intent>(["cancellation", "complaint", "privacy_request", "human_request"]);

/**
 * Self-reported LLM confidence below which a person takes over. LLMs report high confidence
 * readily; this only catches answers the model itself doubts.
 */
export const LLM_CONFIDENCE_THRESHOLD = 0.7;

/** When the rules model is this sure of a sensitive intent, an LLM's "answerable" is not enough. */
const RULES_DISAGREEMENT_CONFIDENCE = 0.6;

export type TriageOrigin = "conversation" | "ticket" | "ai_tool";

export interface Proposal {
  intent: Intent;
  priority: Priority;
  needsHuman: boolean;
  confidence: number;
  response: string | null;
}

export interface GateInput {
  proposal: Proposal;
  /** The rules pipeline on the same text: safety flags, sensitive words, its own intent. */
  rules: Classification;
  source: "rules" | "llm";
  threshold: number;
}

/** What the tenant and the caller add: keywords, consent, where the message came from. */
export interface GateContext {
  keyword?: string | null;
  consent?: boolean;
  origin?: TriageOrigin;
}

export interface GateDecision {
  needsHuman: boolean;
  autoResolved: boolean;
  priority: Priority;
  response: string | null;
  reasons: string[];
}

export function gate(input: GateInput, context: GateContext = {}): GateDecision {
  const { proposal: p, rules, source } = input;
  const reasons: string[] = [];
  if (!RESOLVABLE_INTENTS.has(p.intent)) reasons.push(`intent:${p.intent}`);
  for (const s of rules.safety) reasons.push(`safety:${s}`);
  if (source === "rules") {
    for (const s of rules.sensitive) reasons.push(`sensitive:${s}`);
    if (rules.blockers.includes("small_talk")) reasons.push("small_talk");
  } else {
    const llmSaysSensitive = NEVER_AUTOMATIC.has(p.intent);
    const rulesSaySensitive = NEVER_AUTOMATIC.has(rules.modelIntent) && rules.confidence >= RULES_DISAGREEMENT_CONFIDENCE;
    if (!p.needsHuman && (llmSaysSensitive || rulesSaySensitive || rules.safety.some((s) => NEVER_AUTOMATIC.has(s)))) reasons.push("llm_overridden");
  }
  if (p.confidence < input.threshold) reasons.push("low_confidence");
  if (source === "llm" && p.needsHuman) reasons.push("provider");
  if (context.keyword) reasons.push(`keyword:${context.keyword}`);
  if (context.consent === false) reasons.push("no_ai_consent");
  if (context.origin === "ai_tool") reasons.push("ai_tool_ticket");

  const needsHuman = reasons.length > 0;
  const response = RESOLVABLE_INTENTS.has(p.intent) ? p.response : null;
  // The rules see legal threats and outages an LLM may under-rate: keep the more severe priority.
  const priority = rules.priority === "URGENT" ? "URGENT" : p.priority;
  return { needsHuman, autoResolved: !needsHuman && response !== null, priority, response, reasons };
}

/** Adds the tenant's and caller's context to an already gated result. */
export function withContext<T extends { needsHuman: boolean; autoResolved: boolean; reasons?: string[] }>(result: T, context: GateContext): T {
  const extra = [
    ...(context.keyword ? [`keyword:${context.keyword}`] : []),
    ...(context.consent === false ? ["no_ai_consent"] : []),
    ...(context.origin === "ai_tool" ? ["ai_tool_ticket"] : []),
  ];
  if (!extra.length) return result;
  return { ...result, needsHuman: true, autoResolved: false, reasons: [...(result.reasons ?? []), ...extra] };
}
