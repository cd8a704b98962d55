/**
 * npm run bench: latency of the platform's hot paths, printed as ratios against a
 * baseline measured in the same run on the same server (GET /healthz), so figures
 * compare across machines. Uses PostgreSQL when BENCH_DATABASE_URL is set, else PGlite.
 */
import "reflect-metadata";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import { createApp } from "../src/app";
import { loadConfig } from "../src/config";
import { benches } from "./cases";

export interface BenchContext { url: string; token: string; tenantId: string }
export interface BenchCase { name: string; setup?: (ctx: BenchContext) => Promise<void>; run: (ctx: BenchContext, i: number) => Promise<unknown> }

async function measure(fn: (i: number) => Promise<unknown>, iterations: number): Promise<{ median: number; p95: number }> {
  for (let i = 0; i < Math.min(20, iterations); i++) await fn(-1 - i); // warm-up
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = process.hrtime.bigint();
    await fn(i);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, p95: times[Math.floor(times.length * 0.95)]! };
}

async function main(): Promise<void> {
  const iterations = Number(process.env.BENCH_ITERATIONS ?? 200);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "atende-bench-"));
  const config = loadConfig({
    ...process.env, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent", DATA_DIR: dataDir, MIGRATIONS_RUN: "true",
    DATABASE_URL: process.env.BENCH_DATABASE_URL ?? "", REDIS_URL: process.env.BENCH_REDIS_URL ?? "",
  });
  const app = await createApp(config);
  const url = await app.listen();
  try {
    const email = `bench.${crypto.randomBytes(4).toString("hex")}@exemplo.com.br`;
    const res = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `mutation($i: SignUpInput!) { signUp(input: $i) { accessToken user { tenant { id } } } }`, variables: { i: { tenantName: "Bench", name: "Bench", email, password: "senha-de-benchmark-1" } } }),
    });
    const body = (await res.json()) as { data: { signUp: { accessToken: string; user: { tenant: { id: string } } } } };
    const ctx: BenchContext = { url, token: body.data.signUp.accessToken, tenantId: body.data.signUp.user.tenant.id };
    const baseline = await measure(() => fetch(`${url}/healthz`).then((r) => r.arrayBuffer()), iterations);
    console.log(`database: ${config.database.url ? "postgres" : "pglite"}; iterations: ${iterations}`);
    console.log(`baseline GET /healthz: median ${baseline.median.toFixed(2)} ms, p95 ${baseline.p95.toFixed(2)} ms`);
    console.log(["case", "median ms", "p95 ms", "x baseline (median)"].join("\t"));
    for (const c of benches) {
      await c.setup?.(ctx);
      const r = await measure((i) => c.run(ctx, i), iterations);
      console.log([c.name, r.median.toFixed(2), r.p95.toFixed(2), (r.median / baseline.median).toFixed(1)].join("\t"));
    }
  } finally {
    await app.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
