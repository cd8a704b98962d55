import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Redis } from "ioredis";

export type LimitResult = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

/**
 * A fixed-window counter (rate-limiter-flexible): `consume` counts atomically and
 * answers whether the caller is still within the limit, so the check and the count
 * are one step (no race between "am I blocked?" and "count this one").
 */
export class Limiter {
  constructor(private readonly impl: RateLimiterAbstract | null, readonly points: number) {}

  async consume(key: string, points = 1): Promise<LimitResult> {
    if (!this.impl) return { ok: true, remaining: this.points };
    try {
      const res = await this.impl.consume(key, points);
      return { ok: true, remaining: res.remainingPoints };
    } catch (err) {
      if (err instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(err.msBeforeNext / 1000)) };
      throw err;
    }
  }

  /** Gives points back (e.g. a login that turned out to be right is not a failure). */
  async reward(key: string, points = 1): Promise<void> {
    await this.impl?.reward(key, points).catch(() => undefined);
  }

  async reset(key: string): Promise<void> {
    await this.impl?.delete(key).catch(() => undefined);
  }
}

/**
 * Builds limiters that share Redis (every process counts together) when it is
 * configured, memory otherwise. `enabled: false` (RATE_LIMITS=false, the test suite)
 * turns off the request limits; limiters created with `always` stay on.
 */
export class RateLimits {
  constructor(private readonly opts: { enabled: boolean; redis?: Redis; prefix: string }) {}

  limiter(name: string, points: number, durationSeconds: number, always = false): Limiter {
    if (!this.opts.enabled && !always) return new Limiter(null, points);
    const base = { points, duration: durationSeconds, keyPrefix: `${this.opts.prefix}:rl:${name}` };
    const impl = this.opts.redis ? new RateLimiterRedis({ ...base, storeClient: this.opts.redis, useRedisPackage: false }) : new RateLimiterMemory(base);
    return new Limiter(impl, points);
  }
}
