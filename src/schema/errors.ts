import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import type { Logger } from "../infra/logger";

export type ErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "BAD_USER_INPUT"
  | "NOT_FOUND"
  | "CONFLICT"
  | "TWO_FACTOR_REQUIRED"
  | "RATE_LIMITED"
  | "INTERNAL_SERVER_ERROR";

/** An expected failure; its message (Portuguese) is shown to the client as is. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const Errors = {
  unauthenticated: (msg = "Autenticação necessária.") => new DomainError("UNAUTHENTICATED", msg),
  forbidden: (msg = "Você não tem permissão para esta operação.") => new DomainError("FORBIDDEN", msg),
  notFound: (what: string) => new DomainError("NOT_FOUND", `${what} não encontrado(a).`),
  badInput: (field: string, msg: string) => new DomainError("BAD_USER_INPUT", msg, { field }),
  conflict: (msg: string, field?: string) => new DomainError("CONFLICT", msg, field ? { field } : {}),
  rateLimited: (retryAfterSeconds: number) =>
    new DomainError("RATE_LIMITED", "Muitas tentativas. Tente novamente mais tarde.", { retryAfterSeconds }),
  twoFactorRequired: () => new DomainError("TWO_FACTOR_REQUIRED", "Informe o código de verificação em duas etapas."),
};

const PASSTHROUGH_CODES = new Set(["GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT", "BAD_REQUEST", "PERSISTED_QUERY_NOT_FOUND", "OPERATION_RESOLUTION_FAILURE"]);

/** Whether an error is masked as INTERNAL_SERVER_ERROR (and so logged, once, by the server's observability). */
export function isUnexpectedError(error: unknown, code: unknown = (error as GraphQLError | undefined)?.extensions?.code): boolean {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError) return false;
  return !(typeof code === "string" && PASSTHROUGH_CODES.has(code) && !(original instanceof Error && !(original instanceof GraphQLError)));
}

export const MASKED_MESSAGE = "Erro interno. Tente novamente; se persistir, informe o código da requisição ao suporte.";

/**
 * The one place where errors become what clients see: domain errors keep their
 * code, message and field; GraphQL's own validation errors pass; everything else
 * is masked (the HTTP and WebSocket layers log it with the request id and add
 * `extensions.requestId`).
 */
export function formatError(_logger?: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof DomainError) {
      return {
        message: original.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { ...original.extensions, code: original.code },
      };
    }
    const code = formatted.extensions?.code;
    if (!isUnexpectedError(error, code)) {
      return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
    }
    return {
      message: MASKED_MESSAGE,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    };
  };
}
