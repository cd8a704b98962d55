import type { Config } from "./config";
import { ConfigError, loadConfig, loadDotEnv } from "./config";
import { createLogger, type Logger } from "./infra/logger";
import { startTracing, stopTracing } from "./infra/tracing";

/**
 * The life of a server process (`npm start` and `npm run worker`): `.env`, config,
 * optional tracing (loaded before the app so its instrumentations see every
 * module), start, then SIGTERM/SIGINT → graceful stop → last line `stopped` → exit
 * 0. A stop that hangs past SHUTDOWN_TIMEOUT_MS (plus a margin) exits 1; a second
 * signal exits at once.
 */
export async function runServerProcess(role: "api" | "worker"): Promise<void> {
  loadDotEnv();
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  if (role === "worker") {
    if (!config.redis.url) {
      console.error("Configuração inválida:\n  REDIS_URL: o worker separado precisa de Redis (sem Redis, a API processa os jobs no próprio processo)");
      process.exit(1);
    }
    config = { ...config, port: config.ops.workerPort };
  }
  const logger = createLogger(config.logLevel, { pretty: config.env === "development" && process.stdout.isTTY === true }).child({ role });
  process.on("uncaughtException", (err) => fatal(logger, err, "uncaught exception"));
  process.on("unhandledRejection", (err) => fatal(logger, err, "unhandled rejection"));
  if (config.ops.tracing) await startTracing({ ...config.ops.tracing, version: config.ops.version });

  // Required only now, so that tracing's instrumentations are in place before http, pg and graphql load.
  const { createApp, StartupError } = require("./app") as typeof import("./app");
  let app: Awaited<ReturnType<typeof createApp>>;
  try {
    app = await createApp(config, { logger, role, processJobs: role === "worker" ? true : undefined });
    await app.listen();
  } catch (err) {
    if (err instanceof StartupError) logger.fatal(err.message);
    else logger.fatal({ err }, "start failed");
    return exit(1);
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, "second signal: exiting now");
      return exit(1);
    }
    stopping = true;
    logger.info({ signal }, "shutting down");
    const watchdog = setTimeout(() => {
      logger.error({ timeoutMs: config.shutdownTimeoutMs }, "shutdown did not finish in time");
      void exit(1);
    }, config.shutdownTimeoutMs + 5_000);
    watchdog.unref();
    app.stop().then(
      async () => {
        await stopTracing();
        await exit(0);
      },
      async (err: unknown) => {
        logger.error({ err }, "shutdown failed");
        await exit(1);
      },
    );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

function fatal(logger: Logger, err: unknown, msg: string): void {
  logger.fatal({ err }, msg);
  void exit(1);
}

/** Exits once stdout has drained (pino writes asynchronously to a pipe). */
async function exit(code: number): Promise<void> {
  await new Promise<void>((resolve) => (process.stdout.writableNeedDrain ? process.stdout.once("drain", () => resolve()) : resolve()));
  process.exit(code);
}
