import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Redis } from "ioredis";
import type { Config } from "../../config";
import { Errors } from "../../schema/errors";

/**
 * Web chat abuse limits, shared by every API process through Redis when configured:
 * new conversations per IP, messages per visitor and per IP, and a throttle on
 * typing indicators (the excess is dropped silently).
 */
export class WebChatLimits {
  private readonly sessionsPerIp: RateLimiterAbstract;
  private readonly messagesPerVisitor: RateLimiterAbstract;
  private readonly messagesPerIp: RateLimiterAbstract;
  private readonly typing: RateLimiterAbstract;

  constructor(cfg: Config["webChat"], redis?: Redis, prefix = "atende") {
    const make = (keyPrefix: string, points: number, duration: number) =>
      redis
        ? new RateLimiterRedis({ storeClient: redis, useRedisPackage: false, keyPrefix: `${prefix}:webchat:${keyPrefix}`, points, duration })
        : new RateLimiterMemory({ keyPrefix: `webchat:${keyPrefix}`, points, duration });
    this.sessionsPerIp = make("sessions-ip", cfg.sessionsPerIpPerHour, 3600);
    this.messagesPerVisitor = make("messages-visitor", cfg.messagesPerMinute, 60);
    this.messagesPerIp = make("messages-ip", cfg.messagesPerIpPerMinute, 60);
    this.typing = make("typing", 1, 2);
  }

  newSession(ip: string | null): Promise<void> {
    return take(this.sessionsPerIp, ip ?? "unknown");
  }

  async message(visitorId: string, ip: string | null): Promise<void> {
    await take(this.messagesPerVisitor, visitorId);
    await take(this.messagesPerIp, ip ?? "unknown");
  }

  /** True when this typing event may go out now. */
  async typingAllowed(key: string): Promise<boolean> {
    try {
      await this.typing.consume(key);
      return true;
    } catch (err) {
      if (err instanceof RateLimiterRes) return false;
      throw err;
    }
  }
}

async function take(limiter: RateLimiterAbstract, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (err) {
    if (err instanceof RateLimiterRes) throw Errors.rateLimited(Math.max(1, Math.ceil(err.msBeforeNext / 1000)));
    throw err;
  }
}
