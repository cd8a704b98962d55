import type { DataSource, EntityManager } from "typeorm";
import type { Role } from "./schema/enums";
import type { Loaders } from "./services/loaders";
import type { PubSub } from "./infra/pubsub";

/** Who is calling: a signed-in user, an integrator's API key, or a web chat visitor. */
export interface Principal {
  kind: "user" | "apiKey" | "visitor";
  id: string;
  tenantId: string;
  role: Role;
  /** Set for users; API keys act on behalf of no user. */
  userId: string | null;
  /** Visitors only: the one conversation their token opens. */
  sessionId?: string;
  /** Users: the login session (refresh family) the access token belongs to; revoking it ends the token. */
  loginSessionId?: string | null;
  /** When the credential ends by itself (token expiry, ms epoch); null for API keys. */
  expiresAt?: number | null;
  /** A user with two-factor authentication on (step-up codes are asked of them). */
  twoFactorEnabled?: boolean;
  /** ADMIN/SUPERVISOR without 2FA in a tenant that requires it: may only set 2FA up. */
  mustEnableTwoFactor?: boolean;
}

/**
 * A visitor's role is outside `Role` on purpose: no role list contains it, so every
 * `@Authorized(...)` operation and role-checked subscription refuses a visitor; the
 * visitor operations check `kind === "visitor"` instead.
 */
export const VISITOR_ROLE = "VISITOR" as unknown as Role;

/**
 * Travels to every resolver and service. `em` is the transaction of the current
 * unit of work when inside `inTransaction`, else the data source's manager.
 */
export interface RequestContext {
  requestId: string;
  principal: Principal | null;
  ip: string | null;
  /** `x-access-justification` header: recorded in the data access log. */
  justification: string | null;
  /** User-Agent of the caller (HTTP header or the WebSocket upgrade), recorded with the IP in access logs. */
  userAgent?: string | null;
  /** The request's `Origin` header (web chat checks it against the inbox's allow-list). */
  origin?: string | null;
  em: EntityManager;
  loaders: Loaders;
  afterCommit: Array<() => void | Promise<void>>;
  /** Subscriptions read events from here (services publish through `Events`). */
  pubsub: PubSub;
  /** HTTP requests in cookie session mode (the console): the refresh token's HttpOnly cookie. */
  refreshCookie?: RefreshCookie;
}

/** The refresh token kept in an HttpOnly cookie instead of the response body (src/http/refresh-cookie.ts). */
export interface RefreshCookie {
  read(): string | null;
  write(token: string): void;
  clear(): void;
}

export interface AuthedContext extends RequestContext {
  principal: Principal;
}

export function requirePrincipal(ctx: RequestContext): Principal {
  if (!ctx.principal) throw new Error("principal required: operation must be @Authorized");
  return ctx.principal;
}

/**
 * Runs `fn` in one transaction; hooks registered on the child context (events)
 * run only after the commit, so consoles never see rolled-back rows.
 * Nested calls join the outer transaction.
 */
export async function inTransaction<T>(ds: DataSource, ctx: RequestContext, fn: (tx: RequestContext) => Promise<T>): Promise<T> {
  if (ctx.em.queryRunner?.isTransactionActive) return fn(ctx);
  const hooks: RequestContext["afterCommit"] = [];
  const result = await ds.transaction((em) => fn({ ...ctx, em, afterCommit: hooks }));
  for (const hook of hooks) {
    try {
      await hook();
    } catch {
      // after-commit hooks are notifications; their failure must not fail the committed write
    }
  }
  return result;
}

/** Defers `fn` until the surrounding transaction commits (or runs it now outside one). */
export async function afterCommit(ctx: Pick<RequestContext, "em" | "afterCommit">, fn: () => void | Promise<void>): Promise<void> {
  if (ctx.em.queryRunner?.isTransactionActive) ctx.afterCommit.push(fn);
  else await fn();
}
