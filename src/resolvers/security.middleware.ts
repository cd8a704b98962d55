import { isNonNullType, type GraphQLOutputType } from "graphql";
import type { MiddlewareFn, MiddlewareInterface, NextFn, ResolverData } from "type-graphql";
import type { Services } from "../services";
import type { RequestContext } from "../context";
import { Document } from "../entities/document";
import { Handoff } from "../entities/handoff";
import { HandoffNote } from "../entities/handoff-note";
import { Message } from "../entities/message";
import { Session } from "../entities/session";
import { requirePrincipal } from "../context";
import { Errors } from "../schema/errors";
import { byIdLoader } from "../services/loaders";
import { visibility } from "../services/visibility";
import { sessionLoader } from "./conversation.loaders";

const messageLoader = (ctx: RequestContext) => ctx.loaders.get("visibility:message", () => byIdLoader(ctx.em, Message, requirePrincipal(ctx).tenantId));
const handoffLoader = (ctx: RequestContext) => ctx.loaders.get("visibility:handoff", () => byIdLoader(ctx.em, Handoff, requirePrincipal(ctx).tenantId));

/** The conversation a value belongs to (null: none, e.g. a document uploaded to a ticket). */
async function conversationOf(ctx: RequestContext, value: unknown): Promise<string | null | undefined> {
  if (value instanceof Message) return value.sessionId;
  if (value instanceof HandoffNote) return (await handoffLoader(ctx).load(value.handoffId))?.sessionId ?? undefined;
  if (value instanceof Document) return value.messageId ? ((await messageLoader(ctx).load(value.messageId))?.sessionId ?? undefined) : null;
  if (value instanceof Handoff) return value.sessionId;
  if (value instanceof Session) return value.id;
  return null;
}

/** Content guarded on the object it hangs from; what a hidden conversation answers instead. */
const CONTENT_FIELDS: Record<string, (root: unknown) => { sessionId: string; empty: unknown }> = {
  "Session.messages": (s) => ({ sessionId: (s as Session).id, empty: { edges: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 } }),
  "Handoff.notes": (h) => ({ sessionId: (h as Handoff).sessionId, empty: [] }),
  "Handoff.resolution": (h) => ({ sessionId: (h as Handoff).sessionId, empty: null }),
};

/** A field whose value is replaced when its conversation is hidden (whatever its type). */
export const guardsContentField = (key: string) => key in CONTENT_FIELDS;

/** Types whose every value is checked wherever it appears (a reference to a session or handoff is not content). */
const CONTENT_TYPES = [Message, HandoffNote, Document];

async function visible(ctx: RequestContext, sessionId: string | null | undefined): Promise<boolean> {
  if (sessionId === null) return true;
  if (sessionId === undefined) return false;
  const session = await sessionLoader(ctx).load(sessionId);
  return Boolean(session) && visibility.canSeeSession(ctx.principal, session!);
}

const isContent = (v: unknown) => CONTENT_TYPES.some((t) => v instanceof t);

async function keep(ctx: RequestContext, v: unknown): Promise<boolean> {
  return !isContent(v) || visible(ctx, await conversationOf(ctx, v));
}

/**
 * Enforces services/visibility.ts on every field: content fields of a conversation
 * the caller may not see answer empty, and every message, note or document in any
 * answer (lists, connections, single fields, subscription events) is checked
 * against its conversation. Only agents are restricted; others pass at no cost.
 */
export const conversationVisibility: MiddlewareFn<RequestContext> = async ({ context, info, root }, next) => {
  if (!visibility.restricts(context.principal)) return next();
  const guard = CONTENT_FIELDS[`${info.parentType.name}.${info.fieldName}`];
  if (guard) {
    const { sessionId, empty } = guard(root);
    if (!(await visible(context, sessionId))) return empty;
  }
  const value = await next();
  return filterValue(context, value, info.returnType, !info.path.prev);
};

async function filterValue(ctx: RequestContext, value: unknown, type: GraphQLOutputType, rootField: boolean): Promise<unknown> {
  if (value == null) return value;
  if (Array.isArray(value)) {
    if (!value.some(isContent)) return value;
    const flags = await Promise.all(value.map((v) => keep(ctx, v)));
    return value.filter((_, i) => flags[i]);
  }
  const edges = (value as { edges?: Array<{ node: unknown }> }).edges;
  if (Array.isArray(edges) && edges.some((e) => isContent(e.node))) {
    const flags = await Promise.all(edges.map((e) => keep(ctx, e.node)));
    return { ...(value as object), edges: edges.filter((_, i) => flags[i]) };
  }
  if (isContent(value) && !(await keep(ctx, value))) {
    if (rootField || isNonNullType(type)) throw Errors.notFound(value instanceof Document ? "Documento" : "Conversa");
    return null;
  }
  return value;
}

/** Root fields a user who must enable 2FA (tenant policy) may still use. */
const TWO_FACTOR_SETUP_FIELDS = new Set(["me", "setupTwoFactor", "enableTwoFactor", "logOut", "refreshToken", "mySessions", "revokeMySession", "changePassword", "tenantSettings"]);

/** Tenant policy `requireTwoFactorForAdmins`: until an ADMIN/SUPERVISOR enables 2FA, only setting it up works. */
export const twoFactorPolicy: MiddlewareFn<RequestContext> = ({ context, info }, next) => {
  if (!info.path.prev && context.principal?.mustEnableTwoFactor && !TWO_FACTOR_SETUP_FIELDS.has(info.fieldName)) {
    throw Errors.twoFactorSetupRequired();
  }
  return next();
};

/** The optional `totpCode` argument of sensitive operations (checked by FreshTwoFactor). */
export const TOTP_ARG = { nullable: true, description: "Código novo da verificação em duas etapas (exigido de quem a tem ativa)." } as const;

/**
 * On a sensitive operation (it declares an optional `totpCode` argument): a user with
 * 2FA on must give a fresh code (services/auth/step-up.ts).
 */
export class FreshTwoFactor implements MiddlewareInterface<RequestContext> {
  constructor(private readonly services: Services) {}

  async use({ context, args }: ResolverData<RequestContext>, next: NextFn): Promise<unknown> {
    await this.services.stepUp.require(context, (args as { totpCode?: string | null }).totpCode);
    return next();
  }
}
