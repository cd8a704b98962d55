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
  | "QUERY_TOO_COSTLY"
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
  /** `scope: "account"` tells a login form the account itself is locked for a while (not the network). */
  rateLimited: (retryAfterSeconds: number, scope?: "account" | "ip") =>
    new DomainError("RATE_LIMITED", `Muitas tentativas. Tente novamente em ${retryAfterSeconds} s.`, {
      retryAfter: retryAfterSeconds,
      retryAfterSeconds,
      ...(scope ? { scope } : {}),
      // Apollo turns this into the HTTP status and header (never shown in extensions).
      http: { status: 429, headers: new Map([["retry-after", String(retryAfterSeconds)]]) },
    }),
  twoFactorRequired: () => new DomainError("TWO_FACTOR_REQUIRED", "Informe o código de verificação em duas etapas."),
  twoFactorSetupRequired: () =>
    new DomainError("FORBIDDEN", "Sua empresa exige a verificação em duas etapas: ative-a (setupTwoFactor, enableTwoFactor) para continuar.", { reason: "TWO_FACTOR_SETUP_REQUIRED" }),
};

/** graphql-js "Did you mean …?" hints name fields and enum values of the schema: never shown. */
const SUGGESTION = / ?Did you mean .+\?$/;
export const stripSuggestions = (message: string) => message.replace(SUGGESTION, "");

/** Client-facing extensions that a validation rule may attach (query cost). */
const PASSTHROUGH_EXTENSIONS = ["maxFields"];

const PASSTHROUGH_CODES = new Set(["RESPONSE_TOO_LARGE", "GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT", "BAD_REQUEST", "PERSISTED_QUERY_NOT_FOUND", "OPERATION_RESOLUTION_FAILURE"]);

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
    const unwrapped = unwrapResolverError(error);
    // Thrown outside a resolver (a plugin hook, a limit), it arrives wrapped without a path.
    const original = unwrapped instanceof GraphQLError && unwrapped.originalError instanceof DomainError ? unwrapped.originalError : unwrapped;
    if (original instanceof DomainError) {
      const { http: _http, ...extensions } = original.extensions;
      return {
        message: original.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { ...extensions, code: original.code },
      };
    }
    const code = formatted.extensions?.code;
    if (!isUnexpectedError(error, code)) {
      const extra = Object.fromEntries(PASSTHROUGH_EXTENSIONS.filter((k) => formatted.extensions?.[k] !== undefined).map((k) => [k, formatted.extensions![k]]));
      return { message: stripSuggestions(formatted.message), locations: formatted.locations, path: formatted.path, extensions: { ...extra, code } };
    }
    return {
      message: MASKED_MESSAGE,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    };
  };
}
