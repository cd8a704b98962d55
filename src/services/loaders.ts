import DataLoader from "dataloader";
import { In, type EntityManager, type EntityTarget, type ObjectLiteral, type SelectQueryBuilder } from "typeorm";
import { encodeCursor, type Connection } from "../schema/connection";
import { Tenant } from "../entities/tenant";
import { User } from "../entities/user";

/**
 * Per-request DataLoaders. Every loader is created for one request and one tenant,
 * so a batch can never mix tenants; results come back in key order.
 */
export interface Loaders {
  tenant: DataLoader<string, Tenant | null>;
  user: DataLoader<string, User | null>;
  /** Area-specific loaders (clients, tickets, sessions…) registered by their modules. */
  extra: Map<string, DataLoader<unknown, unknown>>;
  /** Lazily creates (once per request) a loader registered under `name`. */
  get<K, V>(name: string, create: () => DataLoader<K, V>): DataLoader<K, V>;
}

export function byIdLoader<T extends ObjectLiteral & { id: string }>(em: EntityManager, entity: EntityTarget<T>, tenantId: string | null): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    const where: Record<string, unknown> = { id: In([...ids]) };
    if (tenantId) where.tenantId = tenantId;
    const rows = await em.find(entity, { where: where as never });
    const map = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => map.get(id) ?? null);
  });
}

/** Groups rows by a key column, e.g. comments by ticket id; result arrays follow key order. */
export function groupLoader<T extends ObjectLiteral>(load: (keys: readonly string[]) => Promise<T[]>, keyOf: (row: T) => string): DataLoader<string, T[]> {
  return new DataLoader(async (keys) => {
    const rows = await load(keys);
    const groups = new Map<string, T[]>();
    for (const row of rows) {
      const k = keyOf(row);
      const list = groups.get(k);
      if (list) list.push(row);
      else groups.set(k, [row]);
    }
    return keys.map((k) => groups.get(k) ?? []);
  });
}

/**
 * First page (newest first) of each parent's rows, e.g. every client's tickets, in
 * three queries for any number of parents: a window function ranks the rows per
 * parent, one query loads them, one grouped count gives totalCount. `visible` is an
 * extra SQL condition on alias `r` (e.g. an agent's visibility).
 */
export function firstPagePerParent<T extends ObjectLiteral & { id: string; createdAt: Date }>(
  em: EntityManager,
  entity: EntityTarget<T>,
  opts: { tenantId: string; parentColumn: string; parentOf: (row: T) => string; limit: number; visible?: { sql: string; params: Record<string, unknown> } },
): DataLoader<string, Connection<T>> {
  const { tenantId, parentColumn, limit } = opts;
  const scoped = (qb: SelectQueryBuilder<T>, ids: string[]) => {
    qb.where(`r.tenant_id = :tenantId AND r.${parentColumn} IN (:...ids)`, { tenantId, ids });
    if (opts.visible) qb.andWhere(opts.visible.sql, opts.visible.params);
    return qb;
  };
  return new DataLoader(async (parentIds) => {
    const ids = [...parentIds];
    const ranked = limit === 0 ? [] : await em
      .createQueryBuilder()
      .select("x.id", "id")
      .from((sq) => scoped(sq.select("r.id", "id").addSelect(`row_number() OVER (PARTITION BY r.${parentColumn} ORDER BY r.created_at DESC, r.id DESC)`, "rn").from(entity, "r") as SelectQueryBuilder<T>, ids), "x")
      .where("x.rn <= :n", { n: limit + 1 })
      .getRawMany<{ id: string }>();
    const rows = ranked.length ? await em.getRepository(entity).find({ where: { id: In(ranked.map((r) => r.id)) } as never, order: { createdAt: "DESC", id: "DESC" } as never }) : [];
    const counts = await scoped(em.createQueryBuilder(entity, "r"), ids).select(`r.${parentColumn}`, "parent").addSelect("count(*)::int", "n").groupBy(`r.${parentColumn}`).getRawMany<{ parent: string; n: number }>();
    const countOf = new Map(counts.map((c) => [c.parent, c.n]));
    return ids.map((id) => {
      const mine = rows.filter((r) => opts.parentOf(r) === id);
      const edges = mine.slice(0, limit).map((node) => ({ cursor: encodeCursor(node.createdAt, node.id), node }));
      return { edges, pageInfo: { hasNextPage: mine.length > limit, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: countOf.get(id) ?? 0 };
    });
  });
}

export function createLoaders(em: EntityManager, tenantId: string | null): Loaders {
  const extra = new Map<string, DataLoader<unknown, unknown>>();
  return {
    tenant: new DataLoader(async (ids) => {
      const rows = await em.find(Tenant, { where: { id: In([...ids]) } });
      const map = new Map(rows.map((r) => [r.id, r]));
      // Only reached through an already-scoped row (a user's tenant), so no tenant filter here.
      return ids.map((id) => map.get(id) ?? null);
    }),
    user: byIdLoader(em, User, tenantId),
    extra,
    get<K, V>(name: string, create: () => DataLoader<K, V>): DataLoader<K, V> {
      let loader = extra.get(name) as DataLoader<K, V> | undefined;
      if (!loader) {
        loader = create();
        extra.set(name, loader as DataLoader<unknown, unknown>);
      }
      return loader;
    },
  };
}
