import type { EntityTarget, FindOptionsRelations, ObjectLiteral } from "typeorm";
import { requirePrincipal, type RequestContext } from "../context";
import { Errors } from "../schema/errors";
import { isUuid } from "../infra/ids";

export { isUuid };

/** Looks up a row of the caller's tenant; an id of another tenant (or not a uuid) is NOT_FOUND. */
export async function findOwned<T extends ObjectLiteral & { tenantId: string }>(
  ctx: RequestContext,
  entity: EntityTarget<T>,
  id: string,
  label: string,
  opts: { relations?: FindOptionsRelations<T>; lock?: boolean } = {},
): Promise<T> {
  const found = await findOwnedOrNull(ctx, entity, id, opts);
  if (!found) throw Errors.notFound(label);
  return found;
}

export async function findOwnedOrNull<T extends ObjectLiteral & { tenantId: string }>(
  ctx: RequestContext,
  entity: EntityTarget<T>,
  id: string,
  opts: { relations?: FindOptionsRelations<T>; lock?: boolean } = {},
): Promise<T | null> {
  const p = requirePrincipal(ctx);
  if (!isUuid(id)) return null;
  return ctx.em.findOne(entity, {
    where: { id, tenantId: p.tenantId } as never,
    relations: opts.relations,
    ...(opts.lock && ctx.em.queryRunner?.isTransactionActive ? { lock: { mode: "pessimistic_write" as const } } : {}),
  });
}
