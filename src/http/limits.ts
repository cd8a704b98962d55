import type { NextFunction, Request, Response } from "express";
import type { Principal } from "../context";
import type { Limiter, LimitResult } from "../infra/rate-limits";
import type { Services } from "../services";

declare module "express-serve-static-core" {
  interface Request {
    /** Resolved once by the limits middleware; the GraphQL context reuses it. */
    principal?: Principal | null;
  }
}

/**
 * Request limits on /graphql, HTTP and WebSocket alike: per client IP (behind the
 * proxies Express trusts) and per principal (user or API key). Counters are shared
 * through Redis when it is configured. Stricter limits on sign-up, login, refresh,
 * TOTP and sensitive admin actions live with those operations (services/auth).
 */
export class GraphqlLimits {
  readonly ip: Limiter;
  readonly principal: Limiter;
  /** New WebSocket connections per IP per minute. */
  readonly wsConnect: Limiter;

  constructor(private readonly services: Services) {
    const l = services.infra.config.limits;
    this.ip = services.rateLimits.limiter("gql-ip", l.ipPer10s, 10);
    this.principal = services.rateLimits.limiter("gql-principal", l.principalPer10s, 10);
    this.wsConnect = services.rateLimits.limiter("ws-connect-ip", l.wsConnectionsPerIpPerMinute, 60);
  }

  /** One operation of `principal` from `ip` (HTTP request or WebSocket subscribe). */
  async operation(principal: Principal | null, ip: string | null): Promise<LimitResult> {
    const byIp = await this.ip.consume(ip ?? "unknown");
    if (!byIp.ok || !principal) return byIp;
    return this.principal.consume(`${principal.kind}:${principal.id}`);
  }

  /** Express middleware before Apollo: authenticates once, counts, answers 429 over the limit. */
  http() {
    return async (req: Request, res: Response, next: NextFunction) => {
      try {
        req.principal = await this.services.authenticator.fromAuthorization(req.headers.authorization);
        const r = await this.operation(req.principal, req.ip ?? null);
        if (r.ok) return next();
        res.setHeader("Retry-After", String(r.retryAfterSeconds));
        res.status(429).json({ errors: [{ message: `Muitas requisições. Tente novamente em ${r.retryAfterSeconds} s.`, extensions: { code: "RATE_LIMITED", retryAfter: r.retryAfterSeconds } }] });
      } catch (err) {
        next(err);
      }
    };
  }
}
