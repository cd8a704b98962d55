import "reflect-metadata";
import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import type { DataSource } from "typeorm";
import type { Redis } from "ioredis";
import type { Config } from "./config";
import { redactedConfig } from "./config";
import { createDataSource, describeDatabaseError, pendingMigrations, runMigrations } from "./infra/database";
import { SecretBox } from "./infra/crypto";
import { BullJobQueue, InProcessJobQueue, type JobQueue } from "./infra/jobs";
import { createLogger, type Logger } from "./infra/logger";
import { InProcessPubSub, RedisPubSub, type PubSub } from "./infra/pubsub";
import { createRedis } from "./infra/redis";
import { createStorage } from "./infra/storage";
import { UrlGuard } from "./infra/url-guard";
import { observeCircuitBreakers } from "./infra/providers";
import { healthRouter, type HealthState } from "./http/health";
import { requestContext } from "./http/request-context";
import { httpMetrics, metricsRoute, startMetricsServer } from "./http/metrics";
import { securityHeaders } from "./http/security-headers";
import { consoleRouter } from "./http/console";
import { createGraphqlHttp, type GraphqlHttp } from "./http/graphql-http";
import { createGraphqlWs, type GraphqlWs, type MakeContext } from "./http/graphql-ws";
import { GraphqlLimits } from "./http/limits";
import { clientIpOf, jsonErrors } from "./http/errors";
import { graphqlCors } from "./http/cors";
import { createLoaders } from "./services/loaders";
import { buildAppSchema } from "./resolvers/schema";
import { Services } from "./services";
import { registerHttpRoutes, registerJobs, scheduleJobs } from "./modules";

export interface App {
  config: Config;
  logger: Logger;
  ds: DataSource;
  services: Services;
  jobs: JobQueue;
  httpServer: http.Server;
  /** Base URL once listening, e.g. http://127.0.0.1:4000 */
  url: string;
  listen(): Promise<string>;
  stop(): Promise<void>;
}

export interface AppOptions {
  logger?: Logger;
  /** Process jobs in this process (default: WORKER_MODE, i.e. yes unless WORKER_MODE=off). */
  processJobs?: boolean;
  /** "worker": jobs plus /healthz, /readyz and /metrics only; no GraphQL, no webhooks. */
  role?: "api" | "worker";
}

/** Opens the data source and every adapter, then builds the HTTP + WebSocket server (not yet listening). */
export async function createApp(config: Config, opts: AppOptions = {}): Promise<App> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  const role = opts.role ?? "api";
  logger.info({ version: config.ops.version, config: redactedConfig(config) }, "starting");
  const ds = await openDatabase(config, logger);

  let redis: Redis | undefined;
  let pubsub: PubSub;
  let jobs: JobQueue;
  const redisConnections: Redis[] = [];
  if (config.redis.url) {
    redis = createRedis(config.redis.url, "commands");
    const subscriber = createRedis(config.redis.url, "subscriber");
    redisConnections.push(redis, subscriber);
    pubsub = new RedisPubSub(redis, subscriber, config.redis.prefix, logger);
    jobs = new BullJobQueue({ url: config.redis.url, maxRetriesPerRequest: null } as never, config.redis.prefix, logger, config.jobLockMs, config.ops.jobConcurrency);
  } else {
    pubsub = new InProcessPubSub();
    jobs = new InProcessJobQueue(logger, config.ops.jobConcurrency);
  }

  const box = new SecretBox(config.encryptionKey);
  const urlGuard = new UrlGuard(config.allowPrivateUrls);
  const storage = createStorage(config);
  const services = new Services({ config, logger, ds, pubsub, jobs, redis, box, storage, urlGuard });
  // Embedded: jobs share the core (and PGlite's thread) with intake, which goes first during a burst.
  if (jobs instanceof InProcessJobQueue) jobs.yieldTo = () => services.intake.busy();
  registerJobs(services);
  if (opts.processJobs ?? config.ops.runJobs) {
    await jobs.start();
    await scheduleJobs(services);
  }
  const stopCollectors = [observeCircuitBreakers(services.inboxes.breakers)];

  const state: HealthState = { draining: false };
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback, linklocal, uniquelocal");
  app.use(requestContext(logger));
  app.use(httpMetrics());
  app.use(securityHeaders());
  app.use(healthRouter({ ds, redis, storage, state, version: config.ops.version }));
  app.use(metricsRoute(config));
  const httpServer = http.createServer(app);

  let ws: GraphqlWs | undefined;
  let apollo: GraphqlHttp["apollo"] | undefined;
  if (role === "api") {
    registerHttpRoutes(app, services);
    const schema = await buildAppSchema(services);
    const makeContext: MakeContext = (principal, requestId, ip, justification, origin) => ({
      requestId,
      principal,
      ip,
      justification,
      origin: origin ?? null,
      em: ds.manager,
      loaders: createLoaders(ds.manager, principal?.tenantId ?? null),
      afterCommit: [],
      pubsub,
    });
    const limits = new GraphqlLimits(services);
    ws = createGraphqlWs({ httpServer, schema, services, makeContext, logger, initTimeoutMs: config.wsInitTimeoutMs, limits, clientIp: clientIpOf(app) });
    const gql = await createGraphqlHttp({ config, schema, httpServer, services, makeContext, logger, onDrain: ws.dispose, limits });
    apollo = gql.apollo;
    // A browser opening /graphql outside production is sent to GraphiQL (served from node_modules, no CDN).
    if (config.env !== "production") app.get("/graphql", (req, res, next) => (req.accepts("html") && !req.query.query && !req.header("apollo-require-preflight") ? res.redirect(302, "/graphiql") : next()));
    app.use("/graphql", graphqlCors(), ...gql.handlers);
    app.use(consoleRouter({ graphiql: config.env !== "production" }));
  }
  app.use((_req, res) => {
    res.status(404).json({ error: "not_found" });
  });
  app.use(jsonErrors(logger));
  const metricsServer = await startMetricsServer(config, logger);

  let url = "";
  let stopping: Promise<void> | undefined;
  return {
    config, logger, ds, services, jobs, httpServer,
    get url() { return url; },
    async listen() {
      await new Promise<void>((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(config.port, config.host, () => resolve());
      });
      const addr = httpServer.address() as AddressInfo;
      const host = addr.family === "IPv6" ? `[${addr.address}]` : addr.address;
      url = `http://${host === "0.0.0.0" || host === "[::]" ? "127.0.0.1" : host}:${addr.port}`;
      logger.info({ url: role === "api" ? `${url}/graphql` : url }, "listening");
      return url;
    },
    /**
     * Graceful, bounded by SHUTDOWN_TIMEOUT_MS: readiness fails at once; sockets are
     * told to reconnect elsewhere (1012); in-flight HTTP requests and jobs finish;
     * then Redis, the database and the rest close. Past the bound, connections are
     * cut and the remaining steps run anyway, so the process always ends.
     */
    stop() {
      stopping ??= (async () => {
        state.draining = true;
        logger.info({ timeoutMs: config.shutdownTimeoutMs }, "draining");
        const deadlineAt = Date.now() + config.shutdownTimeoutMs;
        const deadline = setTimeout(() => {
          logger.warn("shutdown timeout: closing remaining connections");
          httpServer.closeAllConnections();
          for (const client of ws?.wsServer.clients ?? []) client.terminate();
        }, config.shutdownTimeoutMs);
        deadline.unref();
        for (const client of ws?.wsServer.clients ?? []) client.close(SHUTDOWN_CLOSE_CODE, SHUTDOWN_CLOSE_REASON);
        if (apollo) await apollo.stop();
        if (httpServer.listening) {
          const closed = new Promise<void>((r) => httpServer.close(() => r()));
          httpServer.closeIdleConnections();
          await closed;
        }
        if (ws) await new Promise<void>((r) => ws.wsServer.close(() => r()));
        if (metricsServer) await new Promise<void>((r) => metricsServer.close(() => r()));
        await jobs.close(Math.max(0, deadlineAt - Date.now()));
        for (const stopCollector of stopCollectors) stopCollector();
        // A job cut at the deadline may still hold a provider request or a query: past the
        // bound, closing stops waiting for them (the process ends right after).
        const settle = (p: Promise<unknown>) => Promise.race([p.catch(() => undefined), new Promise((r) => setTimeout(r, Math.max(1_000, deadlineAt - Date.now())).unref())]);
        await settle(Promise.allSettled([services.shutdown(), pubsub.close(), ...redisConnections.map((c) => c.quit()), urlGuard.close()]));
        await settle(ds.destroy());
        clearTimeout(deadline);
        logger.info("stopped");
      })();
      return stopping;
    },
  };
}

/** graphql-ws clients reconnect on 1012 ("service restart"): to another instance, or to this one once it is back. */
export const SHUTDOWN_CLOSE_CODE = 1012;
export const SHUTDOWN_CLOSE_REASON = "Servidor reiniciando; reconecte.";

/**
 * Opens the database and checks its schema against this code's migrations: applied
 * at start with MIGRATE_ON_START (and in embedded mode), else a database behind the
 * code refuses the start rather than failing every request.
 */
async function openDatabase(config: Config, logger: Logger): Promise<DataSource> {
  let ds: DataSource;
  try {
    ds = await createDataSource(config, logger);
  } catch (err) {
    throw new StartupError(describeDatabaseError(err, config.database.url), { cause: err });
  }
  try {
    if (config.database.runMigrations) await runMigrations(ds, logger);
    else {
      const pending = await pendingMigrations(ds);
      if (pending.length) {
        throw new StartupError(`O banco de dados está atrás do código: ${pending.length} migração(ões) pendente(s) (${pending.join(", ")}). Rode \`npm run migrate\` antes de iniciar (ou defina MIGRATE_ON_START=true).`);
      }
    }
  } catch (err) {
    await ds.destroy().catch(() => undefined);
    throw err;
  }
  return ds;
}

/** A start that cannot proceed, with a message an operator can act on (entry points print it as one line). */
export class StartupError extends Error {}
