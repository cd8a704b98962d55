import type { Config } from "../../config";
import type { Limiter, RateLimits } from "../../infra/rate-limits";
import { Errors } from "../../schema/errors";

/**
 * The limits of authentication. Every attempt is counted before the password or
 * code is checked (consume first), and given back when it turns out right, so N
 * concurrent wrong attempts can never all be checked.
 */
export class AuthLimits {
  /** Failed logins per account (always on, also in the test suite). */
  readonly loginAccount: Limiter;
  /** Failed logins per IP (password spraying over many accounts). */
  readonly loginIp: Limiter;
  readonly signupIp: Limiter;
  readonly refreshIp: Limiter;
  /** Wrong TOTP codes per user (login, enabling 2FA, step-up on sensitive actions). */
  readonly totp: Limiter;
  /** createApiKey, createUser, resetUserPassword, changeUserRole: per caller and action. */
  readonly sensitive: Limiter;

  constructor(limits: RateLimits, config: Config) {
    const l = config.limits;
    this.loginAccount = limits.limiter("login-fail", config.auth.loginMaxFailuresPerHour, 3600, true);
    this.loginIp = limits.limiter("login-ip", l.loginFailuresPerIpPer15Min, 900);
    this.signupIp = limits.limiter("signup-ip", l.signupsPerIpPerHour, 3600);
    this.refreshIp = limits.limiter("refresh-ip", l.refreshPerIpPer15Min, 900);
    this.totp = limits.limiter("totp-fail", l.totpFailuresPer15Min, 900, true);
    this.sensitive = limits.limiter("sensitive", l.sensitivePerHour, 3600);
  }

  /** Counts one, or throws RATE_LIMITED with the wait. */
  static async take(limiter: Limiter, key: string): Promise<void> {
    const r = await limiter.consume(key);
    if (!r.ok) throw Errors.rateLimited(r.retryAfterSeconds);
  }
}
