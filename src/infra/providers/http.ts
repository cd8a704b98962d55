import { ProviderError, classifyStatus, redact, type ProviderName } from "./errors";

// Thin fetch wrapper shared by the provider clients: per-request timeout,
// typed errors, bounded bodies. One attempt only; retries live in retry.ts.

export type FetchLike = typeof fetch;

export interface HttpRequest {
  provider: ProviderName;
  method: "GET" | "POST" | "PUT" | "DELETE";
  url: string;
  headers: Record<string, string>;
  json?: unknown;
  /** multipart/form-data body (file uploads); fetch sets the boundary. */
  form?: FormData;
  timeoutMs: number;
  /** Values that must never appear in error messages (tokens, API keys). */
  secrets: readonly string[];
  fetchImpl?: FetchLike;
  /** Builds a human-readable reason from a provider's error body. */
  describeError?: (body: unknown) => { message: string | null; providerCode?: string | null; retryable?: boolean };
  maxBytes?: number;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  body: Buffer;
}

const PROVIDER_LABEL: Record<ProviderName, string> = {
  evolution: "Evolution API",
  "cloud-api": "WhatsApp Cloud API",
  cnpj: "CNPJ source",
  smtp: "Servidor SMTP",
  webhook: "URL de retorno",
};

function retryAfterMs(headers: Headers): number | null {
  const value = headers.get("retry-after");
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

async function readBounded(response: Response, maxBytes: number, req: HttpRequest): Promise<Buffer> {
  const tooLarge = () =>
    new ProviderError(`${PROVIDER_LABEL[req.provider]} response is larger than ${maxBytes} bytes.`, {
      provider: req.provider,
      status: response.status,
      code: "MEDIA_TOO_LARGE",
      retryable: false,
    });
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of response.body) {
    total += chunk.byteLength;
    if (total > maxBytes) throw tooLarge();
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks, total);
}

export function parseJson(buffer: Buffer): unknown {
  if (buffer.length === 0) return null;
  try {
    return JSON.parse(buffer.toString("utf8"));
  } catch {
    return buffer.toString("utf8");
  }
}

/** Performs one request; resolves only on 2xx, otherwise throws ProviderError. */
export async function httpRequest(req: HttpRequest): Promise<HttpResponse> {
  const label = PROVIDER_LABEL[req.provider];
  const headers: Record<string, string> = { accept: "application/json", ...req.headers };
  let payload: string | Uint8Array | undefined;
  if (req.form) {
    // Serialised here: the fetch in use (e.g. the SSRF guard's undici) may not know this FormData class.
    const encoded = new Response(req.form);
    payload = new Uint8Array(await encoded.arrayBuffer());
    headers["content-type"] = encoded.headers.get("content-type")!;
  }
  if (req.json !== undefined) {
    headers["content-type"] = "application/json";
    payload = JSON.stringify(req.json);
  }
  const signal = AbortSignal.timeout(req.timeoutMs);
  let response: Response;
  let body: Buffer;
  try {
    response = await (req.fetchImpl ?? fetch)(req.url, { method: req.method, headers, body: payload, signal, redirect: "follow" });
    body = await readBounded(response, req.maxBytes ?? 10 * 1024 * 1024, req);
  } catch (error) {
    if (error instanceof ProviderError) throw error;
    const timedOut = signal.aborted || (error instanceof Error && error.name === "TimeoutError");
    throw new ProviderError(
      timedOut ? `${label} did not answer within ${req.timeoutMs} ms.` : `Could not reach ${label}.`,
      // The cause may hold the URL (never secrets: those travel in headers).
      { provider: req.provider, status: null, code: timedOut ? "TIMEOUT" : "NETWORK", retryable: true, cause: error },
    );
  }

  if (response.status >= 200 && response.status < 300) return { status: response.status, headers: response.headers, body };

  const { code, retryable } = classifyStatus(response.status);
  const described = req.describeError?.(parseJson(body)) ?? { message: null };
  const detail = described.message ? `: ${redact(described.message, req.secrets)}` : ".";
  throw new ProviderError(`${label} answered HTTP ${response.status}${detail}`, {
    provider: req.provider,
    status: response.status,
    code,
    retryable: described.retryable ?? retryable,
    providerCode: described.providerCode ?? null,
    retryAfterMs: retryAfterMs(response.headers),
  });
}

export function badResponse(provider: ProviderName, status: number, what: string): ProviderError {
  return new ProviderError(`${PROVIDER_LABEL[provider]} sent an unexpected response: ${what}.`, {
    provider,
    status,
    code: "BAD_RESPONSE",
    retryable: false,
  });
}
