/**
 * The clients a tenant's AI runs on, built from its provider configuration (or the server
 * default): triage, replies, transcription and embeddings on one OpenAI-compatible endpoint.
 */
import OpenAI from "openai";
import type { AiProviderConfig } from "../../entities/ai-provider-config";
import type { Config } from "../../config";
import type { RequestContext } from "../../context";
import type { SecretBox } from "../../infra/crypto";
import type { Logger } from "../../infra/logger";
import type { Storage } from "../../infra/storage";
import type { UrlGuard } from "../../infra/url-guard";
import { AiProviderKind } from "../../schema/types/ai.types";
import { OpenAiResponder, TemplateResponder } from "../conversations/ai-responder";
import { AudioTranscriber } from "../conversations/transcriber";
import type { EffectiveSettings } from "../settings/settings.service";
import { OpenAITriageProvider } from "../triage/openai-provider";
import { priceFor, type Price } from "./pricing";

export interface LlmRuntime {
  /** Name stored on sessions and calls: "openai" for the server default, else the kind in lower case. */
  label: string;
  kind: AiProviderKind;
  triageModel: string;
  replyModel: string;
  transcriptionModel: string | null;
  embeddingModel: string | null;
  timeoutMs: number;
  triage: OpenAITriageProvider;
  responder: OpenAiResponder;
  transcriber: AudioTranscriber | null;
  client: OpenAI;
  price(model: string): Price;
}

export interface AiRuntime {
  /** RULES when the tenant answers offline. */
  kind: AiProviderKind;
  serverDefault: boolean;
  llm: LlmRuntime | null;
}

/** What answers for a tenant right now (`settings` when the caller has them already). */
export type AiRuntimeLookup = (ctx: RequestContext, tenantId: string, settings?: EffectiveSettings) => Promise<AiRuntime>;

export interface RuntimeDeps {
  row: AiProviderConfig | null;
  settings: EffectiveSettings;
  config: Config;
  box: SecretBox;
  guard: UrlGuard;
  logger: Logger;
  storage?: Storage;
}

const OFFLINE = (serverDefault: boolean): AiRuntime => ({ kind: AiProviderKind.RULES, serverDefault, llm: null });
/** Where each known kind lives when no base URL is given. */
export const DEFAULT_BASE_URLS: Partial<Record<AiProviderKind, string>> = {
  [AiProviderKind.OPENAI]: "https://api.openai.com/v1",
  [AiProviderKind.GROQ]: "https://api.groq.com/openai/v1",
  [AiProviderKind.GEMINI]: "https://generativelanguage.googleapis.com/v1beta/openai/",
};

export function buildRuntime(d: RuntimeDeps): AiRuntime {
  const { row, settings, config } = d;
  if (!row) {
    // The server default: OPENAI_* when configured and the tenant has not chosen the rules.
    if (!config.openai.apiKey || settings.aiProvider === "rules") return OFFLINE(true);
    return {
      kind: AiProviderKind.OPENAI,
      serverDefault: true,
      llm: llm(d, {
        label: "openai", kind: AiProviderKind.OPENAI, apiKey: config.openai.apiKey, baseUrl: config.openai.baseUrl,
        triageModel: settings.aiModel ?? config.openai.model, replyModel: settings.aiModel ?? config.openai.model,
        transcriptionModel: config.openai.transcriptionModel, embeddingModel: null, timeoutMs: config.openai.timeoutMs,
        prices: config.aiPricesBrl, ownPrice: null,
        // The operator's own endpoint, not a tenant-given URL.
        fetch: undefined,
      }),
    };
  }
  const kind = row.kind as AiProviderKind;
  if (kind === AiProviderKind.RULES) return OFFLINE(false);
  const triageModel = row.triageModel ?? config.openai.model;
  const own = row.inputPriceBrlPerMillion != null || row.outputPriceBrlPerMillion != null
    ? { input: row.inputPriceBrlPerMillion ?? 0, output: row.outputPriceBrlPerMillion ?? 0 }
    : null;
  return {
    kind,
    serverDefault: false,
    llm: llm(d, {
      label: kind.toLowerCase(), kind,
      apiKey: row.apiKeySealed ? d.box.open(row.apiKeySealed) : "sem-chave",
      baseUrl: row.baseUrl ?? DEFAULT_BASE_URLS[kind],
      triageModel, replyModel: row.replyModel ?? triageModel,
      transcriptionModel: row.transcriptionModel, embeddingModel: row.embeddingModel,
      timeoutMs: row.timeoutMs ?? config.openai.timeoutMs,
      prices: config.aiPricesBrl, ownPrice: own,
      // Tenant-given endpoint: every request through the SSRF guard.
      fetch: d.guard.fetch as unknown as typeof fetch,
    }),
  };
}

interface LlmSpec {
  label: string;
  kind: AiProviderKind;
  apiKey: string;
  baseUrl?: string;
  triageModel: string;
  replyModel: string;
  transcriptionModel: string | null;
  embeddingModel: string | null;
  timeoutMs: number;
  prices: Config["aiPricesBrl"];
  ownPrice: Price | null;
  fetch: typeof fetch | undefined;
}

function llm(d: RuntimeDeps, s: LlmSpec): LlmRuntime {
  const common = { apiKey: s.apiKey, timeoutMs: s.timeoutMs, fetch: s.fetch };
  const transcriber = s.transcriptionModel && d.storage
    ? new AudioTranscriber({ ...common, baseUrl: s.baseUrl, model: s.transcriptionModel }, d.storage, d.logger)
    : null;
  return {
    label: s.label,
    kind: s.kind,
    triageModel: s.triageModel,
    replyModel: s.replyModel,
    transcriptionModel: s.transcriptionModel,
    embeddingModel: s.embeddingModel,
    timeoutMs: s.timeoutMs,
    triage: new OpenAITriageProvider({ ...common, baseURL: s.baseUrl, model: s.triageModel }),
    responder: new OpenAiResponder({ ...common, baseUrl: s.baseUrl, model: s.replyModel }, new TemplateResponder()),
    transcriber,
    client: new OpenAI({ apiKey: s.apiKey, baseURL: s.baseUrl, timeout: s.timeoutMs, maxRetries: 0, ...(s.fetch ? { fetch: s.fetch } : {}) }),
    price: (model) => s.ownPrice ?? priceFor(s.prices, model),
  };
}
