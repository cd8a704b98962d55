import type { CircuitBreaker } from "./circuit-breaker";
import { ProviderError } from "./errors";
import { isRetryableError, withRetry, type RetryOptions } from "./retry";

export interface ResilienceOptions {
  /** Retry settings, or false for a single attempt. */
  retry?: Partial<RetryOptions> | false;
  /** Usually `registry.get(inboxId)`. Each attempt is recorded separately. */
  breaker?: CircuitBreaker;
}

/**
 * Sending a message is not idempotent: after a timeout the provider may have
 * delivered it, and a blind retry would make the customer receive it twice.
 * Connection failures, 429 and 5xx are still retried.
 */
export function isRetryableSend(error: unknown): boolean {
  if (error instanceof ProviderError && error.code === "TIMEOUT") return false;
  return isRetryableError(error);
}

export function runWithPolicies<T>(
  fn: () => Promise<T>,
  options: ResilienceOptions,
  isRetryable: (error: unknown) => boolean = isRetryableError,
): Promise<T> {
  const attempt = () => (options.breaker ? options.breaker.execute(fn) : fn());
  if (options.retry === false) return attempt();
  return withRetry(attempt, { isRetryable, ...options.retry });
}
