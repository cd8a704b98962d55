import "reflect-metadata";
import { ApolloServer } from "@apollo/server";
import { buildSchema } from "graphql";
import { afterEach, describe, expect, it } from "vitest";
import { responseSizeGuard } from "../src/http/query-cost";

/**
 * The second line behind the query cost stops a response that resolves too many
 * fields. It must do so without leaving rejected promises behind: graphql-js
 * abandons the pending items of a list when a later non-null item fails
 * synchronously, so a guard that fails every field past the limit turns the
 * abandoned ones into unhandled rejections (they crashed the test run in CI).
 */
const schema = buildSchema(`
  type Child { id: ID! name: String! }
  type Item { id: ID! child: Child! fast: String! }
  type Query { items(n: Int!): [Item!]! }
`);
const rootValue = {
  items: ({ n }: { n: number }) => Array.from({ length: n }, (_, i) => ({
    id: String(i),
    // Like a DataLoader: the child's own fields resolve only once the promise settles.
    child: () => new Promise((resolve) => setTimeout(() => resolve({ id: `c${i}`, name: `Cliente ${i}` }), 5)),
    fast: () => `f${i}`,
  })),
};

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => { unhandled.push(reason); };

afterEach(() => { process.off("unhandledRejection", onUnhandled); });

describe("responseSizeGuard", () => {
  it("answers RESPONSE_TOO_LARGE and leaves no unhandled rejection when a list of async items passes the limit", async () => {
    // Vitest reports unhandled rejections as errors of the run; this listener makes
    // the test itself fail on them too.
    process.on("unhandledRejection", onUnhandled);
    const server = new ApolloServer({ schema, rootValue, plugins: [responseSizeGuard(50)] });
    await server.start();
    try {
      const r = await server.executeOperation({ query: `{ items(n: 200) { id child { id name } fast } }` });
      expect(r.body.kind).toBe("single");
      const result = r.body.kind === "single" ? r.body.singleResult : undefined;
      expect(result?.data).toBeNull();
      expect(result?.errors?.[0]?.extensions).toMatchObject({ code: "RESPONSE_TOO_LARGE", maxFields: 50 });
      // Let the abandoned branches settle.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(unhandled).toEqual([]);
      // Under the limit nothing changes.
      const small = await server.executeOperation({ query: `{ items(n: 5) { id child { id name } fast } }` });
      const ok = small.body.kind === "single" ? small.body.singleResult : undefined;
      expect(ok?.errors).toBeUndefined();
      expect((ok?.data as { items: unknown[] }).items).toHaveLength(5);
    } finally {
      await server.stop();
    }
  });
});
