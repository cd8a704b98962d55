import crypto from "node:crypto";
import { Client } from "pg";

export const PG_ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? "postgres://root@127.0.0.1:5432/postgres";
export const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

export const hasPostgres = () => process.env.TEST_HAS_POSTGRES !== "0";
export const hasRedis = () => process.env.TEST_HAS_REDIS !== "0";

/** A fresh database for one test file; `drop()` removes it. */
export async function createTestDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `t_${Date.now().toString(36)}_${crypto.randomBytes(3).toString("hex")}`;
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const c = new Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
