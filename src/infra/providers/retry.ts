import { ProviderError } from "./errors";

export interface RetryOptions {
  /** Total attempts including the first one. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Fraction of ± randomisation applied to each delay (0 = deterministic). */
  jitter: number;
  isRetryable: (error: unknown) => boolean;
  /** Injected for tests. */
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
}

export const DEFAULT_RETRY: Omit<RetryOptions, "isRetryable"> = {
  attempts: 3,
  baseDelayMs: 250,
  maxDelayMs: 5_000,
  jitter: 0.2,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/**
 * Retries 5xx/429/timeouts/network failures; never plain 4xx, which would fail
 * identically. Untyped errors count as retryable only when they look like a
 * fetch network failure (TypeError) — a bug in our own code must not loop.
 */
export function isRetryableError(error: unknown): boolean {
  if (error instanceof ProviderError) return error.retryable;
  return error instanceof TypeError;
}

export function backoffDelay(attempt: number, options: Pick<RetryOptions, "baseDelayMs" | "maxDelayMs" | "jitter" | "random">): number {
  const exponential = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  const spread = exponential * Math.max(0, Math.min(1, options.jitter));
  const jittered = exponential - spread + options.random() * 2 * spread;
  return Math.max(0, Math.min(options.maxDelayMs, Math.round(jittered)));
}

export async function withRetry<T>(fn: (attempt: number) => Promise<T>, options: Partial<RetryOptions> = {}): Promise<T> {
  const opts: RetryOptions = { ...DEFAULT_RETRY, isRetryable: isRetryableError, ...options };
  const attempts = Math.max(1, Math.floor(opts.attempts));
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt >= attempts || !opts.isRetryable(error)) throw error;
      let delayMs = backoffDelay(attempt, opts);
      // Honour Retry-After when the server asks for longer, within our cap.
      if (error instanceof ProviderError && error.retryAfterMs !== null) {
        delayMs = Math.min(opts.maxDelayMs, Math.max(delayMs, error.retryAfterMs));
      }
      opts.onRetry?.({ attempt, delayMs, error });
      await opts.sleep(delayMs);
    }
  }
}
