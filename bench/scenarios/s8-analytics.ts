import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { FACTS } from "../../src/services/analytics/facts";
import { backlogSql, factSql, type MeasureQuery } from "../../src/services/analytics/measures";
import { listPageSql, csvField } from "../../src/services/analytics/export-writer";
import { createDatabase, REDIS_URL, withPg } from "../lib/db";
import { createTenant, gql, startPlatform, type Platform } from "../lib/platform";
import { sleep } from "../lib/procs";
import { interleaved, type Row, type Scenario } from "../lib/scenario";
import { fmt, ratio, summarize } from "../lib/stats";

const DAY = 86_400_000;
const MEASURES = "conversations messagesIn messagesOut tickets autoResolved handedOff botResolutionRate handoffRate waitP50Seconds waitP90Seconds firstResponseP50Seconds resolutionP50Seconds slaCompliance csatAverage nps aiCostBrl aiTokensInput aiTokensOutput";
const ANALYTICS = `query($i: AnalyticsInput!) { analytics(input: $i) { series { bucket measures { ${MEASURES} } } totals { ${MEASURES} } } }`;

/**
 * One tenant with `sessions` conversations (10 messages each), a ticket for every fifth, a handoff
 * for every third, AI calls and surveys, spread over the last 90 days; generate_series, in SQL.
 */
export async function seed(c: pg.Client, tenantId: string, sessions: number, agentId: string | null): Promise<void> {
  const clients = Math.max(1, Math.round(sessions / 5));
  await c.query(`INSERT INTO clients (tenant_id, name, phone, email)
    SELECT $1, 'Cliente ' || g, '+55119' || lpad(g::text, 8, '0'), 'cliente' || g || '@exemplo.com.br' FROM generate_series(1, $2) g`, [tenantId, clients]);
  await c.query(`CREATE TEMP TABLE bench_clients AS SELECT id, row_number() OVER () AS n FROM clients WHERE tenant_id = $1`, [tenantId]);
  await c.query(`INSERT INTO sessions (tenant_id, client_id, channel, status, inbox_key, intent, created_at, updated_at, ended_at, first_response_at, cost_brl, message_count)
    SELECT $1, bc.id, (ARRAY['WHATSAPP','WEB','EMAIL']::channel_type[])[1 + g % 3], 'CLOSED', 's' || g, (ARRAY['boleto','suporte','troca','entrega','outro'])[1 + g % 5],
           t, t, t + interval '20 minutes', t + (g % 120) * interval '1 second', (g % 7) * 0.001, 10
    FROM generate_series(1, $2) g CROSS JOIN LATERAL (SELECT now() - (random() * 90 + 0 * g) * interval '1 day' AS t) x
    JOIN bench_clients bc ON bc.n = 1 + g % $3`, [tenantId, sessions, clients]);
  await c.query(`DROP TABLE bench_clients`);
  await c.query(`INSERT INTO messages (tenant_id, session_id, direction, sender, text, created_at, updated_at)
    SELECT s.tenant_id, s.id, CASE WHEN k % 2 = 0 THEN 'INBOUND'::message_direction ELSE 'OUTBOUND'::message_direction END,
           CASE WHEN k % 2 = 0 THEN 'CLIENT'::message_sender WHEN k = 1 THEN 'AI'::message_sender ELSE 'AGENT'::message_sender END,
           'mensagem', s.created_at + k * interval '30 seconds', s.created_at
    FROM sessions s, generate_series(0, 9) k WHERE s.tenant_id = $1`, [tenantId]);
  await c.query(`INSERT INTO handoffs (tenant_id, session_id, reason, priority, priority_rank, status, agent_id, created_at, updated_at, assigned_at, completed_at, satisfaction,
                                       first_response_due_at, first_response_breached_at)
    SELECT s.tenant_id, s.id, 'bench', 'MEDIUM', 2, 'COMPLETED', $2, s.created_at + interval '2 minutes', s.created_at, s.created_at + interval '2 minutes' + (abs(hashtext(s.id::text)) % 900) * interval '1 second',
           s.created_at + interval '15 minutes', 1 + abs(hashtext(s.id::text)) % 5, s.created_at + interval '12 minutes', CASE WHEN abs(hashtext(s.id::text)) % 10 = 0 THEN s.created_at + interval '12 minutes' END
    FROM sessions s WHERE s.tenant_id = $1 AND abs(hashtext(s.id::text)) % 3 = 0`, [tenantId, agentId]);
  await c.query(`INSERT INTO tickets (tenant_id, client_id, session_id, channel, message, status, priority, intent, triage, created_at, updated_at)
    SELECT s.tenant_id, s.client_id, s.id, s.channel, 'pedido', (ARRAY['OPEN','RESOLVED','CLOSED','ESCALATED']::ticket_status[])[1 + abs(hashtext(s.id::text)) % 4], 'MEDIUM', s.intent,
           '{"intent":"outro","autoResolved":false}'::jsonb, s.created_at + interval '1 minute', s.created_at
    FROM sessions s WHERE s.tenant_id = $1 AND abs(hashtext(s.id::text) / 7) % 5 = 0`, [tenantId]);
  await c.query(`INSERT INTO ai_calls (tenant_id, session_id, provider_kind, model, purpose, input_tokens, output_tokens, cost_brl, outcome, created_at)
    SELECT s.tenant_id, s.id, 'OPENAI', 'gpt-4o-mini', p, 300, 80, 0.0005, 'ok', s.created_at + interval '5 seconds'
    FROM sessions s, unnest(ARRAY['triage','reply']) p WHERE s.tenant_id = $1`, [tenantId]);
  await c.query(`INSERT INTO survey_responses (tenant_id, kind, status, client_id, session_id, channel, score, sent_at, answered_at)
    SELECT s.tenant_id, CASE WHEN abs(hashtext(s.id::text)) % 2 = 0 THEN 'CSAT' ELSE 'NPS' END, 'ANSWERED', s.client_id, s.id, s.channel,
           CASE WHEN abs(hashtext(s.id::text)) % 2 = 0 THEN 1 + abs(hashtext(s.id::text)) % 5 ELSE abs(hashtext(s.id::text)) % 11 END, s.created_at + interval '20 minutes', s.created_at + interval '30 minutes'
    FROM sessions s WHERE s.tenant_id = $1 AND abs(hashtext(s.id::text)) % 10 = 0`, [tenantId]);
}

/** Counts the bytes and lines of a download without keeping it. */
async function drain(url: string): Promise<{ bytes: number; lines: number }> {
  const res = await fetch(url);
  if (res.status !== 200 || !res.body) throw new Error(`download: HTTP ${res.status}`);
  let bytes = 0, lines = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (const b of chunk) if (b === 10) lines++;
  }
  return { bytes, lines };
}

/** The same raw list as the export, through raw pg: the same keyset SQL, written to a file. */
async function rawExport(url: string, tenantId: string, from: Date, to: Date, file: string): Promise<number> {
  return withPg(url, async (c) => {
    const out = fs.createWriteStream(file);
    let after: { t: Date; id: string } | null = null;
    let rows = 0;
    for (;;) {
      const { sql, params, columns } = listPageSql("MESSAGES", { tenantId, from, to, filter: {}, personalData: true }, after);
      const r = await c.query(sql, params);
      for (const row of r.rows) {
        rows++;
        if (!out.write(`${columns.map((k) => csvField(row[k])).join(",")}\r\n`)) await new Promise((res) => out.once("drain", res));
      }
      if (r.rows.length < 2000) break;
      const last = r.rows[r.rows.length - 1];
      after = { t: last.__t, id: last.id };
    }
    await new Promise((res) => out.end(res));
    return rows;
  });
}

/** Node types of a plan, with the relation of each scan: "Index Only Scan messages_tenant_created_cover_idx", "Seq Scan tenants"… */
function planNodes(plan: Record<string, unknown>, out: string[] = []): string[] {
  const type = String(plan["Node Type"]);
  if (/Scan/.test(type)) out.push(`${type} ${plan["Index Name"] ?? plan["Relation Name"] ?? ""}`.trim());
  for (const child of (plan.Plans as Array<Record<string, unknown>> | undefined) ?? []) planNodes(child, out);
  return out;
}

/**
 * S8 (opt-in: `npm run bench -- --only S8`): analytics over 1 M messages, 100 k conversations and
 * 20 k tickets in 90 days of one tenant plus two noisy tenants. The 30-day series by day through
 * GraphQL beside raw pg running the same SQL; a 1 M-row CSV export with the API's RSS sampled
 * throughout beside raw pg writing the same rows; EXPLAIN ANALYZE of every fact query.
 */
export const s8: Scenario = {
  name: "S8 analytics",
  optIn: true,
  async run(opts) {
    const db = await createDatabase();
    let p: Platform | null = null;
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "atende-bench-s8-"));
    const rows: Row[] = [];
    try {
      p = await startPlatform({ databaseUrl: db.url, redisUrl: REDIS_URL, env: { EXPORT_URL_TTL_SECONDS: "3600" } });
      const t = await createTenant(p.origin, 1);
      const noise = [await createTenant(p.origin, 0), await createTenant(p.origin, 0)];
      const sessions = opts.quick ? 2_000 : 100_000;
      opts.log(`S8: seeding ${sessions} conversations (×10 messages) + noise`);
      const seeded = Date.now();
      await withPg(db.url, async (c) => {
        await seed(c, t.tenantId, sessions, t.agentIds[0] ?? null);
        for (const n of noise) await seed(c, n.tenantId, Math.round(sessions / 5), null);
        await c.query("VACUUM ANALYZE");
      });
      const counts = await withPg(db.url, async (c) => (await c.query(
        `SELECT (SELECT count(*) FROM messages WHERE tenant_id = $1)::int AS messages, (SELECT count(*) FROM sessions WHERE tenant_id = $1)::int AS sessions,
                (SELECT count(*) FROM tickets WHERE tenant_id = $1)::int AS tickets, (SELECT count(*) FROM messages)::int AS all_messages`, [t.tenantId])).rows[0]);
      opts.log(`S8: seeded in ${fmt((Date.now() - seeded) / 1000)} s: ${JSON.stringify(counts)}`);

      const to = new Date();
      const from = new Date(to.getTime() - 30 * DAY);
      const input = { from: from.toISOString(), to: to.toISOString(), granularity: "DAY" };
      const q: MeasureQuery = { tenantId: t.tenantId, timezone: "America/Sao_Paulo", from, to, granularity: "DAY", groupBy: [], filter: {} };
      const pool = new pg.Pool({ connectionString: db.url, max: 10 });
      const timed = async (fn: () => Promise<unknown>) => {
        const started = process.hrtime.bigint();
        await fn();
        return Number(process.hrtime.bigint() - started) / 1e6;
      };
      const samples = opts.quick ? 1 : 10;
      const platformMs: number[] = [];
      const rawMs: number[] = [];
      for (let i = 0; i < (opts.quick ? 1 : 2); i++) await gql(p.origin, t.adminToken, ANALYTICS, { i: input }); // warm-up
      const runs = await interleaved({ ...opts, rounds: samples },
        () => timed(() => gql(p!.origin, t.adminToken, ANALYTICS, { i: input })),
        () => timed(() => Promise.all([...FACTS.map((f) => factSql(f, q)), backlogSql(q)].map((s) => pool.query(s.sql, s.params)))));
      platformMs.push(...runs.a);
      rawMs.push(...runs.b);
      const a = summarize(platformMs), b = summarize(rawMs);
      rows.push({ scenario: "S8", metric: `analytics 30 days by day, 18 measures (${counts.messages} msgs in 90 d + noise)`, platform: `p50 ${fmt(a.p50)} ms, max ${fmt(a.max)} ms`, baseline: `raw pg, same SQL: p50 ${fmt(b.p50)} ms`, ratio: ratio(b.p50, a.p50), goal: "p50 < 500 ms" });

      const dashMs: number[] = [];
      const DASHBOARD = `query($p: PeriodInput!) { dashboard(period: $p) { totalSessions totalMessages aiResolutionRate handoffRate avgQueueWaitSeconds totalCostBrl } }`;
      for (let i = 0; i < samples; i++) dashMs.push(await timed(() => gql(p!.origin, t.adminToken, DASHBOARD, { p: { from: input.from, to: input.to } })));
      const dash = summarize(dashMs);
      rows.push({ scenario: "S8", metric: "dashboard(period) 30 days (contract, same aggregates)", platform: `p50 ${fmt(dash.p50)} ms`, baseline: "—", ratio: "—" });

      // EXPLAIN ANALYZE of every fact query on this data.
      const plans: string[] = [];
      await withPg(db.url, async (c) => {
        for (const [name, s] of [...FACTS.map((f) => [f.name, factSql(f, q)] as const), ["backlog", backlogSql(q)] as const]) {
          const r = await c.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${s.sql}`, s.params);
          const plan = r.rows[0]["QUERY PLAN"][0];
          const nodes = [...new Set(planNodes(plan.Plan))];
          plans.push(`${name}: ${fmt(plan["Execution Time"])} ms — ${nodes.join(", ")}`);
        }
      });
      for (const line of plans) opts.log(`S8 plan ${line}`);
      fs.writeFileSync(path.join(os.tmpdir(), "atende-bench-s8-plans.txt"), plans.join("\n") + "\n");
      const seqScans = plans.filter((l) => /Seq Scan (sessions|messages|tickets|handoffs|ai_calls|survey_responses)\b/.test(l));
      rows.push({ scenario: "S8", metric: "EXPLAIN ANALYZE: fact queries scanning a whole table", platform: seqScans.length ? seqScans.map((l) => l.split(":")[0]).join(", ") : "none", baseline: "—", ratio: "—", goal: "none" });

      // A CSV export of every message of the 90 days (≥ 1 M rows), RSS of the API sampled during it.
      const expFrom = new Date(to.getTime() - 91 * DAY).toISOString();
      const rss0 = p.api.rssKb();
      const rss: number[] = [];
      const sampler = setInterval(() => rss.push(p!.api.rssKb()), 250);
      const started = Date.now();
      const e = (await gql(p.origin, t.adminToken, `mutation($i: ExportInput!) { startExport(input: $i) { id } }`, { i: { kind: "MESSAGES", format: "CSV", from: expFrom, to: to.toISOString() } })).startExport;
      let done: { status: string; rows: number; url: string | null; error: string | null } | null = null;
      while (!done) {
        await sleep(500);
        const x = (await gql(p.origin, t.adminToken, `query($id: ID!) { analyticsExport(id: $id) { status rows url error } }`, { id: e.id })).analyticsExport;
        if (x.status === "DONE" || x.status === "FAILED") done = x;
      }
      const exportMs = Date.now() - started;
      clearInterval(sampler);
      if (done.status !== "DONE") throw new Error(`export failed: ${done.error}`);
      const file = await drain(`${p.origin}${done.url}`);
      const rawStarted = Date.now();
      const rawRows = await rawExport(db.url, t.tenantId, new Date(expFrom), to, path.join(tmp, "raw.csv"));
      const rawMsExport = Date.now() - rawStarted;
      const rssSummary = summarize(rss);
      rows.push({
        scenario: "S8", metric: `CSV export of ${done.rows} messages (${fmt(file.bytes / 2 ** 20)} MiB, with client name/phone)`,
        platform: `${fmt(exportMs / 1000)} s, ${fmt(done.rows / (exportMs / 1000), 0)} rows/s`, baseline: `raw pg keyset, same SQL: ${fmt(rawMsExport / 1000)} s (${rawRows} rows)`, ratio: ratio(rawMsExport, exportMs),
      });
      // Flat means the last quarter of the rows needs no more memory than the first.
      const quarters = [0, 1, 2, 3].map((i) => Math.max(...rss.slice(Math.floor((i * rss.length) / 4), Math.max(Math.floor(((i + 1) * rss.length) / 4), Math.floor((i * rss.length) / 4) + 1))));
      rows.push({
        scenario: "S8", metric: `API RSS during the export (${rss.length} samples)`,
        platform: `before ${fmt(rss0 / 1024)} MiB; max by quarter of the run ${quarters.map((q) => fmt(q / 1024, 0)).join(" / ")} MiB (median ${fmt(rssSummary.p50 / 1024, 0)})`,
        baseline: "—", ratio: "—", goal: "flat (no growth with rows)",
      });
      await pool.end();
      return rows;
    } finally {
      await p?.stop().catch(() => undefined);
      await db.drop().catch(() => undefined);
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  },
};
