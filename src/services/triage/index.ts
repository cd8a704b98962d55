import { OpenAITriageProvider } from "./openai-provider";
import { RulesTriageProvider } from "./rules/rules-provider";
import type { TriageProvider } from "./types";

export * from "./types";
export { OpenAITriageProvider, TRIAGE_SYSTEM_PROMPT, type OpenAITriageConfig } from "./openai-provider";
export { RulesTriageProvider } from "./rules/rules-provider";

export interface TriageConfig {
  openaiApiKey?: string;
  openaiBaseUrl?: string;
  model?: string;
  timeoutMs?: number;
}

export const DEFAULT_TRIAGE_MODEL = "gpt-4o-mini";
export const DEFAULT_TRIAGE_TIMEOUT_MS = 8_000;

/** The LLM provider when an API key is configured, otherwise the offline rules provider. */
export function createTriageProvider(cfg: TriageConfig = {}): TriageProvider {
  const apiKey = cfg.openaiApiKey?.trim();
  if (!apiKey) return new RulesTriageProvider();
  return new OpenAITriageProvider({
    apiKey,
    baseURL: cfg.openaiBaseUrl?.trim() || undefined,
    model: cfg.model?.trim() || DEFAULT_TRIAGE_MODEL,
    timeoutMs: cfg.timeoutMs ?? DEFAULT_TRIAGE_TIMEOUT_MS,
  });
}
