import DataLoader from "dataloader";
import { In, type EntityManager, type EntityTarget, type ObjectLiteral } from "typeorm";
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
