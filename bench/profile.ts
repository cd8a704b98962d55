/**
 * CPU profile of one hot path: `npm run bench:profile -- tickets|typename|intake|intake-pg|worker [seconds]`.
 * tickets/typename: starts the platform (PostgreSQL + Redis) with --cpu-prof, seeds it
 * like S1, drives 10 connections for the given seconds. intake: the embedded platform
 * (PGlite, jobs in process) under S4's signed Cloud API webhooks, 20 connections;
 * intake-pg and worker: the same with PostgreSQL + Redis (see profilePg).
 * Stops it and prints the functions with the most self time (the .cpuprofile is kept
 * for Chrome DevTools / speedscope).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { closedLoop } from "./lib/http-load";
import { createDatabase, REDIS_URL, withPg } from "./lib/db";
import { createTenant, startPlatform, startWorker } from "./lib/platform";
import { seed } from "./scenarios/s1-list";
import { cloudInbox, fakeGraph, intakeLoad } from "./scenarios/s4-intake";

const QUERIES: Record<string, string> = {
  tickets: `{ tickets(first: 50) { edges { cursor node { id subject status priority createdAt client { id name } } } pageInfo { hasNextPage endCursor } totalCount } }`,
  typename: "{ __typename }",
};

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }

function topSelf(file: string, n = 40): string {
  const prof = JSON.parse(fs.readFileSync(file, "utf8")) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(prof.nodes.map((x) => [x.id, x]));
  const self = new Map<number, number>();
  prof.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
  const agg = new Map<string, number>();
  let total = 0;
  for (const [id, t] of self) {
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || "(anon)"} ${f.url.replace(/^.*node_modules\//, "nm/").replace(/^file:\/\/.*\/dist\//, "")}:${f.lineNumber + 1}`;
    agg.set(key, (agg.get(key) ?? 0) + t);
    total += t;
  }
  const pkg = new Map<string, number>();
  for (const [k, t] of agg) {
    const m = /nm\/((?:@[^/]+\/)?[^/]+)/.exec(k);
    const g = m ? m[1]! : k.includes("(garbage") ? "(gc)" : k.includes("node:") ? "node internals" : k.includes("(idle)") ? "(idle)" : k.includes("(program)") ? "(program)" : "atende / other";
    pkg.set(g, (pkg.get(g) ?? 0) + t);
  }
  const pct = (t: number) => ((100 * t) / total).toFixed(1).padStart(5) + "%";
  return [
    "by package:",
    ...[...pkg].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([k, t]) => `${pct(t)}  ${k}`),
    "by function (self):",
    ...[...agg].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, t]) => `${pct(t)}  ${k}`),
  ].join("\n");
}

function printProfiles(dir: string): void {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".cpuprofile")).map((f) => path.join(dir, f));
  for (const f of files) console.log(`\n${f}\n${topSelf(f)}`);
}

/** The embedded intake path (S4 embedded): PGlite, jobs in process, 20 connections. */
async function profileIntake(seconds: number, dir: string): Promise<void> {
  const graph = await fakeGraph();
  const p = await startPlatform({ nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${dir}`] });
  try {
    const { path: hook } = await cloudInbox(p, graph.url);
    const opts = { quick: false, roundSeconds: seconds, rounds: 1, warmupSeconds: 0, log: () => undefined };
    const r = await intakeLoad(p.origin, hook, `prof${Date.now()}`, opts)();
    console.log(`intake (embedded): ${r.perSecond.toFixed(0)} accepted/s, p50 ${r.latencyMs.p50.toFixed(1)} ms, p99 ${r.latencyMs.p99.toFixed(1)} ms, errors ${r.errors} ${r.firstError ?? ""}`);
    const warnings = p.api.output().split("\n").filter((l) => /"level":(40|50|60)/.test(l));
    if (warnings.length) console.log(`server warnings (${warnings.length}):\n${warnings.slice(0, 5).join("\n")}`);
  } finally {
    await p.stop();
    await graph.close();
  }
  printProfiles(dir);
}

/**
 * PostgreSQL + Redis: the API taking webhooks alone (`intake-pg`, the API profiled), or
 * the worker processing what was taken (`worker`, the worker profiled while it drains
 * the backlog of `seconds` of intake).
 */
async function profilePg(which: "intake-pg" | "worker", seconds: number, dir: string): Promise<void> {
  const graph = await fakeGraph();
  const db = await createDatabase();
  const prof = ["--cpu-prof", `--cpu-prof-dir=${dir}`];
  const p = await startPlatform({ databaseUrl: db.url, redisUrl: REDIS_URL, jobs: "worker", nodeArgs: which === "intake-pg" ? prof : [] });
  try {
    const { path: hook } = await cloudInbox(p, graph.url);
    await p.worker?.stop();
    const opts = { quick: false, roundSeconds: seconds, rounds: 1, warmupSeconds: 0, log: () => undefined };
    const r = await intakeLoad(p.origin, hook, `prof${Date.now()}`, opts)();
    console.log(`intake (PostgreSQL + Redis): ${r.perSecond.toFixed(0)} accepted/s, p50 ${r.latencyMs.p50.toFixed(1)} ms, p99 ${r.latencyMs.p99.toFixed(1)} ms, errors ${r.errors}`);
    if (which === "worker") {
      const pending = () => withPg(db.url, async (c) => Number((await c.query(`SELECT count(*)::int AS n FROM inbound_events WHERE status = 'PENDING'`)).rows[0].n));
      const total = await pending();
      const started = performance.now();
      const worker = await startWorker(p.env, prof);
      while ((await pending()) > 0) await new Promise((res) => setTimeout(res, 250));
      console.log(`worker: ${total} events in ${((performance.now() - started) / 1000).toFixed(1)} s = ${(total / ((performance.now() - started) / 1000)).toFixed(0)} msg/s (start included)`);
      await worker.stop();
    }
  } finally {
    await p.stop();
    await graph.close();
    await db.drop().catch(() => undefined);
  }
  printProfiles(dir);
}

async function main(): Promise<void> {
  const which = process.argv[2] ?? "tickets";
  const seconds = Number(process.argv[3] ?? 10);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atende-prof-"));
  if (which === "intake") return profileIntake(seconds, dir);
  if (which === "intake-pg" || which === "worker") return profilePg(which, seconds, dir);
  const db = await createDatabase();
  // Seeded by one process, profiled in a second one (same database and keys): the profile holds the load only.
  const seeder = await startPlatform({ databaseUrl: db.url, redisUrl: REDIS_URL });
  const t = await createTenant(seeder.origin, 1);
  await seed(seeder, t.adminToken, { quick: false, roundSeconds: 1, rounds: 1, warmupSeconds: 0, log: () => undefined });
  await seeder.stop();
  const keys = { JWT_SECRET: seeder.env.JWT_SECRET!, ENCRYPTION_KEY: seeder.env.ENCRYPTION_KEY!, REDIS_PREFIX: seeder.env.REDIS_PREFIX! };
  const p = await startPlatform({ databaseUrl: db.url, redisUrl: REDIS_URL, env: keys, nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${dir}`] });
  try {
    const body = JSON.stringify({ query: QUERIES[which] ?? which });
    const headers = { "content-type": "application/json", authorization: `Bearer ${t.adminToken}` };
    const r = await closedLoop(p.origin, () => ({ method: "POST", path: "/graphql", headers, body }), { connections: 10, durationMs: seconds * 1000 });
    console.log(`${which}: ${r.perSecond.toFixed(0)} req/s, p50 ${r.latencyMs.p50.toFixed(1)} ms, errors ${r.errors} ${r.firstError ?? ""}`);
  } finally {
    await p.stop();
    await db.drop().catch(() => undefined);
  }
  printProfiles(dir);
}

main().catch((err) => { console.error(err); process.exit(1); });
