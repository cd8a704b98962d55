import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { closedLoop, request, type LoadResult } from "../lib/http-load";
import { createDatabase, REDIS_URL } from "../lib/db";
import { createTenant, gql, mapLimit, startPlatform, type Platform } from "../lib/platform";
import { startNode, type Proc } from "../lib/procs";
import { interleaved, mean, type BenchOptions, type Row, type Scenario } from "../lib/scenario";
import { fmt, ratio, summarize } from "../lib/stats";

const TICKETS_QUERY = `{ tickets(first: 50) { edges { cursor node { id subject status priority createdAt client { id name } } } pageInfo { hasNextPage endCursor } totalCount } }`;

function merge(results: LoadResult[]): { rps: number; p50: number; p99: number; errors: number; firstError?: string } {
  return {
    rps: mean(results.map((r) => r.perSecond)),
    p50: summarize(results.map((r) => r.latencyMs.p50)).p50,
    p99: Math.max(...results.map((r) => r.latencyMs.p99)),
    errors: results.reduce((s, r) => s + r.errors, 0),
    firstError: results.find((r) => r.firstError)?.firstError,
  };
}

export async function seed(p: Platform, token: string, opts: BenchOptions): Promise<void> {
  const clients = await mapLimit(Array.from({ length: opts.quick ? 10 : 120 }, (_, i) => i), 4, async (i) => {
    const r = await gql(p.origin, token, `mutation($i: CreateClientInput!) { createClient(input: $i) { id } }`, { i: { name: `Cliente Bench ${i} ${Math.random().toString(36).slice(2, 6)}` } });
    return r.createClient.id as string;
  });
  await mapLimit(Array.from({ length: opts.quick ? 60 : 400 }, (_, i) => i), 4, (i) =>
    gql(p.origin, token, `mutation($i: CreateTicketInput!) { createTicket(input: $i) { id } }`, {
      i: { clientId: clients[i % clients.length], channel: "WHATSAPP", subject: `Pedido ${i}`, message: `Meu pedido número ${1000 + i} ainda não chegou, podem verificar?` },
    }),
  );
}

/** S1: a nested list query and `{ __typename }`, each beside raw node:http (+ pg) doing the same work. */
export const s1: Scenario = {
  name: "S1 list query",
  async run(opts) {
    const db = await createDatabase();
    const procs: Array<Platform | Proc> = [];
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "atende-bench-s1-"));
    try {
      const p = await startPlatform({ databaseUrl: db.url, redisUrl: REDIS_URL });
      procs.push(p);
      const t = await createTenant(p.origin, 1);
      opts.log("S1: seeding clients and tickets");
      await seed(p, t.adminToken, opts);
      const headers = { "content-type": "application/json", authorization: `Bearer ${t.adminToken}` };
      const ticketsBody = JSON.stringify({ query: TICKETS_QUERY });
      const typenameBody = JSON.stringify({ query: "{ __typename }" });
      const ticketsAnswer = await request(p.origin, { method: "POST", path: "/graphql", headers, body: ticketsBody });
      const typenameAnswer = await request(p.origin, { method: "POST", path: "/graphql", headers, body: typenameBody });
      if (ticketsAnswer.status !== 200 || typenameAnswer.status !== 200) throw new Error(`S1 setup: ${ticketsAnswer.body.slice(0, 300)}`);
      fs.writeFileSync(path.join(tmp, "tickets.json"), ticketsAnswer.body);
      fs.writeFileSync(path.join(tmp, "typename.json"), typenameAnswer.body);

      const tenantId = (await gql(p.origin, t.adminToken, "{ me { tenant { id } } }")).me.tenant.id as string;
      const pg = await startNode("pg-tickets", "bench/baselines/pg-tickets.js", { DATABASE_URL: db.url, TENANT_ID: tenantId }, /ready (\d+)/);
      procs.push(pg);
      const pgOrigin = `http://127.0.0.1:${pg.match[1]}`;
      const same = await request(pgOrigin, { method: "POST", path: "/graphql", body: ticketsBody });
      const equal = isDeepStrictEqual(JSON.parse(same.body), JSON.parse(ticketsAnswer.body));
      if (!equal) opts.log("S1 WARNING: the pg baseline's JSON differs from the platform's answer");
      const bytesT = await startNode("bytes-tickets", "bench/baselines/http-bytes.js", { BODY_FILE: path.join(tmp, "tickets.json") }, /ready (\d+)/);
      const bytesN = await startNode("bytes-typename", "bench/baselines/http-bytes.js", { BODY_FILE: path.join(tmp, "typename.json") }, /ready (\d+)/);
      procs.push(bytesT, bytesN);

      const ms = opts.roundSeconds * 1000;
      const load = (origin: string, body: string, h: Record<string, string>) => () => closedLoop(origin, () => ({ method: "POST", path: "/graphql", headers: h, body }), { connections: 50, durationMs: ms });
      opts.log("S1: tickets list, platform vs node:http + pg");
      const tick = await interleaved(opts, load(p.origin, ticketsBody, headers), load(pgOrigin, ticketsBody, { "content-type": "application/json" }));
      opts.log("S1: tickets list, node:http serving the same bytes");
      const tickBytes = await interleaved(opts, async () => null, load(`http://127.0.0.1:${bytesT.match[1]}`, ticketsBody, { "content-type": "application/json" }));
      opts.log("S1: { __typename }, platform vs node:http serving the same bytes");
      const tn = await interleaved(opts, load(p.origin, typenameBody, headers), load(`http://127.0.0.1:${bytesN.match[1]}`, typenameBody, { "content-type": "application/json" }));

      const a = merge(tick.a), b = merge(tick.b), bb = merge(tickBytes.b as LoadResult[]), na = merge(tn.a), nb = merge(tn.b);
      for (const [label, r] of [["tickets platform", a], ["__typename platform", na]] as const) if (r.errors) opts.log(`S1 ${label}: ${r.errors} errors, first: ${r.firstError}`);
      const line = (r: ReturnType<typeof merge>) => `${fmt(r.rps, 0)} req/s, p50 ${fmt(r.p50)} ms, p99 ${fmt(r.p99)} ms`;
      return [
        { scenario: "S1", metric: `tickets(first: 50) + client, 50 conns (${Buffer.byteLength(ticketsAnswer.body)} B${equal ? ", same JSON" : ", JSON DIFFERS"})`, platform: line(a), baseline: `node:http + pg: ${line(b)}`, ratio: ratio(a.rps, b.rps), goal: "≥ 0.5" },
        { scenario: "S1", metric: "tickets(first: 50), vs the same bytes", platform: line(a), baseline: `node:http bytes: ${line(bb)}`, ratio: ratio(a.rps, bb.rps) },
        { scenario: "S1", metric: "{ __typename } with a user token, 50 conns", platform: line(na), baseline: `node:http bytes: ${line(nb)}`, ratio: ratio(na.rps, nb.rps), goal: "≥ 0.15" },
      ];
    } finally {
      for (const p of procs.reverse()) await p.stop().catch(() => undefined);
      await db.drop().catch(() => undefined);
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  },
};
