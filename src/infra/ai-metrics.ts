import { counter, histogram, secondsSince, SLOW_BUCKETS } from "./metrics";

/**
 * AI metrics: every call to an OpenAI-compatible API (through `observedAiFetch`,
 * given to the SDK as its fetch) and the tokens and BRL cost accounted to
 * conversations (`recordAiUsage`, from the price table in AI_PRICES_BRL).
 */
const calls = histogram("atende_ai_request_duration_seconds", "AI API calls by provider (API host), model, purpose and outcome", ["provider", "model", "purpose", "outcome"], SLOW_BUCKETS);
const tokens = counter("atende_ai_tokens_total", "AI tokens by provider, model and direction (input, output)", ["provider", "model", "direction"]);
const cost = counter("atende_ai_cost_brl_total", "Estimated AI cost in BRL by provider and model (AI_PRICES_BRL)", ["provider", "model"]);

function modelOf(body: unknown): string {
  if (typeof body !== "string") return "unknown";
  const m = /"model"\s*:\s*"([^"]{1,80})"/.exec(body.slice(0, 2000));
  return m?.[1] ?? "unknown";
}

/** A fetch for the OpenAI SDK (`new OpenAI({ fetch: observedAiFetch("triage") })`) that observes each call. */
export function observedAiFetch(purpose: string, model?: string): typeof fetch {
  return async (input, init) => {
    const started = process.hrtime.bigint();
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    let provider = "unknown";
    try {
      provider = new URL(url).hostname;
    } catch {
      // keep "unknown"
    }
    const labels = { provider, model: model ?? modelOf(init?.body), purpose };
    try {
      const res = await fetch(input, init);
      calls.observe({ ...labels, outcome: res.ok ? "ok" : `http_${Math.floor(res.status / 100)}xx` }, secondsSince(started));
      return res;
    } catch (err) {
      const name = (err as Error)?.name;
      calls.observe({ ...labels, outcome: name === "TimeoutError" || name === "AbortError" ? "timeout" : "error" }, secondsSince(started));
      throw err;
    }
  };
}

/** Tokens and cost of one AI answer; `provider` as stored on the session ("openai", "rules (fallback: …)"). */
export function recordAiUsage(provider: string, model: string, inputTokens: number, outputTokens: number, costBrl: number): void {
  const p = provider.split(" ")[0] || "unknown";
  const m = model.slice(0, 80);
  if (inputTokens > 0) tokens.inc({ provider: p, model: m, direction: "input" }, inputTokens);
  if (outputTokens > 0) tokens.inc({ provider: p, model: m, direction: "output" }, outputTokens);
  if (costBrl > 0) cost.inc({ provider: p, model: m }, costBrl);
}
