import type http from "node:http";
import { GraphQLError, getOperationAST, parse, specifiedRules, validate, type ExecutionArgs, type GraphQLSchema } from "graphql";
import { WebSocketServer, type WebSocket } from "ws";
import { useServer } from "graphql-ws/use/ws";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import type { Principal, RequestContext } from "../context";
import type { Logger } from "../infra/logger";
import { DomainError, formatError, stripSuggestions } from "../schema/errors";
import type { Services } from "../services";
import type { GraphqlLimits } from "./limits";
import { assertAffordable } from "./query-cost";
import { CLOSE, SocketRegistry } from "./ws-sockets";
import { countConnections, graphqlWsObservability } from "./graphql-observability";

export type MakeContext = (principal: Principal | null, requestId: string, ip: string | null, justification: string | null, origin?: string | null) => RequestContext;

export interface GraphqlWs {
  wsServer: WebSocketServer;
  dispose(): Promise<void>;
}

type Extra = { socket: WebSocket; request: http.IncomingMessage; ip?: string };

// The same shape limits as HTTP (graphql-http.ts); the token limit is graphql-js's own.
const SHAPE_RULES = new ApolloArmor({ maxDepth: { n: 12 }, maxAliases: { n: 30 }, maxTokens: { enabled: false }, costLimit: { enabled: false }, maxDirectives: { n: 30 } }).protect().validationRules;
const MAX_TOKENS = 3000;

/**
 * graphql-ws on the same path as HTTP GraphQL: subscriptions (and operations) over
 * one socket per console. Every operation is authorised with the credentials as
 * they are now (SocketRegistry), counted against the same rate limits as HTTP, and
 * checked for shape and cost before it runs; frames, sockets per IP and user, and
 * operations per socket are bounded.
 */
export function createGraphqlWs(opts: {
  httpServer: http.Server; schema: GraphQLSchema; services: Services; makeContext: MakeContext; logger: Logger; initTimeoutMs: number;
  limits: GraphqlLimits; clientIp: (req: http.IncomingMessage) => string;
}): GraphqlWs {
  const { services, makeContext, logger, schema } = opts;
  const config = services.infra.config;
  const registry = new SocketRegistry(services, logger);
  const format = formatError(logger);
  const wsServer = new WebSocketServer({
    server: opts.httpServer,
    path: "/graphql",
    maxPayload: config.limits.wsMaxPayloadBytes,
    // Refused before the upgrade: too many sockets (or new sockets per minute) from one IP.
    verifyClient: (info, done) => {
      const ip = opts.clientIp(info.req);
      if (!registry.admits(ip)) return done(false, 429, "Too Many Requests");
      opts.limits.wsConnect.consume(ip).then(
        (r) => (r.ok ? done(true) : done(false, 429, "Too Many Requests", { "Retry-After": String(r.retryAfterSeconds) })),
        () => done(false, 503, "Service Unavailable"),
      );
    },
  });
  wsServer.on("connection", (socket, req) => registry.opened(socket, opts.clientIp(req)));
  countConnections(wsServer);

  const refuse = (message: string, extensions: Record<string, unknown>) => [new GraphQLError(message, { extensions })];

  const cleanup = useServer<Record<string, unknown>, Extra>(
    {
      schema,
      // Metrics and error logging per operation; its onNext masks errors as HTTP does.
      ...graphqlWsObservability(logger),
      connectionInitWaitTimeout: opts.initTimeoutMs,
      // Authenticate in connection_init; returning false closes with 4403.
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const auth = params.Authorization ?? params.authorization ?? (typeof params.token === "string" ? `Bearer ${params.token}` : undefined);
        const check = await services.authenticator.check(auth);
        if (!check.principal) {
          if (check.lapse === "expired") ctx.extra.socket.close(CLOSE.expired.code, CLOSE.expired.reason);
          return false;
        }
        // A web chat visitor's socket must come from one of its chat's sites.
        const origin = ctx.extra.request.headers.origin ?? null;
        if (check.principal.kind === "visitor" && !(await services.webChat.socketAllowed(check.principal, origin))) return false;
        if (!registry.bind(ctx.extra.socket, check.principal)) {
          ctx.extra.socket.close(CLOSE.tooMany.code, CLOSE.tooMany.reason);
          return false;
        }
        return true;
      },
      onSubscribe: async (ctx, id, payload): Promise<ExecutionArgs | readonly GraphQLError[]> => {
        // Counted before anything is awaited: ctx.subscriptions holds this one and every
        // operation still in flight on the socket, so a burst cannot slip past the limit.
        if (Object.keys(ctx.subscriptions).length > config.limits.wsMaxSubscriptionsPerSocket) {
          return refuse(`Operações demais neste socket (máximo ${config.limits.wsMaxSubscriptionsPerSocket}).`, { code: "RATE_LIMITED", reason: "TOO_MANY_SUBSCRIPTIONS" });
        }
        const principal = await registry.authorize(ctx.extra.socket);
        if (!principal) return refuse("Autenticação necessária.", { code: "UNAUTHENTICATED" });
        const ip = opts.clientIp(ctx.extra.request);
        const limited = await opts.limits.operation(principal, ip);
        if (!limited.ok) return refuse(`Muitas requisições. Tente novamente em ${limited.retryAfterSeconds} s.`, { code: "RATE_LIMITED", retryAfter: limited.retryAfterSeconds });
        let document;
        try {
          document = parse(payload.query, { maxTokens: MAX_TOKENS });
        } catch (err) {
          return [err instanceof GraphQLError ? err : new GraphQLError("Consulta inválida.")];
        }
        const errors = validate(schema, document, [...specifiedRules, ...SHAPE_RULES]);
        if (errors.length) return errors;
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return refuse("Operação não encontrada no documento.", { code: "BAD_REQUEST" });
        if (principal.mustEnableTwoFactor && operation.operation === "subscription") return [new GraphQLError("Ative a verificação em duas etapas para continuar.", { extensions: { code: "FORBIDDEN", reason: "TWO_FACTOR_SETUP_REQUIRED" } })];
        try {
          assertAffordable(schema, document, operation, payload.variables ?? undefined, { maxCost: config.limits.queryMaxCost, unpagedListSize: config.limits.queryUnpagedListSize });
        } catch (err) {
          if (err instanceof DomainError) return [new GraphQLError(err.message, { originalError: err })];
          throw err;
        }
        const req = ctx.extra.request;
        const justification = ctx.connectionParams?.["x-access-justification"];
        const origin = req.headers.origin;
        const contextValue = {
          ...makeContext(principal, `ws-${id}-${Math.random().toString(36).slice(2, 8)}`, ip, typeof justification === "string" ? justification.slice(0, 500) : null, typeof origin === "string" ? origin : null),
          userAgent: req.headers["user-agent"]?.slice(0, 500) ?? null,
        };
        return { schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue };
      },
      // Refusals before execution: parse and validation errors, limits, cost.
      onError: (_ctx, _id, _payload, errors) =>
        errors.map((e) =>
          e.originalError instanceof DomainError
            ? format({ message: e.message }, e.originalError)
            : { message: stripSuggestions(e.message), locations: e.locations, extensions: { ...e.extensions, code: e.extensions.code ?? "GRAPHQL_VALIDATION_FAILED" } },
        ),
    },
    wsServer,
  );
  return {
    wsServer,
    dispose: async () => {
      await registry.dispose();
      await (cleanup.dispose() as Promise<void>);
    },
  };
}
