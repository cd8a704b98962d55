import "reflect-metadata";
import { createApp } from "./app";
import { ConfigError, loadConfig } from "./config";
import { createLogger } from "./infra/logger";

/**
 * `npm run worker`: processes background jobs (BullMQ on Redis) without serving
 * the API publicly. It listens only for /healthz and /readyz (WORKER_PORT, default 4001)
 * so orchestrators can probe it.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig({ ...process.env, PORT: process.env.WORKER_PORT ?? "4001" });
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  if (!config.redis.url) {
    console.error("Configuração inválida:\n  REDIS_URL: o worker separado precisa de Redis (sem Redis, a API processa os jobs no próprio processo)");
    process.exit(1);
  }
  const logger = createLogger(config.logLevel).child({ role: "worker" });
  const app = await createApp(config, { logger, processJobs: true });
  await app.listen();
  const shutdown = () => app.stop().then(() => process.exit(0), () => process.exit(1));
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}

main().catch((err) => {
  console.error("Falha ao iniciar o worker:", err instanceof Error ? err.message : err);
  process.exit(1);
});
