/**
 * Calls a tenant's HTTP tool: signed (Standard Webhooks), through the SSRF guard, with a
 * deadline covering the whole exchange and a cap on the response size. Never throws: every
 * failure is an outcome the model (and the agent reading the history) can see.
 */
import crypto from "node:crypto";
import { webhookHeaders } from "../../../infra/standard-webhooks";
import { UrlGuardError, type UrlGuard } from "../../../infra/url-guard";

export type ToolCallOutcome = "ok" | "timeout" | "too_large" | "refused" | "http_error" | "invalid_response" | "error";

export interface HttpToolSpec {
  name: string;
  url: string;
  method: string;
  timeoutMs: number;
  maxResponseBytes: number;
  secret: string;
}

export interface HttpToolPayload {
  arguments: Record<string, unknown>;
  clientId: string;
  sessionId: string;
}

export interface HttpToolResult {
  outcome: ToolCallOutcome;
  /** What goes back to the model: the endpoint's JSON, or an error it can explain. */
  result: unknown;
  status: number | null;
  latencyMs: number;
}

/** GET carries the arguments in the query string (signed in place of a body); POST sends JSON. */
function request(spec: HttpToolSpec, payload: HttpToolPayload): { url: string; body: string | undefined; signed: string } {
  if (spec.method === "GET") {
    const url = new URL(spec.url);
    for (const [k, v] of Object.entries(payload.arguments)) url.searchParams.set(k, typeof v === "string" ? v : JSON.stringify(v));
    url.searchParams.set("clientId", payload.clientId);
    url.searchParams.set("sessionId", payload.sessionId);
    return { url: url.toString(), body: undefined, signed: url.search.slice(1) };
  }
  const body = JSON.stringify({ tool: spec.name, arguments: payload.arguments, clientId: payload.clientId, sessionId: payload.sessionId });
  return { url: spec.url, body, signed: body };
}

async function readLimited(res: Response, max: number, signal: AbortSignal): Promise<Buffer | null> {
  const declared = Number(res.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > max) return null;
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  const chunks: Buffer[] = [];
  let size = 0;
  for (;;) {
    if (signal.aborted) throw signal.reason;
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

export async function callHttpTool(guard: UrlGuard, spec: HttpToolSpec, payload: HttpToolPayload): Promise<HttpToolResult> {
  const started = Date.now();
  const done = (outcome: ToolCallOutcome, result: unknown, status: number | null = null): HttpToolResult => ({ outcome, result, status, latencyMs: Date.now() - started });
  const { url, body, signed } = request(spec, payload);
  const signal = AbortSignal.timeout(spec.timeoutMs);
  try {
    const res = await guard.fetch(url, {
      method: spec.method,
      headers: {
        accept: "application/json",
        "user-agent": "Atende-AI-Tool/1",
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...webhookHeaders(spec.secret, `tool_${crypto.randomUUID()}`, signed),
      },
      body,
      redirect: "manual",
      signal,
    });
    const raw = await readLimited(res, spec.maxResponseBytes, signal);
    if (raw === null) return done("too_large", { error: `a resposta passou do limite de ${spec.maxResponseBytes} bytes` }, res.status);
    if (res.status < 200 || res.status >= 300) return done("http_error", { error: `o serviço respondeu HTTP ${res.status}` }, res.status);
    try {
      return done("ok", raw.length ? JSON.parse(raw.toString("utf8")) : null, res.status);
    } catch {
      return done("invalid_response", { error: "o serviço não respondeu JSON" }, res.status);
    }
  } catch (err) {
    if (err instanceof UrlGuardError || (err as { cause?: unknown })?.cause instanceof UrlGuardError) return done("refused", { error: "endereço da ferramenta não permitido" });
    if (signal.aborted) return done("timeout", { error: `o serviço não respondeu em ${spec.timeoutMs} ms` });
    return done("error", { error: "falha ao chamar o serviço" });
  }
}
