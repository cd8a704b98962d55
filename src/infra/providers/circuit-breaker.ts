import { CircuitOpenError, type ProviderName } from "./errors";
import { gauge, onScrape } from "../metrics";
import { isRetryableError } from "./retry";

export type CircuitState = "closed" | "open" | "half-open";

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long the circuit stays open before letting a trial call through. */
  coolDownMs: number;
  /** Concurrent trial calls allowed while half-open. */
  halfOpenMaxCalls: number;
  /** Which errors indicate an unhealthy provider. A 4xx means it is up. */
  isFailure: (error: unknown) => boolean;
  now: () => number;
  provider: ProviderName;
}

const DEFAULTS: CircuitBreakerOptions = {
  failureThreshold: 5,
  coolDownMs: 30_000,
  halfOpenMaxCalls: 1,
  isFailure: isRetryableError,
  now: Date.now,
  provider: "evolution",
};

export class CircuitBreaker {
  private readonly opts: CircuitBreakerOptions;
  private failures = 0;
  private openedAt: number | null = null;
  private trialsInFlight = 0;

  constructor(options: Partial<CircuitBreakerOptions> = {}) {
    this.opts = { ...DEFAULTS, ...options };
  }

  get state(): CircuitState {
    if (this.openedAt === null) return "closed";
    return this.opts.now() - this.openedAt >= this.opts.coolDownMs ? "half-open" : "open";
  }

  get consecutiveFailures(): number {
    return this.failures;
  }

  async execute<T>(fn: () => Promise<T>): Promise<T> {
    const state = this.state;
    if (state === "open" || (state === "half-open" && this.trialsInFlight >= this.opts.halfOpenMaxCalls)) {
      const remaining = state === "open" ? this.openedAt! + this.opts.coolDownMs - this.opts.now() : this.opts.coolDownMs;
      throw new CircuitOpenError(this.opts.provider, Math.max(0, remaining));
    }
    const trial = state === "half-open";
    if (trial) this.trialsInFlight++;
    try {
      const result = await fn();
      this.onSuccess();
      return result;
    } catch (error) {
      if (this.opts.isFailure(error)) this.onFailure(trial);
      else this.onSuccess();
      throw error;
    } finally {
      if (trial) this.trialsInFlight--;
    }
  }

  reset(): void {
    this.failures = 0;
    this.openedAt = null;
  }

  private onSuccess(): void {
    this.reset();
  }

  private onFailure(trial: boolean): void {
    this.failures++;
    // A failed trial re-opens immediately with a fresh cool-down.
    if (trial || this.failures >= this.opts.failureThreshold) this.openedAt = this.opts.now();
  }
}

/** One breaker per inbox, so one broken WhatsApp number doesn't block the others. */
export class CircuitBreakerRegistry {
  private readonly breakers = new Map<string, CircuitBreaker>();

  constructor(private readonly options: Partial<CircuitBreakerOptions> = {}) {}

  get(inboxId: string, overrides: Partial<CircuitBreakerOptions> = {}): CircuitBreaker {
    let breaker = this.breakers.get(inboxId);
    if (!breaker) {
      breaker = new CircuitBreaker({ ...this.options, ...overrides });
      this.breakers.set(inboxId, breaker);
    }
    return breaker;
  }

  delete(inboxId: string): boolean {
    return this.breakers.delete(inboxId);
  }

  states(): Record<string, CircuitState> {
    return Object.fromEntries([...this.breakers].map(([id, b]) => [id, b.state]));
  }
}

const breakerState = gauge("atende_circuit_breaker_state", "Circuit breaker of each inbox's provider: 1 for its current state (closed, open, half-open)", ["inbox", "state"]);
const STATES: CircuitState[] = ["closed", "open", "half-open"];

/** Reports the breakers' states at each scrape; returns the function that stops it. */
export function observeCircuitBreakers(registry: CircuitBreakerRegistry): () => void {
  const reported = new Set<string>();
  const off = onScrape(() => {
    for (const [inbox, current] of Object.entries(registry.states())) {
      reported.add(inbox);
      for (const state of STATES) breakerState.set({ inbox, state }, state === current ? 1 : 0);
    }
  });
  return () => {
    off();
    for (const inbox of reported) for (const state of STATES) breakerState.remove({ inbox, state });
  };
}
