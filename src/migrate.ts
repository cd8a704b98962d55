import "reflect-metadata";
import { ConfigError, loadConfig } from "./config";
import { createDataSource, runMigrations } from "./infra/database";
import { createLogger } from "./infra/logger";

/** `npm run migrate`: applies pending migrations once per deploy (serialised by an advisory lock). */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const ds = await createDataSource(config, logger);
  try {
    const applied = await runMigrations(ds, logger);
    logger.info({ count: applied.length }, applied.length ? "migrations applied" : "database up to date");
  } finally {
    await ds.destroy();
  }
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
