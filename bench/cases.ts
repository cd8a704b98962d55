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

let webhookUrl = "";

/** Each area adds its hot paths here. */
export const benches: BenchCase[] = [
  { name: "query me (JWT + 1 row)", run: (ctx) => gql(ctx, "{ me { id tenant { name } } }") },
  {
    name: "createClient (validation + 4 queries)",
    run: (ctx, i) => gql(ctx, `mutation($n: String!) { createClient(input: { name: $n }) { id } }`, { n: `Bench ${i} ${Math.random()}` }),
  },
  {
    name: "webhook intake (verify + durable insert + enqueue), answer time",
    setup: async (ctx) => {
      const r = (await gql(ctx, `mutation { createInbox(input: { name: "Bench", provider: EVOLUTION, evolution: { baseUrl: "http://127.0.0.1:9", instance: "bench", apiKey: "k" } }) { inbox { webhookPath } } }`)) as { data: { createInbox: { inbox: { webhookPath: string } } } };
      webhookUrl = `${ctx.url}${r.data.createInbox.inbox.webhookPath}`;
    },
    run: async (_ctx, i) => {
      const body = JSON.stringify({ event: "connection.update", instance: "bench", data: { instance: "bench", state: i % 2 ? "open" : "connecting", n: i } });
      const res = await fetch(webhookUrl, { method: "POST", headers: { "content-type": "application/json" }, body });
      await res.arrayBuffer();
    },
  },
];
