import type { BenchCase, BenchContext } from "./run";

export async function gql(ctx: BenchContext, query: string, variables?: Record<string, unknown>): Promise<unknown> {
  const res = await fetch(`${ctx.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${ctx.token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body;
}

/** Each area adds its hot paths here. */
export const benches: BenchCase[] = [
  { name: "query me (JWT + 1 row)", run: (ctx) => gql(ctx, "{ me { id tenant { name } } }") },
];
