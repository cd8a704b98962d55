/**
 * Every call to an AI provider or a tenant tool, with tokens, BRL cost, latency and outcome
 * (ai_calls), so cost can be reported by provider and model and fallbacks are counted.
 */
import type { DataSource, EntityManager } from "typeorm";
import { AiCall } from "../../entities/ai-call";
import { Session } from "../../entities/session";
import { requirePrincipal, type RequestContext } from "../../context";
import { Errors } from "../../schema/errors";
import type { AiUsage } from "../../schema/types/ai.types";
import { costBrl, type Price } from "./pricing";
import { recordAiUsage } from "../../infra/ai-metrics";

export type AiPurpose = "triage" | "reply" | "transcription" | "embedding" | "tool";
export type AiOutcome = "ok" | "fallback" | "error";

/** One metered call, as a provider reports it. */
export interface MeteredCall {
  purpose: AiPurpose;
  model: string;
  inputTokens?: number;
  outputTokens?: number;
  latencyMs: number;
  outcome: AiOutcome;
  error?: string | null;
}

/** Where a call belongs and how it is priced. */
export interface CallScope {
  tenantId: string;
  sessionId?: string | null;
  ticketId?: string | null;
  providerKind: string;
  /** Name kept on the session ("openai", "groq", "rules (fallback: timeout)"…). */
  label?: string;
  price?: (model: string) => Price;
}

export type Meter = (call: MeteredCall) => Promise<void>;

export class AiCallsService {
  constructor(private readonly ds: DataSource) {}

  /** A meter bound to a tenant (and session or ticket); session totals follow the calls. */
  meter(scope: CallScope, em: EntityManager = this.ds.manager): Meter {
    return (call) => this.record(em, scope, call);
  }

  async record(em: EntityManager, scope: CallScope, call: MeteredCall): Promise<void> {
    const input = Math.max(0, Math.floor(call.inputTokens ?? 0));
    const output = Math.max(0, Math.floor(call.outputTokens ?? 0));
    const cost = scope.price ? costBrl(scope.price(call.model), input, output) : 0;
    recordAiUsage(scope.providerKind.toLowerCase(), call.model, input, output, cost);
    await em.insert(AiCall, {
      tenantId: scope.tenantId,
      sessionId: scope.sessionId ?? null,
      ticketId: scope.ticketId ?? null,
      providerKind: scope.providerKind,
      model: call.model.slice(0, 200),
      purpose: call.purpose,
      inputTokens: input,
      outputTokens: output,
      costBrl: Number(cost.toFixed(6)),
      latencyMs: Math.max(0, Math.round(call.latencyMs)),
      outcome: call.outcome,
      error: call.error?.slice(0, 200) ?? null,
    });
    if (scope.sessionId && (input || output || call.purpose !== "tool")) {
      await em
        .createQueryBuilder()
        .update(Session)
        .set({
          tokensInput: () => `tokens_input + ${input}`,
          tokensOutput: () => `tokens_output + ${output}`,
          costBrl: () => `cost_brl + ${cost.toFixed(6)}`,
          ...(call.purpose !== "triage" && call.purpose !== "reply" ? {} : { aiProvider: call.outcome === "ok" ? scope.label ?? scope.providerKind.toLowerCase() : `rules (fallback: ${call.error ?? "erro"})`, aiModel: call.model }),
        })
        .where("id = :id AND tenant_id = :tenantId", { id: scope.sessionId, tenantId: scope.tenantId })
        .execute();
    }
  }

  /** Calls, fallbacks, tokens, cost and latency by provider, model and purpose over a period. */
  async usage(ctx: RequestContext, period?: { from: Date; to: Date } | null): Promise<AiUsage[]> {
    const p = requirePrincipal(ctx);
    const to = period?.to ?? new Date();
    const from = period?.from ?? new Date(to.getTime() - 30 * 86_400_000);
    if (from > to) throw Errors.badInput("period", "O início do período deve ser anterior ao fim.");
    const rows: Array<Record<string, string | number>> = await ctx.em.query(
      `SELECT provider_kind AS "providerKind", model, purpose, count(*)::int AS calls,
              count(*) FILTER (WHERE outcome = 'fallback')::int AS fallbacks, count(*) FILTER (WHERE outcome = 'error')::int AS errors,
              coalesce(sum(input_tokens), 0)::int AS "inputTokens", coalesce(sum(output_tokens), 0)::int AS "outputTokens",
              coalesce(sum(cost_brl), 0)::float8 AS "costBrl", coalesce(round(avg(latency_ms)), 0)::int AS "averageLatencyMs"
       FROM ai_calls WHERE tenant_id = $1 AND created_at >= $2 AND created_at < $3
       GROUP BY provider_kind, model, purpose ORDER BY provider_kind, model, purpose`,
      [p.tenantId, from, to],
    );
    return rows.map((r) => ({ ...r, costBrl: Number(r.costBrl) }) as unknown as AiUsage);
  }
}
