import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataSource } from "typeorm";
import { loadConfig } from "../src/config";
import { createDataSource, pendingSchemaChanges, runMigrations } from "../src/infra/database";
import { createTestDatabase, hasPostgres } from "./support/services";

const run = hasPostgres() ? describe : describe.skip;

run("migrations", () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await createDataSource(loadConfig({ DATABASE_URL: db.url, LOG_LEVEL: "silent", JWT_SECRET: "x".repeat(32), ENCRYPTION_KEY: "a".repeat(64) }));
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it("runs concurrently without conflict (advisory lock) and matches the entities exactly", async () => {
    const other = await createDataSource(loadConfig({ DATABASE_URL: db.url, LOG_LEVEL: "silent", JWT_SECRET: "x".repeat(32), ENCRYPTION_KEY: "a".repeat(64) }));
    const [a, b] = await Promise.all([runMigrations(ds), runMigrations(other)]);
    await other.destroy();
    expect(a.length + b.length).toBe(ds.migrations.length);
    // Drift: the SQL the entities would need on top of the migrations must be empty.
    expect(await pendingSchemaChanges(ds)).toEqual([]);
  });

  it("never synchronizes", () => {
    expect(ds.options.synchronize).toBe(false);
  });

  it("can be reverted and re-applied", async () => {
    for (let i = 0; i < ds.migrations.length; i++) await ds.undoLastMigration();
    expect(await runMigrations(ds)).toHaveLength(ds.migrations.length);
    expect(await pendingSchemaChanges(ds)).toEqual([]);
  });
});
