import { Client as PgClient } from "pg";
import type { RequestContext } from "../../src/context";
import { createLoaders } from "../../src/services/loaders";
import { Role } from "../../src/schema/enums";
import type { TestServer } from "./server";
import type { TestTenant } from "./tenant";

/** A request context as a job or webhook of the tenant would build it, to call services directly. */
export function serviceContext(server: TestServer, tenant: TestTenant, over: Partial<RequestContext> = {}): RequestContext {
  const em = server.app.ds.manager;
  return {
    requestId: `test-${Math.random().toString(36).slice(2)}`,
    principal: { kind: "user", id: tenant.admin.id, tenantId: tenant.id, role: Role.ADMIN, userId: tenant.admin.id },
    ip: null,
    justification: null,
    em,
    loaders: createLoaders(em, tenant.id),
    afterCommit: [],
    pubsub: server.app.services.infra.pubsub,
    ...over,
  };
}

/** A direct connection to the test server's database, bypassing the application. */
export async function withPg<T>(server: TestServer, fn: (pg: PgClient) => Promise<T>): Promise<T> {
  const pg = new PgClient({ connectionString: server.env.DATABASE_URL });
  await pg.connect();
  try {
    return await fn(pg);
  } finally {
    await pg.end();
  }
}

/**
 * Every row of every table of the public schema as text (`row_to_json`), one
 * string per table, to search for leftovers of erased personal data.
 */
export async function dumpDatabase(server: TestServer): Promise<Map<string, string>> {
  return withPg(server, async (pg) => {
    const tables = await pg.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`);
    const out = new Map<string, string>();
    for (const { table_name } of tables.rows) {
      const rows = await pg.query<{ j: string }>(`SELECT row_to_json(t)::text AS j FROM "${table_name}" t`);
      out.set(table_name, rows.rows.map((r) => r.j).join("\n"));
    }
    return out;
  });
}

export async function pollUntil<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 10_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
