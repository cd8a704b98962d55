import type { Request } from "express";
import {
  execute as gqlExecute,
  getOperationAST,
  type ExecutionArgs,
  type ExecutionResult,
  type FormattedExecutionResult,
  type GraphQLError,
  type GraphQLFormattedError,
} from "graphql";
import type { ApolloServerPlugin } from "@apollo/server";
import type { WebSocketServer } from "ws";
import type { RequestContext } from "../context";
import type { Logger } from "../infra/logger";
import { boundedLabel, counter, gauge, histogram, secondsSince } from "../infra/metrics";
import { formatError, isUnexpectedError } from "../schema/errors";
import { sharedSubscribe } from "./shared-events";

/**
 * What the GraphQL layer reports about itself, over HTTP (an Apollo plugin) and
 * over graphql-ws (execute/subscribe/onNext hooks): operation metrics, the
 * operation name on the request's log line, each unexpected error logged once with
 * the request id, and `extensions.requestId` on masked errors.
 */
const operations = histogram("atende_graphql_operation_duration_seconds", "GraphQL operations by name, type (query, mutation, subscription), outcome and transport", ["operation", "type", "outcome", "transport"]);
const errorsTotal = counter("atende_graphql_errors_total", "GraphQL errors sent to clients, by operation and extensions.code", ["operation", "code"]);
const subscriptions = gauge("atende_graphql_subscriptions", "Active GraphQL subscriptions by root field", ["field"]);
const delivered = counter("atende_events_delivered_total", "Subscription events sent to clients, by root field", ["field"]);
const wsConnections = gauge("atende_websocket_connections", "Open graphql-ws connections");
const opName = boundedLabel(200);

/**
 * The express request of a GraphQL context, so its log line can carry the operation
 * name. A symbol property, because Apollo shallow-copies the context per operation.
 */
const REQUEST = Symbol("express request");
export function bindRequest<C extends RequestContext>(ctx: C, req: Request): C {
  return Object.assign(ctx, { [REQUEST]: req });
}
const requestOf = (ctx: RequestContext): Request | undefined => (ctx as { [REQUEST]?: Request })[REQUEST];

declare module "express-serve-static-core" {
  interface Request {
    /** The GraphQL operation, once resolved (logged on the request's line). */
    graphqlOperation?: string;
  }
}

function logUnexpected(logger: Logger, errors: readonly GraphQLError[], ctx: RequestContext | undefined, operation: string): void {
  for (const e of errors) {
    if (isUnexpectedError(e)) logger.error({ err: e.originalError ?? e, requestId: ctx?.requestId, operation, path: e.path }, "unexpected error");
  }
}

function countErrors(operation: string, errors: readonly GraphQLFormattedError[] | undefined, requestId: string | undefined): void {
  for (const e of errors ?? []) {
    const code = typeof e.extensions?.code === "string" ? e.extensions.code : "UNKNOWN";
    errorsTotal.inc({ operation, code });
    // The masked message asks the user to quote this code; it must be in the answer, not only in a header.
    if (code === "INTERNAL_SERVER_ERROR" && requestId && e.extensions) (e.extensions as Record<string, unknown>).requestId = requestId;
  }
}

export function graphqlHttpObservability(logger: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ request, contextValue }) {
      const started = process.hrtime.bigint();
      let operation = opName(request.operationName);
      let type = "unknown";
      return {
        async didResolveOperation({ operation: ast, operationName }) {
          operation = opName(operationName ?? ast?.name?.value);
          type = ast?.operation ?? "unknown";
          const req = requestOf(contextValue);
          if (req) req.graphqlOperation = `${type} ${operation}`;
        },
        async didEncounterErrors({ errors }) {
          logUnexpected(logger, errors, contextValue, operation);
        },
        async willSendResponse({ response }) {
          const errors = response.body.kind === "single" ? response.body.singleResult.errors : response.body.initialResult.errors;
          countErrors(operation, errors, contextValue.requestId);
          operations.observe({ operation, type, outcome: errors?.length ? "error" : "success", transport: "http" }, secondsSince(started));
        },
      };
    },
  };
}

function describe(args: ExecutionArgs): { operation: string; type: string; field: string } {
  const ast = getOperationAST(args.document, args.operationName);
  const selection = ast?.selectionSet.selections[0];
  return {
    operation: opName(args.operationName ?? ast?.name?.value),
    type: ast?.operation ?? "unknown",
    field: selection?.kind === "Field" ? selection.name.value : "unknown",
  };
}

/** Options for graphql-ws's useServer: the same metrics, masking and logging as over HTTP. */
export function graphqlWsObservability(logger: Logger) {
  const format = formatError();
  return {
    execute: async (args: ExecutionArgs) => {
      const started = process.hrtime.bigint();
      const { operation, type } = describe(args);
      const result = await gqlExecute(args);
      operations.observe({ operation, type, outcome: result.errors?.length ? "error" : "success", transport: "ws" }, secondsSince(started));
      return result;
    },
    subscribe: async (args: ExecutionArgs) => {
      const { operation, field } = describe(args);
      // One execution per event and class of identical subscribers (shared-events.ts).
      const result = await sharedSubscribe(args);
      operations.observe({ operation, type: "subscription", outcome: "errors" in result && result.errors?.length ? "error" : "success", transport: "ws" }, 0);
      if (!(Symbol.asyncIterator in result)) return result;
      return countSubscription(result, field);
    },
    onNext: (_ctx: unknown, _id: string, _payload: unknown, args: ExecutionArgs, result: ExecutionResult): FormattedExecutionResult | void => {
      if (!result.errors?.length) return;
      const context = args.contextValue as RequestContext | undefined;
      const { operation } = describe(args);
      logUnexpected(logger, result.errors, context, operation);
      const errors = result.errors.map((e) => format(e.toJSON(), e));
      countErrors(operation, errors, context?.requestId);
      return { ...result, errors };
    },
  };
}

/** Keeps the active-subscriptions gauge right however the stream ends (complete, socket closed, error). */
function countSubscription(source: AsyncGenerator<ExecutionResult> | AsyncIterableIterator<ExecutionResult>, field: string): AsyncGenerator<ExecutionResult> {
  subscriptions.inc({ field });
  let open = true;
  const end = () => {
    if (open) {
      open = false;
      subscriptions.dec({ field });
    }
  };
  const wrapped: AsyncGenerator<ExecutionResult> = {
    async next() {
      try {
        const r = await source.next();
        if (r.done) end();
        else delivered.inc({ field });
        return r;
      } catch (err) {
        end();
        throw err;
      }
    },
    async return(value?: unknown) {
      end();
      return (await source.return?.(value)) ?? { done: true, value: undefined };
    },
    async throw(err?: unknown) {
      end();
      if (source.throw) return source.throw(err);
      throw err;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  } as AsyncGenerator<ExecutionResult>;
  return wrapped;
}

/** Counts open WebSocket connections on the server. */
export function countConnections(wsServer: WebSocketServer): void {
  wsServer.on("connection", (socket) => {
    wsConnections.inc();
    socket.once("close", () => wsConnections.dec());
  });
}
