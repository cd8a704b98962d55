import "reflect-metadata";
import { ConfigError, loadConfig, loadDotEnv } from "./config";
import { createDataSource, describeDatabaseError, runMigrations } from "./infra/database";
import { createLogger } from "./infra/logger";

/** `npm run migrate`: applies pending migrations once per deploy (serialised by an advisory lock). */
async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  const logger = createLogger(config.logLevel, { pretty: config.env === "development" && process.stdout.isTTY === true });
  let ds;
  try {
    ds = await createDataSource(config, logger);
  } catch (err) {
    console.error(describeDatabaseError(err, config.database.url));
    process.exit(1);
  }
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
