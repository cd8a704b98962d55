import type { RulesTriageProvider } from "./rules/rules-provider";

export const INTENTS = [
  "second_copy_invoice",
  "plan_management",
  "order_status",
  "payment_status",
  "product_info",
  "greeting",
  "thanks",
  "technical_issue",
  "complaint",
  "cancellation",
  "privacy_request",
  "human_request",
  "other",
] as const;
export type Intent = (typeof INTENTS)[number];

export const PRIORITIES = ["LOW", "MEDIUM", "HIGH", "URGENT"] as const;
export type Priority = (typeof PRIORITIES)[number];

export const CHANNELS = ["WHATSAPP", "EMAIL", "WEB", "PHONE"] as const;
export type Channel = (typeof CHANNELS)[number];

/** Intents a template (or the LLM) may answer without a person in the loop. */
export const RESOLVABLE_INTENTS: ReadonlySet<Intent> = new Set<Intent>([
  "second_copy_invoice",
  "plan_management",
  "order_status",
  "payment_status",
  "product_info",
  "greeting",
  "thanks",
]);

export interface TriageInput {
  text: string;
  channel?: Channel;
}

export interface TriageUsage {
  model: string;
  inputTokens: number;
  outputTokens: number;
}

export interface TriageResult {
  intent: Intent;
  priority: Priority;
  needsHuman: boolean;
  /** true iff !needsHuman and a template/AI response exists */
  autoResolved: boolean;
  /** 0..1 */
  confidence: number;
  /** Portuguese answer for resolvable intents, else null */
  response: string | null;
  /** "rules", "openai", or "rules (fallback: <reason>)" */
  provider: string;
  /** present when an LLM was called */
  usage?: TriageUsage;
  /** Why the gate sent it to a person (empty when answered automatically); see gate.ts. */
  reasons?: string[];
}

export interface TriageOptions {
  model?: string;
  /** The tenant's rules model (safety layer and fallback); the shipped one when absent. */
  rules?: RulesTriageProvider;
  /** Tenant-specific instructions appended to the system prompt (LLM providers only). */
  systemPrompt?: string | null;
  signal?: AbortSignal;
}

export interface TriageProvider {
  readonly name: string;
  triage(input: TriageInput, opts?: TriageOptions): Promise<TriageResult>;
}
