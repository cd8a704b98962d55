import type { RequestContext } from "../../context";
import type { TriageInput, TriageProvider, TriageResult } from "./types";
import { cutText } from "../../channels/text-limit";

/** Tenant-aware entry point to triage; the provider comes from config (and tenant settings). */
export class TriageService {
  constructor(private readonly rules: TriageProvider, private readonly llm: TriageProvider | null, private readonly maxChars = 4096) {}

  /** The provider a tenant uses: its choice when available, else the platform default. */
  providerFor(aiProvider?: string | null): TriageProvider {
    if (aiProvider === "rules" || !this.llm) return this.rules;
    return this.llm;
  }

  /** The text is cut to the inbound limit: what triage reads (rules and regexes, or a paid model) stays bounded. */
  triage(_ctx: RequestContext, input: TriageInput, opts: { aiProvider?: string | null; model?: string | null; systemPrompt?: string | null } = {}): Promise<TriageResult> {
    if (input.text.length > this.maxChars) input = { ...input, text: cutText(input.text, this.maxChars) };
    return this.providerFor(opts.aiProvider).triage(input, { model: opts.model ?? undefined, systemPrompt: opts.systemPrompt ?? null });
  }
}
