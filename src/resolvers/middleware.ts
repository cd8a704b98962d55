import type { EntityManager } from "typeorm";
import type { MiddlewareFn } from "type-graphql";
import { createLoaders, type Loaders } from "../services/loaders";

/**
 * Global middleware. A subscription's resolvers run once per event, on the context of
 * the whole subscription: each event (the subscription's root field) gets fresh
 * loaders, so that nothing read for an earlier event (a handoff's state, a client's
 * name) is served stale, and each event's reads are access-logged.
 */
export const freshLoadersPerEvent: MiddlewareFn<{ em: EntityManager; loaders: Loaders; principal: { tenantId: string } | null }> = ({ context, info }, next) => {
  if (info.operation.operation === "subscription" && !info.path.prev) context.loaders = createLoaders(context.em, context.principal?.tenantId ?? null);
  return next();
};
