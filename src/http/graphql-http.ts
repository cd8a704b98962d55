import type http from "node:http";
import express from "express";
import type { GraphQLSchema } from "graphql";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { graphqlUploadExpress, processRequest } from "graphql-upload-minimal";
import type { Config } from "../config";
import type { RequestContext } from "../context";
import type { Logger } from "../infra/logger";
import { formatError } from "../schema/errors";
import type { Services } from "../services";
import type { MakeContext } from "./graphql-ws";
import type { GraphqlLimits } from "./limits";
import { queryCostPlugin, responseSizeGuard } from "./query-cost";
import { bindRequest, graphqlHttpObservability } from "./graphql-observability";
import { legacyJsonStatus } from "./graphql-over-http";
import { refreshCookieFor } from "./refresh-cookie";

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

export interface GraphqlHttp {
  apollo: ApolloServer<RequestContext>;
  /** The middleware chain for /graphql (CSRF guard for multipart, uploads, JSON, Apollo). */
  handlers: express.RequestHandler[];
}

/** Apollo Server for HTTP GraphQL at /graphql. `onDrain` runs when Apollo drains (closes the WebSocket server). */
export async function createGraphqlHttp(opts: { config: Config; schema: GraphQLSchema; httpServer: http.Server; services: Services; makeContext: MakeContext; logger: Logger; onDrain: () => Promise<void>; limits: GraphqlLimits }): Promise<GraphqlHttp> {
  const { config, logger, services, makeContext } = opts;
  const armor = new ApolloArmor({
    maxDepth: { n: 12 },
    maxAliases: { n: 30 },
    // The token limit is graphql-js's own (parseOptions below): armor's throws inside
    // parsingDidStart, which turns a syntax error into HTTP 500.
    maxTokens: { enabled: false },
    // Its estimate grows with depth, not list sizes: query-cost.ts multiplies by `first`.
    costLimit: { enabled: false },
    maxDirectives: { n: 30 },
  }).protect();
  const apollo = new ApolloServer<RequestContext>({
    schema: opts.schema,
    introspection: config.env !== "production",
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    formatError: formatError(logger),
    parseOptions: { maxTokens: 3000 },
    // Our process handles SIGTERM/SIGINT (main.ts): Apollo's own handler would exit mid-drain.
    stopOnTerminationSignals: false,
    validationRules: armor.validationRules,
    allowBatchedHttpRequests: false,
    plugins: [
      ...(armor.plugins as ApolloServerPlugin<RequestContext>[]),
      queryCostPlugin<RequestContext>({ maxCost: config.limits.queryMaxCost, unpagedListSize: config.limits.queryUnpagedListSize }),
      responseSizeGuard<RequestContext>(config.limits.responseMaxFields),
      graphqlHttpObservability(logger),
      legacyJsonStatus(),
      ApolloServerPluginDrainHttpServer({ httpServer: opts.httpServer, stopGracePeriodMillis: config.shutdownTimeoutMs }),
      ApolloServerPluginCacheControlDisabled(),
      // No CDN sandbox: GraphiQL is served from node_modules at /graphiql (outside production).
      ApolloServerPluginLandingPageDisabled(),
      { async serverWillStart() { return { drainServer: opts.onDrain }; } },
    ],
  });
  await apollo.start();
  const handlers: express.RequestHandler[] = [
    // Rate limits first: a flood is refused before any body is parsed.
    opts.limits.http(),
    // Multipart uploads (GraphQL multipart request spec). multipart/form-data is a
    // "simple" content type: a browser can send it cross-site, so it is refused here,
    // before any byte is parsed, unless it carries the header Apollo's CSRF
    // prevention asks for (Apollo would refuse it too, after the parsing).
    (req, res, next) => {
      if (!req.is("multipart/form-data") || req.header("apollo-require-preflight") || req.header("x-apollo-operation-name")) return next();
      res.status(400).json({
        errors: [{ message: "This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). Please either specify a 'content-type' header (with a type that is not one of application/x-www-form-urlencoded, multipart/form-data, text/plain) or provide a non-empty value for one of the following headers: x-apollo-operation-name, apollo-require-preflight", extensions: { code: "BAD_REQUEST" } }],
      });
    },
    graphqlUploadExpress({ maxFileSize: config.uploads.maxBytes, maxFiles: 10, processRequest: guardedProcessRequest } as Parameters<typeof graphqlUploadExpress>[0]),
    express.json({ limit: "1mb" }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const principal = req.principal !== undefined ? req.principal : await services.authenticator.fromAuthorization(req.headers.authorization);
        const justification = req.header("x-access-justification")?.slice(0, 500) ?? null;
        const refreshCookie = refreshCookieFor(req, res, config.auth.refreshTokenTtlDays);
        return bindRequest({ ...makeContext(principal, req.id, req.ip ?? null, justification, req.header("origin") ?? null), userAgent: req.header("user-agent")?.slice(0, 500) ?? null, refreshCookie }, req);
      },
    }),
  ];
  return { apollo, handlers };
}
