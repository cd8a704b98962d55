import "reflect-metadata";
import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { graphqlUploadExpress, processRequest } from "graphql-upload-minimal";
import { WebSocketServer } from "ws";
import { useServer } from "graphql-ws/use/ws";
import type { DataSource } from "typeorm";
import type { Redis } from "ioredis";
import type { Config } from "./config";
import { redactedConfig } from "./config";
import type { Principal, RequestContext } from "./context";
import { createDataSource, runMigrations } from "./infra/database";
import { SecretBox } from "./infra/crypto";
import { BullJobQueue, InProcessJobQueue, type JobQueue } from "./infra/jobs";
import { createLogger, type Logger } from "./infra/logger";
import { InProcessPubSub, RedisPubSub, type PubSub } from "./infra/pubsub";
import { createRedis } from "./infra/redis";
import { createStorage } from "./infra/storage";
import { healthRouter, type HealthState } from "./http/health";
import { requestContext } from "./http/request-context";
import { createLoaders } from "./resolvers/loaders";
import { DomainError, formatError } from "./schema/errors";
import { buildAppSchema } from "./schema/build";
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

/**
 * graphql-upload-minimal listens for the multipart parser's first error only
 * (`once`), and destroying the parser after a malformed part emits a second one
 * ("Unexpected end of form"): with no listener left, that would crash the process.
 * A permanent no-op listener on the parser keeps a malformed request a 400.
 */
const guardedProcessRequest: typeof processRequest = (req, res, options) => {
  const pipe = req.pipe.bind(req);
  req.pipe = ((dest: NodeJS.WritableStream, opts?: { end?: boolean }) => {
    dest.on("error", () => undefined);
    return pipe(dest, opts);
  }) as typeof req.pipe;
  return processRequest(req, res, options);
};

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
  const services = new Services({ config, logger, ds, pubsub, jobs, redis, box, storage: createStorage(config) });
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
  const wsServer = new WebSocketServer({ server: httpServer, path: "/graphql" });

  const makeContext = (principal: Principal | null, requestId: string, ip: string | null, justification: string | null): RequestContext => ({
    requestId,
    principal,
    ip,
    justification,
    em: ds.manager,
    loaders: createLoaders(ds.manager, principal?.tenantId ?? null),
    afterCommit: [],
    pubsub,
  });

  const wsCleanup = useServer<Record<string, unknown>, { principal?: Principal }>(
    {
      schema,
      connectionInitWaitTimeout: config.wsInitTimeoutMs,
      // Authenticate once, in connection_init; returning false closes with 4403.
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const auth = params.Authorization ?? params.authorization ?? (typeof params.token === "string" ? `Bearer ${params.token}` : undefined);
        const principal = await services.authenticator.fromAuthorization(auth);
        if (!principal) return false;
        ctx.extra.principal = principal;
        return true;
      },
      // Each operation (and so each subscription) gets a fresh context and loaders.
      context: (ctx) => {
        const req = (ctx.extra as unknown as { request?: http.IncomingMessage }).request;
        return makeContext(ctx.extra.principal ?? null, `ws-${Math.random().toString(36).slice(2, 10)}`, req?.socket.remoteAddress ?? null, null);
      },
      onError: (_ctx, _id, _payload, errors) => {
        for (const e of errors) if (!(e.originalError instanceof DomainError)) logger.warn({ err: e }, "subscription error");
      },
    },
    wsServer,
  );

  const armor = new ApolloArmor({
    maxDepth: { n: 12 },
    maxAliases: { n: 30 },
    maxTokens: { n: 3000 },
    // Its estimate grows with depth, not list sizes: real bounds are the 100-item page
    // cap and the depth/alias/token limits.
    costLimit: { enabled: false },
    maxDirectives: { n: 30 },
  }).protect();
  const errorLogger: ApolloServerPlugin<RequestContext> = {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const e of errors) {
            if (e.originalError && !(e.originalError instanceof DomainError) && e.originalError.constructor.name !== "GraphQLError") {
              logger.error({ err: e.originalError, requestId: contextValue.requestId, path: e.path }, "unexpected error");
            }
          }
        },
      };
    },
  };
  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: config.env !== "production",
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    formatError: formatError(logger),
    validationRules: armor.validationRules,
    allowBatchedHttpRequests: false,
    plugins: [
      ...(armor.plugins as ApolloServerPlugin<RequestContext>[]),
      errorLogger,
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginCacheControlDisabled(),
      ...(config.env === "production" ? [ApolloServerPluginLandingPageDisabled()] : []),
      { async serverWillStart() { return { async drainServer() { await wsCleanup.dispose(); } }; } },
    ],
  });
  await apollo.start();
  app.use(
    "/graphql",
    // Multipart uploads (GraphQL multipart request spec). multipart/form-data is a
    // "simple" content type: a browser can send it cross-site, so it is refused here,
    // before any byte is parsed, unless it carries the header Apollo's CSRF
    // prevention asks for (Apollo would refuse it too, after the parsing).
    (req: express.Request, res: express.Response, next: express.NextFunction) => {
      if (!req.is("multipart/form-data") || req.header("apollo-require-preflight") || req.header("x-apollo-operation-name")) return next();
      res.status(400).json({
        errors: [{ message: "This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). Please either specify a 'content-type' header (with a type that is not one of application/x-www-form-urlencoded, multipart/form-data, text/plain) or provide a non-empty value for one of the following headers: x-apollo-operation-name, apollo-require-preflight", extensions: { code: "BAD_REQUEST" } }],
      });
    },
    graphqlUploadExpress({ maxFileSize: config.uploads.maxBytes, maxFiles: 1, processRequest: guardedProcessRequest } as Parameters<typeof graphqlUploadExpress>[0]),
    express.json({ limit: "1mb" }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const principal = await services.authenticator.fromAuthorization(req.headers.authorization);
        const justification = req.header("x-access-justification")?.slice(0, 500) ?? null;
        return makeContext(principal, req.id, req.ip ?? null, justification);
      },
    }),
  );
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
        await ds.destroy();
        clearTimeout(deadline);
        logger.info("stopped");
      })();
      return stopping;
    },
  };
}
