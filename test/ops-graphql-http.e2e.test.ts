import { serverAudits } from "graphql-http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasPostgres } from "./support/services";
import { startTestServer, type TestServer } from "./support/server";

const run = hasPostgres() ? describe : describe.skip;

run("GraphQL over HTTP (graphql-http audits against the real server)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it("passes every MUST and every SHOULD audit", async () => {
    const results = await Promise.all(serverAudits({ url: `${server.url}/graphql`, fetchFn: fetch }).map((audit) => audit.fn()));
    const failed = results.filter((r) => (r.name.startsWith("MUST") || r.name.startsWith("SHOULD")) && r.status !== "ok").map((r) => `${r.name}: ${"reason" in r ? r.reason : ""}`);
    console.log(`graphql-http audits: ${results.filter((r) => r.name.startsWith("MUST") && r.status === "ok").length}/${results.filter((r) => r.name.startsWith("MUST")).length} MUST, ${results.filter((r) => r.name.startsWith("SHOULD") && r.status === "ok").length}/${results.filter((r) => r.name.startsWith("SHOULD")).length} SHOULD`);
    expect(failed).toEqual([]);
  });

  it("answers a syntax error with HTTP 400, also past the token limit", async () => {
    const post = (query: string) => fetch(`${server.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
    const syntax = await post("{");
    expect(syntax.status).toBe(400);
    expect(((await syntax.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe("GRAPHQL_PARSE_FAILED");
    const huge = await post(`{ ${"__typename ".repeat(4000)} }`);
    expect(huge.status).toBe(400);
    expect(((await huge.json()) as { errors: unknown[] }).errors[0]).toMatchObject({ message: expect.stringMatching(/tokens/), extensions: { code: "GRAPHQL_PARSE_FAILED" } });
  });
});
