import type { RequestContext } from "../../context";
import type { AiRuntimeLookup } from "../ai/runtime";
import type { AiCallsService } from "../ai/calls.service";
import type { EffectiveSettings, SettingsService } from "../settings/settings.service";
import { withContext, type TriageOrigin } from "./gate";
import type { TriageModelsService } from "./learning/models.service";
import type { TriageInput, TriageResult } from "./types";
import { cutText } from "../../channels/text-limit";

/** Consent check hook (LGPD): may the AI process this client's messages? */
export type AiConsentCheck = (ctx: RequestContext, clientId: string) => Promise<boolean>;

export interface TriageScope {
  tenantId: string;
  clientId?: string | null;
  sessionId?: string | null;
  ticketId?: string | null;
  origin: TriageOrigin;
  /** The tenant's settings, when the caller has read them already. */
  settings?: EffectiveSettings;
}

const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/**
 * Tenant-aware triage: the tenant's provider (its own LLM, the server's, or the rules with its
 * own retrained model), then the gate with the tenant's keywords, the client's consent and the
 * origin of the message. A keyword or missing consent keeps the message away from the LLM.
 */
export class TriageService {
  aiConsent: AiConsentCheck | null = null;

  constructor(
    private readonly settings: SettingsService,
    private readonly runtime: AiRuntimeLookup,
    private readonly models: TriageModelsService,
    private readonly calls: AiCallsService,
    private readonly maxChars = 4096,
  ) {}

  /** The text is cut to the inbound limit: what triage reads (rules and regexes, or a paid model) stays bounded. */
  async triage(ctx: RequestContext, input: TriageInput, scope: TriageScope): Promise<TriageResult> {
    if (input.text && input.text.length > this.maxChars) input = { ...input, text: cutText(input.text, this.maxChars) };
    const settings = scope.settings ?? (await this.settings.get(ctx, scope.tenantId));
    const text = fold(input.text ?? "");
    const keyword = settings.handoffKeywords.find((k) => text.includes(fold(k))) ?? null;
    const consent = settings.requireAiConsent && scope.clientId && this.aiConsent ? await this.aiConsent(ctx, scope.clientId) : true;
    const rules = await this.models.providerFor(ctx.em, scope.tenantId);
    const rt = await this.runtime(ctx, scope.tenantId, settings);
    let result: TriageResult;
    if (rt.llm && consent && !keyword) {
      const started = Date.now();
      result = await rt.llm.triage.triage(input, { rules, model: rt.llm.triageModel, systemPrompt: settings.aiSystemPrompt });
      // Name the tenant's provider ("groq", "openai_compatible"), not the client library.
      if (result.provider === "openai") result = { ...result, provider: rt.llm.label };
      const fallback = /^rules \(fallback: (.+)\)$/.exec(result.provider);
      await this.calls.record(ctx.em, { tenantId: scope.tenantId, sessionId: scope.sessionId, ticketId: scope.ticketId, providerKind: rt.kind, label: rt.llm.label, price: rt.llm.price }, {
        purpose: "triage",
        model: result.usage?.model ?? rt.llm.triageModel,
        inputTokens: result.usage?.inputTokens,
        outputTokens: result.usage?.outputTokens,
        latencyMs: Date.now() - started,
        outcome: fallback ? "fallback" : "ok",
        error: fallback?.[1] ?? null,
      });
    } else {
      result = rules.triageSync(input);
    }
    return withContext(result, { keyword, consent, origin: scope.origin });
  }
}
