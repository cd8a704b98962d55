import { describe, expect, it } from "vitest";
import { CircuitBreaker, CircuitBreakerRegistry } from "./circuit-breaker";
import { CircuitOpenError, ProviderError, redact, type ProviderErrorCode } from "./errors";
import { backoffDelay, isRetryableError, withRetry } from "./retry";

const providerError = (status: number | null, code: ProviderErrorCode, retryable: boolean, retryAfterMs?: number) =>
  new ProviderError("x", { provider: "evolution", status, code, retryable, retryAfterMs });
const http500 = () => providerError(500, "SERVER_ERROR", true);
const http400 = () => providerError(400, "BAD_REQUEST", false);

describe("backoffDelay", () => {
  it("grows exponentially and is capped", () => {
    const opts = { baseDelayMs: 100, maxDelayMs: 1_000, jitter: 0, random: () => 0.5 };
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, opts))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it("applies ± jitter within bounds and never exceeds the cap", () => {
    const base = { baseDelayMs: 1_000, maxDelayMs: 1_100, jitter: 0.2 };
    expect(backoffDelay(1, { ...base, random: () => 0 })).toBe(800);
    expect(backoffDelay(1, { ...base, random: () => 1 })).toBe(1_100); // 1200 capped
    expect(backoffDelay(1, { ...base, random: () => 0.5 })).toBe(1_000);
  });
});

describe("withRetry", () => {
  it("retries retryable errors with backoff then returns", async () => {
    const delays: number[] = [];
    let calls = 0;
    const result = await withRetry(
      async (attempt) => {
        calls++;
        if (attempt < 3) throw http500();
        return "ok";
      },
      { attempts: 4, baseDelayMs: 50, maxDelayMs: 1_000, jitter: 0, sleep: async (ms) => void delays.push(ms) },
    );
    expect(result).toBe("ok");
    expect(calls).toBe(3);
    expect(delays).toEqual([50, 100]);
  });

  it("gives up after the configured attempts with the last error", async () => {
    let calls = 0;
    const error = await withRetry(
      async () => {
        calls++;
        throw http500();
      },
      { attempts: 3, sleep: async () => {} },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(calls).toBe(3);
  });

  it("does not retry 4xx, circuit-open or programming errors", async () => {
    for (const make of [http400, () => new CircuitOpenError("evolution", 1_000), () => new RangeError("bug")]) {
      let calls = 0;
      await withRetry(
        async () => {
          calls++;
          throw make();
        },
        { attempts: 5, sleep: async () => {} },
      ).catch(() => undefined);
      expect(calls).toBe(1);
    }
  });

  it("treats fetch network failures (TypeError) and 429 as retryable", () => {
    expect(isRetryableError(new TypeError("fetch failed"))).toBe(true);
    expect(isRetryableError(providerError(429, "RATE_LIMITED", true))).toBe(true);
    expect(isRetryableError(http400())).toBe(false);
    expect(isRetryableError("string")).toBe(false);
  });

  it("honours a custom isRetryable and Retry-After (capped)", async () => {
    const delays: number[] = [];
    let calls = 0;
    await withRetry(
      async () => {
        if (++calls < 3) throw providerError(429, "RATE_LIMITED", true, calls === 1 ? 750 : 60_000);
        return 1;
      },
      { attempts: 3, baseDelayMs: 10, maxDelayMs: 5_000, jitter: 0, sleep: async (ms) => void delays.push(ms) },
    );
    expect(delays).toEqual([750, 5_000]);

    let customCalls = 0;
    await withRetry(
      async () => {
        customCalls++;
        throw http400();
      },
      { attempts: 3, sleep: async () => {}, isRetryable: () => true },
    ).catch(() => undefined);
    expect(customCalls).toBe(3);
  });
});

describe("CircuitBreaker", () => {
  const fail = (b: CircuitBreaker, make = http500) =>
    b
      .execute(async () => {
        throw make();
      })
      .catch((e: unknown) => e);

  it("opens after the threshold of consecutive failures and rejects fast", async () => {
    let now = 0;
    const b = new CircuitBreaker({ failureThreshold: 3, coolDownMs: 10_000, now: () => now });
    await fail(b);
    await fail(b);
    expect(b.state).toBe("closed");
    expect(b.consecutiveFailures).toBe(2);
    await fail(b);
    expect(b.state).toBe("open");
    let called = false;
    const error = await b
      .execute(async () => {
        called = true;
      })
      .catch((e: unknown) => e);
    expect(called).toBe(false);
    expect(error).toBeInstanceOf(CircuitOpenError);
    expect((error as CircuitOpenError).retryAfterMs).toBe(10_000);
    now = 4_000;
    expect(((await b.execute(async () => 1).catch((e: unknown) => e)) as CircuitOpenError).retryAfterMs).toBe(6_000);
  });

  it("a success resets the count; 4xx responses don't count as failures", async () => {
    const b = new CircuitBreaker({ failureThreshold: 2 });
    await fail(b);
    await b.execute(async () => "ok");
    await fail(b);
    expect(b.state).toBe("closed");
    await fail(b, http400);
    await fail(b, http400);
    await fail(b, http400);
    expect(b.state).toBe("closed");
    expect(b.consecutiveFailures).toBe(0);
  });

  it("half-opens after the cool-down, allows one trial at a time, closes on success", async () => {
    let now = 0;
    const b = new CircuitBreaker({ failureThreshold: 1, coolDownMs: 500, now: () => now });
    await fail(b);
    expect(b.state).toBe("open");
    now = 500;
    expect(b.state).toBe("half-open");

    let release!: () => void;
    const trial = b.execute(() => new Promise<string>((resolve) => (release = () => resolve("ok"))));
    const concurrent = await b.execute(async () => "second").catch((e: unknown) => e);
    expect(concurrent).toBeInstanceOf(CircuitOpenError);
    release();
    expect(await trial).toBe("ok");
    expect(b.state).toBe("closed");
  });

  it("a failed trial re-opens with a fresh cool-down", async () => {
    let now = 0;
    const b = new CircuitBreaker({ failureThreshold: 2, coolDownMs: 500, now: () => now });
    await fail(b);
    await fail(b);
    now = 600;
    expect(b.state).toBe("half-open");
    await fail(b);
    expect(b.state).toBe("open");
    now = 1_099;
    expect(b.state).toBe("open");
    now = 1_100;
    expect(b.state).toBe("half-open");
  });

  it("the registry keeps one breaker per inbox", async () => {
    const registry = new CircuitBreakerRegistry({ failureThreshold: 1 });
    expect(registry.get("a")).toBe(registry.get("a"));
    expect(registry.get("a")).not.toBe(registry.get("b"));
    await fail(registry.get("a"));
    expect(registry.states()).toEqual({ a: "open", b: "closed" });
    expect(registry.delete("a")).toBe(true);
    expect(registry.get("a").state).toBe("closed");
  });
});

describe("redact", () => {
  it("removes secrets and bearer tokens and bounds the length", () => {
    expect(redact("key=ABCD1234 and ABCD1234", ["ABCD1234"])).toBe("key=[redacted] and [redacted]");
    expect(redact("Authorization: Bearer EAAGxyz.abc", [])).toBe("Authorization: Bearer [redacted]");
    expect(redact("x".repeat(400), [])).toHaveLength(301);
  });
});
