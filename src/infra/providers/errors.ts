// Errors surfaced to agents ("message not sent because …") and to the retry /
// circuit-breaker machinery. Messages are built by us, never echo request
// headers, and provider-supplied text is redacted of known secrets.

export type ProviderName = "evolution" | "cloud-api" | "smtp" | "webhook" | "cnpj";

export type ProviderErrorCode =
  | "TIMEOUT"
  | "NETWORK"
  | "RATE_LIMITED"
  | "SERVER_ERROR"
  | "UNAUTHORIZED"
  | "NOT_FOUND"
  | "BAD_REQUEST"
  | "BAD_RESPONSE"
  | "INVALID_RECIPIENT"
  | "MEDIA_TOO_LARGE"
  | "CIRCUIT_OPEN";

export interface ProviderErrorInit {
  provider: ProviderName;
  status: number | null;
  code: ProviderErrorCode;
  retryable: boolean;
  /** Upstream error code, e.g. Graph "131047". */
  providerCode?: string | null;
  /** Server-requested wait (Retry-After), honoured by withRetry. */
  retryAfterMs?: number | null;
  cause?: unknown;
}

export class ProviderError extends Error {
  override readonly name: string = "ProviderError";
  readonly provider: ProviderName;
  readonly status: number | null;
  readonly code: ProviderErrorCode;
  readonly retryable: boolean;
  readonly providerCode: string | null;
  readonly retryAfterMs: number | null;

  constructor(message: string, init: ProviderErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.provider = init.provider;
    this.status = init.status;
    this.code = init.code;
    this.retryable = init.retryable;
    this.providerCode = init.providerCode ?? null;
    this.retryAfterMs = init.retryAfterMs ?? null;
  }
}

export class CircuitOpenError extends ProviderError {
  override readonly name = "CircuitOpenError";
  constructor(provider: ProviderName, retryInMs: number) {
    super(`The channel is temporarily unavailable after repeated failures; retry in ${Math.ceil(retryInMs / 1000)} s.`, {
      provider,
      status: null,
      code: "CIRCUIT_OPEN",
      // Retrying immediately would only hit the open circuit again.
      retryable: false,
      retryAfterMs: retryInMs,
    });
  }
}

export function classifyStatus(status: number): { code: ProviderErrorCode; retryable: boolean } {
  if (status === 429) return { code: "RATE_LIMITED", retryable: true };
  if (status === 408) return { code: "TIMEOUT", retryable: true };
  if (status >= 500) return { code: "SERVER_ERROR", retryable: true };
  if (status === 401 || status === 403) return { code: "UNAUTHORIZED", retryable: false };
  if (status === 404) return { code: "NOT_FOUND", retryable: false };
  return { code: "BAD_REQUEST", retryable: false };
}

/** Removes secrets from provider-supplied text and bounds its length. */
export function redact(text: string, secrets: readonly string[], maxLength = 300): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join("[redacted]");
  }
  out = out.replace(/Bearer\s+[A-Za-z0-9._~+/=-]+/gi, "Bearer [redacted]");
  return out.length > maxLength ? `${out.slice(0, maxLength)}…` : out;
}

export function isProviderError(error: unknown): error is ProviderError {
  return error instanceof ProviderError;
}
