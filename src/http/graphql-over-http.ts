import type { ApolloServerPlugin } from "@apollo/server";

/**
 * GraphQL over HTTP, status codes for request errors (parse, validation, variable
 * coercion: no `data` in the answer). Apollo answers 400, which the spec wants for
 * `application/graphql-response+json` and for clients that accept anything. A client
 * that asks for `application/json` only (the legacy watershed) expects 200 with the
 * errors in the body, as the spec says it SHOULD get.
 */
export function legacyJsonStatus<C extends object>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart({ request }) {
      const accept = request.http?.headers.get("accept") ?? "";
      const legacyOnly = /(^|,)\s*application\/json\s*(;|,|$)/i.test(accept) && !/application\/graphql-response\+json/i.test(accept);
      if (!legacyOnly) return;
      return {
        async willSendResponse({ response }) {
          if (response.http.status === 400 && response.body.kind === "single" && response.body.singleResult.data === undefined && response.body.singleResult.errors?.length) {
            response.http.status = 200;
          }
        },
      };
    },
  };
}
