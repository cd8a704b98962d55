import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Redis } from "ioredis";

/**
 * Failed logins per account per hour. Backed by Redis when configured so the
 * count is shared by every API process; in memory otherwise.
 */
export class LoginLimiter {
  private readonly limiter: RateLimiterAbstract;

  constructor(maxPerHour: number, redis?: Redis, prefix = "atende") {
    const opts = { points: maxPerHour, duration: 3600, keyPrefix: `${prefix}:login-fail` };
    this.limiter = redis ? new RateLimiterRedis({ ...opts, storeClient: redis, useRedisPackage: false }) : new RateLimiterMemory(opts);
  }

  /** Seconds until the account may try again, or 0 when it may try now. */
  async blockedFor(account: string): Promise<number> {
    const res = await this.limiter.get(account);
    if (res && res.remainingPoints <= 0) return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
    return 0;
  }

  async recordFailure(account: string): Promise<void> {
    try {
      await this.limiter.consume(account);
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
    }
  }

  async reset(account: string): Promise<void> {
    await this.limiter.delete(account);
  }
}
