import type http from "node:http";
import type { GraphQLSchema } from "graphql";
import { WebSocketServer } from "ws";
import { useServer } from "graphql-ws/use/ws";
import type { Principal, RequestContext } from "../context";
import type { Logger } from "../infra/logger";
import { DomainError } from "../schema/errors";
import type { Services } from "../services";

export type MakeContext = (principal: Principal | null, requestId: string, ip: string | null, justification: string | null, origin?: string | null) => RequestContext;

export interface GraphqlWs {
  wsServer: WebSocketServer;
  dispose(): Promise<void>;
}

/** graphql-ws on the same path as HTTP GraphQL: subscriptions (and operations) over one socket per console. */
export function createGraphqlWs(opts: { httpServer: http.Server; schema: GraphQLSchema; services: Services; makeContext: MakeContext; logger: Logger; initTimeoutMs: number }): GraphqlWs {
  const { services, makeContext, logger } = opts;
  const wsServer = new WebSocketServer({ server: opts.httpServer, path: "/graphql" });
  const cleanup = useServer<Record<string, unknown>, { principal?: Principal }>(
    {
      schema: opts.schema,
      connectionInitWaitTimeout: opts.initTimeoutMs,
      // Authenticate once, in connection_init; returning false closes with 4403.
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const auth = params.Authorization ?? params.authorization ?? (typeof params.token === "string" ? `Bearer ${params.token}` : undefined);
        const principal = await services.authenticator.fromAuthorization(auth);
        if (!principal) return false;
        // A web chat visitor's socket must come from one of its chat's sites.
        const origin = (ctx.extra as unknown as { request?: http.IncomingMessage }).request?.headers.origin ?? null;
        if (principal.kind === "visitor" && !(await services.webChat.socketAllowed(principal, origin))) return false;
        ctx.extra.principal = principal;
        return true;
      },
      // Each operation (and so each subscription) gets a fresh context and loaders.
      context: (ctx) => {
        const req = (ctx.extra as unknown as { request?: http.IncomingMessage }).request;
        const origin = req?.headers.origin;
        const justification = ctx.connectionParams?.["x-access-justification"];
        const context = makeContext(ctx.extra.principal ?? null, `ws-${Math.random().toString(36).slice(2, 10)}`, req?.socket.remoteAddress ?? null, typeof justification === "string" ? justification.slice(0, 500) : null, typeof origin === "string" ? origin : null);
        return { ...context, userAgent: req?.headers["user-agent"]?.slice(0, 500) ?? null };
      },
      onError: (_ctx, _id, _payload, errors) => {
        for (const e of errors) if (!(e.originalError instanceof DomainError)) logger.warn({ err: e }, "subscription error");
      },
    },
    wsServer,
  );
  return { wsServer, dispose: () => cleanup.dispose() as Promise<void> };
}
