import path from "node:path";
import fs from "node:fs";
import { DataSource, type DataSourceOptions, type Logger as TypeOrmLogger } from "typeorm";
import type { Config } from "../config";
import type { Logger } from "./logger";
import { ENTITIES } from "../entities";
import { MIGRATIONS } from "../migrations";
import { exclusiveSession, holdSessionForTransactions, sessionPool } from "./pglite-session";

const MIGRATION_LOCK_KEY = 7_104_202_611; // arbitrary constant shared by every process of this app

export async function createDataSource(config: Config, logger?: Logger): Promise<DataSource> {
  const common = {
    type: "postgres" as const,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: "migrations",
    synchronize: false,
    migrationsRun: false,
    logger: logger ? typeOrmLogger(logger) : undefined,
    logging: ["error", "warn", "migration"] as DataSourceOptions["logging"],
  };
  let options: DataSourceOptions;
  if (config.database.url) {
    options = {
      ...common,
      url: config.database.url,
      poolSize: config.database.poolSize,
      extra: {
        max: config.database.poolSize,
        statement_timeout: 30_000,
      },
    } as DataSourceOptions;
  } else {
    const dir = path.join(config.dataDir, "pg");
    fs.mkdirSync(dir, { recursive: true });
    const Pool = await embeddedPool(dir, logger);
    options = {
      ...common,
      driver: { Pool },
      uuidExtension: "uuid-ossp",
    } as DataSourceOptions;
  }
  const ds = new DataSource(options);
  await ds.initialize();
  if (!config.database.url) holdSessionForTransactions(ds);
  return ds;
}

/** The embedded database (PGlite in `dir`) as a pool TypeORM's postgres driver uses: one session, leased (see pglite-session). */
export async function embeddedPool(dir: string, logger?: Logger) {
  // PGlite is ESM-only and heavy to load: require it only in embedded mode.
  const { PGlite, types } = await import("@electric-sql/pglite");
  const { uuid_ossp } = await import("@electric-sql/pglite/contrib/uuid_ossp");
  let instance: ReturnType<typeof PGlite.create> | null = null;
  // Booleans as TRUE/FALSE whatever TypeORM passes (true, "true", 1), as typeorm-pglite did.
  const bool = (v: unknown) => (v === true || v === "true" || v === 1 ? "TRUE" : v === false || v === "false" || v === 0 ? "FALSE" : v);
  return sessionPool({
    open: () => (instance ??= PGlite.create({ dataDir: dir, extensions: { uuid_ossp }, serializers: { [types.BOOL]: bool } as never })),
    close: async () => {
      const db = instance;
      instance = null;
      await (await db)?.close();
    },
    onLongWait: (waitedMs) => logger?.warn({ waitedMs }, "embedded database: a query waited too long for the session and shares it"),
  });
}

/**
 * Applies pending migrations. Deploys may start several processes at once, so runs
 * are serialised with a session-level advisory lock held on a dedicated connection.
 */
export function runMigrations(ds: DataSource, logger?: Logger): Promise<string[]> {
  // Embedded, the lock's runner holds the one session: the migrations share it.
  return exclusiveSession(() => migrateLocked(ds, logger));
}

async function migrateLocked(ds: DataSource, logger?: Logger): Promise<string[]> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    const applied = await ds.runMigrations({ transaction: "each" });
    if (applied.length) logger?.info({ migrations: applied.map((m) => m.name) }, "migrations applied");
    return applied.map((m) => m.name);
  } finally {
    await runner.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}

/**
 * Names of the migrations this code knows and the database has not applied, in
 * order (all of them on an empty database). Cheap: one SELECT, no side effects.
 */
export async function pendingMigrations(ds: DataSource): Promise<string[]> {
  // Checked first, so an empty database is not a failed (and logged) query.
  const [{ present }]: Array<{ present: boolean }> = await ds.query(`SELECT to_regclass('"migrations"') IS NOT NULL AS present`);
  const rows: Array<{ name: string }> = present ? await ds.query(`SELECT name FROM "migrations"`) : [];
  const applied = new Set(rows.map((r) => r.name));
  return ds.migrations.map((m) => m.name ?? m.constructor.name).filter((name) => !applied.has(name));
}

/** A database failure at start as one line an operator can act on (no stack, no SQL, no password). */
export function describeDatabaseError(err: unknown, url: string | undefined): string {
  const e = err as { code?: string; message?: string };
  let where = "embutido (PGlite)";
  let name = "";
  if (url) {
    try {
      const u = new URL(url);
      name = decodeURIComponent(u.pathname.slice(1));
      where = `${u.hostname}:${u.port || 5432}`;
    } catch {
      where = "DATABASE_URL";
    }
  }
  switch (e?.code) {
    case "3D000":
      return `O banco de dados "${name}" não existe em ${where}: crie-o (por exemplo \`createdb ${name}\`) e rode \`npm run migrate\`.`;
    case "ECONNREFUSED":
    case "ENOTFOUND":
    case "EAI_AGAIN":
    case "ETIMEDOUT":
      return `Não foi possível conectar ao PostgreSQL em ${where} (${e.code}): verifique DATABASE_URL e se o servidor está no ar.`;
    case "28P01":
    case "28000":
      return `O PostgreSQL em ${where} recusou o usuário ou a senha de DATABASE_URL.`;
    default:
      return `Falha no banco de dados ${where}: ${String(e?.message ?? err).split("\n")[0]}`;
  }
}

/** SQL the entities need that the migrations do not produce; empty when they agree. */
export async function pendingSchemaChanges(ds: DataSource): Promise<string[]> {
  const sql = await ds.driver.createSchemaBuilder().log();
  return sql.upQueries.map((q) => q.query);
}

function typeOrmLogger(logger: Logger): TypeOrmLogger {
  return {
    logQuery: () => undefined,
    logQueryError: (error, query) => logger.error({ err: String(error), query: query.slice(0, 500) }, "query failed"),
    logQuerySlow: (time, query) => logger.warn({ ms: time, query: query.slice(0, 500) }, "slow query"),
    logSchemaBuild: () => undefined,
    logMigration: (message) => logger.info({ migration: message }, "migration"),
    log: (level, message) => (level === "warn" ? logger.warn(String(message)) : logger.debug(String(message))),
  };
}

/**
 * Rows of a raw `UPDATE … RETURNING` / `DELETE … RETURNING`: TypeORM's postgres
 * driver answers `[rows, affected]` there and plain rows for a SELECT.
 */
export function returnedRows<T>(result: unknown): T[] {
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];
}
