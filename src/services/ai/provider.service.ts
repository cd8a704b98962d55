/**
 * The tenant's own AI provider: kind, endpoint, sealed API key, models and prices. Without
 * one, the server-wide OPENAI_* configuration (or the offline rules) is the default.
 */
import type { DataSource } from "typeorm";
import { AiProviderConfig } from "../../entities/ai-provider-config";
import { inTransaction, requirePrincipal, type RequestContext } from "../../context";
import type { Config } from "../../config";
import type { SecretBox } from "../../infra/crypto";
import type { Logger } from "../../infra/logger";
import { UrlGuardError } from "../../infra/url-guard";
import type { TenantUrlGuards } from "./url-guards";
import { Errors } from "../../schema/errors";
import { AiProviderKind, type AiProviderInput, type AiProviderSettings } from "../../schema/types/ai.types";
import type { AuditService } from "../audit.service";
import type { EffectiveSettings, SettingsService } from "../settings/settings.service";
import { intInRange, optionalText } from "../validation/input";
import { buildRuntime, DEFAULT_BASE_URLS, type AiRuntime } from "./runtime";
import type { Storage } from "../../infra/storage";

const DEFAULT_TRIAGE_MODELS: Partial<Record<AiProviderKind, string>> = {
  [AiProviderKind.OPENAI]: "gpt-4o-mini",
  [AiProviderKind.GROQ]: "llama-3.1-8b-instant",
  [AiProviderKind.GEMINI]: "gemini-2.0-flash",
};

const MAX_PRICE = 100_000;

export class AiProviderService {
  private readonly cache = new Map<string, { stamp: string; runtime: AiRuntime }>();

  constructor(
    private readonly ds: DataSource,
    private readonly config: Config,
    private readonly box: SecretBox,
    private readonly guards: TenantUrlGuards,
    private readonly settings: SettingsService,
    private readonly audit: AuditService,
    private readonly logger: Logger,
    private readonly storage: Storage,
  ) {}

  async get(ctx: RequestContext): Promise<AiProviderSettings> {
    const p = requirePrincipal(ctx);
    const row = await ctx.em.findOne(AiProviderConfig, { where: { tenantId: p.tenantId } });
    if (row) return this.view(row);
    const rt = await this.runtime(ctx, p.tenantId);
    return {
      kind: rt.kind, usesServerDefault: true, baseUrl: null, apiKeySet: false,
      triageModel: rt.llm?.triageModel ?? null, replyModel: rt.llm?.replyModel ?? null, transcriptionModel: rt.llm?.transcriptionModel ?? null, embeddingModel: null,
      inputPriceBrlPerMillion: null, outputPriceBrlPerMillion: null, timeoutMs: this.config.openai.timeoutMs, updatedAt: null,
    };
  }

  async update(ctx: RequestContext, input: AiProviderInput): Promise<AiProviderSettings> {
    const p = requirePrincipal(ctx);
    const existing = await ctx.em.findOne(AiProviderConfig, { where: { tenantId: p.tenantId } });
    const kind = input.kind;
    if (!Object.values(AiProviderKind).includes(kind)) throw Errors.badInput("kind", "Tipo de provedor inválido.");
    const baseUrl = input.baseUrl?.trim() ? await this.checkUrl(p.tenantId, input.baseUrl.trim()) : null;
    if (kind === AiProviderKind.OPENAI_COMPATIBLE && !baseUrl) throw Errors.badInput("baseUrl", "Informe o endereço do servidor compatível com a API da OpenAI (ex.: http://ollama:11434/v1).");
    const endpoint = (k: string, url: string | null) => `${k}|${url ?? DEFAULT_BASE_URLS[k as AiProviderKind] ?? ""}`;
    // A saved key only follows the same provider and endpoint: pointing the tenant at another
    // server must not send it the old key.
    const keepKey = existing?.apiKeySealed && endpoint(existing.kind, existing.baseUrl) === endpoint(kind, baseUrl) ? existing.apiKeySealed : null;
    let apiKeySealed: string | null;
    if (input.apiKey == null) apiKeySealed = keepKey;
    else if (!input.apiKey.trim()) apiKeySealed = null;
    else {
      if (input.apiKey.trim().length > 500) throw Errors.badInput("apiKey", "Chave de API muito longa.");
      apiKeySealed = this.box.seal(input.apiKey.trim());
    }
    const needsKey = kind === AiProviderKind.OPENAI || kind === AiProviderKind.GROQ || kind === AiProviderKind.GEMINI;
    if (needsKey && !apiKeySealed) throw Errors.badInput("apiKey", "Informe a chave de API do provedor.");
    const triageModel = optionalText("triageModel", input.triageModel, 100, "O modelo de triagem") ?? DEFAULT_TRIAGE_MODELS[kind] ?? null;
    if (kind !== AiProviderKind.RULES && !triageModel) throw Errors.badInput("triageModel", "Informe o modelo de triagem.");
    const price = (field: "inputPriceBrlPerMillion" | "outputPriceBrlPerMillion") => {
      const v = input[field];
      if (v == null) return null;
      if (!Number.isFinite(v) || v < 0 || v > MAX_PRICE) throw Errors.badInput(field, `O preço deve estar entre 0 e ${MAX_PRICE} reais por milhão de tokens.`);
      return v;
    };
    const values: Partial<AiProviderConfig> = {
      tenantId: p.tenantId,
      kind,
      baseUrl,
      apiKeySealed,
      triageModel,
      replyModel: optionalText("replyModel", input.replyModel, 100, "O modelo de respostas"),
      transcriptionModel: optionalText("transcriptionModel", input.transcriptionModel, 100, "O modelo de transcrição"),
      embeddingModel: optionalText("embeddingModel", input.embeddingModel, 100, "O modelo de embeddings"),
      inputPriceBrlPerMillion: price("inputPriceBrlPerMillion"),
      outputPriceBrlPerMillion: price("outputPriceBrlPerMillion"),
      timeoutMs: input.timeoutMs == null ? null : intInRange("timeoutMs", input.timeoutMs, 200, 120_000, "O tempo limite (ms)"),
      // Set explicitly: other processes notice the change through it (runtime cache).
      updatedAt: new Date(),
    };
    const saved = await inTransaction(this.ds, ctx, async (tx) => {
      await tx.em.upsert(AiProviderConfig, values, ["tenantId"]);
      await this.audit.log(tx, "ai_provider.updated", { kind, baseUrl, apiKeyChanged: input.apiKey != null });
      return tx.em.findOneByOrFail(AiProviderConfig, { tenantId: p.tenantId });
    });
    this.cache.delete(p.tenantId);
    return this.view(saved);
  }

  /**
   * What answers for the tenant right now: its own provider, the server default, or the rules.
   * Clients are cached per tenant until the configuration changes.
   */
  async runtime(ctx: RequestContext, tenantId: string, known?: EffectiveSettings): Promise<AiRuntime> {
    const row = await ctx.em.findOne(AiProviderConfig, { where: { tenantId } });
    const settings = known ?? (await this.settings.get(ctx, tenantId));
    const stamp = row ? `row:${row.updatedAt.getTime()}` : `default:${settings.aiProvider}:${settings.aiModel ?? ""}`;
    const hit = this.cache.get(tenantId);
    if (hit?.stamp === stamp) return hit.runtime;
    const runtime = buildRuntime({ row, settings, config: this.config, box: this.box, guard: this.guards.for(tenantId), logger: this.logger, storage: this.storage });
    this.cache.set(tenantId, { stamp, runtime });
    return runtime;
  }

  private async checkUrl(tenantId: string, url: string): Promise<string> {
    try {
      return (await this.guards.for(tenantId).check(url)).toString();
    } catch (err) {
      if (err instanceof UrlGuardError) throw Errors.badInput("baseUrl", err.message);
      throw err;
    }
  }

  private view(row: AiProviderConfig): AiProviderSettings {
    return {
      kind: row.kind as AiProviderKind,
      usesServerDefault: false,
      baseUrl: row.baseUrl,
      apiKeySet: Boolean(row.apiKeySealed),
      triageModel: row.triageModel,
      replyModel: row.replyModel ?? row.triageModel,
      transcriptionModel: row.transcriptionModel,
      embeddingModel: row.embeddingModel,
      inputPriceBrlPerMillion: row.inputPriceBrlPerMillion,
      outputPriceBrlPerMillion: row.outputPriceBrlPerMillion,
      timeoutMs: row.timeoutMs ?? this.config.openai.timeoutMs,
      updatedAt: row.updatedAt,
    };
  }
}
