import "reflect-metadata";
import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import type { DataSource } from "typeorm";
import type { Redis } from "ioredis";
import type { Config } from "./config";
import { redactedConfig } from "./config";
import { createDataSource, runMigrations } from "./infra/database";
import { SecretBox } from "./infra/crypto";
import { BullJobQueue, InProcessJobQueue, type JobQueue } from "./infra/jobs";
import { createLogger, type Logger } from "./infra/logger";
import { InProcessPubSub, RedisPubSub, type PubSub } from "./infra/pubsub";
import { createRedis } from "./infra/redis";
import { createStorage } from "./infra/storage";
import { UrlGuard } from "./infra/url-guard";
import { healthRouter, type HealthState } from "./http/health";
import { requestContext } from "./http/request-context";
import { createGraphqlHttp } from "./http/graphql-http";
import { createGraphqlWs, type MakeContext } from "./http/graphql-ws";
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
  /** Process jobs in this process (default: yes, unless WORKER_MODE=off). */
  processJobs?: boolean;
}

/** Opens the data source and every adapter, then builds the HTTP + WebSocket server (not yet listening). */
export async function createApp(config: Config, opts: AppOptions = {}): Promise<App> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  logger.info({ config: redactedConfig(config) }, "starting");
  const ds = await createDataSource(config, logger);
  if (config.database.runMigrations) await runMigrations(ds, logger);

  let redis: Redis | undefined;
  let pubsub: PubSub;
  let jobs: JobQueue;
  const redisConnections: Redis[] = [];
  if (config.redis.url) {
    redis = createRedis(config.redis.url, "commands");
    const subscriber = createRedis(config.redis.url, "subscriber");
    redisConnections.push(redis, subscriber);
    pubsub = new RedisPubSub(redis, subscriber, config.redis.prefix, logger);
    jobs = new BullJobQueue({ url: config.redis.url, maxRetriesPerRequest: null } as never, config.redis.prefix, logger, config.jobLockMs);
  } else {
    pubsub = new InProcessPubSub();
    jobs = new InProcessJobQueue(logger);
  }

  const box = new SecretBox(config.encryptionKey);
  const urlGuard = new UrlGuard(config.allowPrivateUrls);
  const services = new Services({ config, logger, ds, pubsub, jobs, redis, box, storage: createStorage(config), urlGuard });
  registerJobs(services);
  if (opts.processJobs ?? true) {
    await jobs.start();
    await scheduleJobs(services);
  }

  const schema = await buildAppSchema(services);
  const state: HealthState = { draining: false };
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback, linklocal, uniquelocal");
  app.use(requestContext(logger));
  app.use(healthRouter(ds, redis, state));
  registerHttpRoutes(app, services);

  const httpServer = http.createServer(app);
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
  const ws = createGraphqlWs({ httpServer, schema, services, makeContext, logger, initTimeoutMs: config.wsInitTimeoutMs });
  const { wsServer } = ws;
  const gql = await createGraphqlHttp({ config, schema, httpServer, services, makeContext, logger, onDrain: ws.dispose });
  const apollo = gql.apollo;
  app.use("/graphql", graphqlCors(), ...gql.handlers);
  app.use((_req, res) => {
    res.status(404).json({ error: "not_found" });
  });

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
      logger.info({ url: `${url}/graphql` }, "listening");
      return url;
    },
    /** Graceful: readiness fails, HTTP drains, sockets close, jobs finish; bounded by SHUTDOWN_TIMEOUT_MS. */
    stop() {
      stopping ??= (async () => {
        state.draining = true;
        const deadline = setTimeout(() => {
          logger.warn("shutdown timeout: closing remaining connections");
          httpServer.closeAllConnections();
          for (const client of wsServer.clients) client.terminate();
        }, config.shutdownTimeoutMs);
        deadline.unref();
        for (const client of wsServer.clients) client.close(1001, "Servidor reiniciando");
        await apollo.stop();
        if (httpServer.listening) await new Promise<void>((r) => httpServer.close(() => r()));
        await new Promise<void>((r) => wsServer.close(() => r()));
        await jobs.close(config.shutdownTimeoutMs);
        await services.shutdown();
        await pubsub.close();
        await Promise.allSettled(redisConnections.map((c) => c.quit()));
        await urlGuard.close();
        await ds.destroy();
        clearTimeout(deadline);
        logger.info("stopped");
      })();
      return stopping;
    },
  };
}
