/**
 * npm run bench: each hot path of the platform beside a raw baseline doing the same
 * work, measured in the same run, rounds interleaved (A B A B … after warm-ups),
 * servers pinned to one core and this load generator to the other (when taskset
 * exists), real PostgreSQL and Redis. Prints one table of ratios (platform ÷ baseline;
 * for latencies and memory, baseline ÷ platform, so 1.0 is always "as fast as raw").
 *
 *   npm run bench                       every scenario
 *   npm run bench -- --only S1,S4       some of them
 *   npm run bench -- --only S8          the analytics scenario (opt-in: seeds 1 M messages)
 *   npm run bench -- --quick            one short round, small sizes (CI smoke: no figure means anything)
 *
 * BENCH_PG_ADMIN_URL (default postgres://root@127.0.0.1:5432/postgres) and BENCH_REDIS_URL
 * (default redis://127.0.0.1:6379) say where the services are; BENCH_PLATFORM_ENV (JSON)
 * adds settings to every platform process.
 */
import os from "node:os";
import { pinSelf, pinned } from "./lib/procs";
import type { BenchOptions, Row, Scenario } from "./lib/scenario";
import { s1 } from "./scenarios/s1-list";
import { s2 } from "./scenarios/s2-fanout";
import { s4 } from "./scenarios/s4-intake";
import { s7 } from "./scenarios/s7-ocr";
import { s8 } from "./scenarios/s8-analytics";

/** Every scenario, in the order they run; an area adds its own here. */
export const SCENARIOS: Scenario[] = [s1, s2, s4, s7, s8];

function table(rows: Row[]): string {
  const head: Row = { scenario: "scenario", metric: "measure", platform: "platform", baseline: "baseline (same run)", ratio: "ratio", goal: "goal" };
  const all = [head, ...rows];
  const cols: Array<keyof Row> = ["scenario", "metric", "platform", "baseline", "ratio", "goal"];
  const width = cols.map((c) => Math.max(...all.map((r) => String(r[c] ?? "").length)));
  const line = (r: Row) => "| " + cols.map((c, i) => String(r[c] ?? "").padEnd(width[i]!)).join(" | ") + " |";
  return [line(head), "|" + width.map((w) => "-".repeat(w + 2)).join("|") + "|", ...rows.map(line)].join("\n");
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes("--quick");
  const onlyArg = args.find((a) => a.startsWith("--only"));
  const only = onlyArg ? (onlyArg.includes("=") ? onlyArg.split("=")[1]! : args[args.indexOf(onlyArg) + 1] ?? "").split(",").map((s) => s.trim().toUpperCase()) : null;
  pinSelf();
  const opts: BenchOptions = {
    quick,
    roundSeconds: quick ? 1 : Number(process.env.BENCH_ROUND_SECONDS ?? 5),
    rounds: quick ? 1 : Number(process.env.BENCH_ROUNDS ?? 3),
    warmupSeconds: quick ? 0 : 3,
    log: (m) => console.error(`[bench] ${m}`),
  };
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB; node ${process.version}; ${pinned ? "servers on core 0, load generator on core 1 (taskset)" : "not pinned"}; ${opts.rounds} rounds × ${opts.roundSeconds} s${quick ? " (quick smoke run: figures mean nothing)" : ""}`);
  const rows: Row[] = [];
  let failed = false;
  for (const s of SCENARIOS) {
    if (only && !only.some((o) => s.name.toUpperCase().startsWith(o) || s.name.toUpperCase().split(" ").includes(o))) continue;
    if (s.optIn && !only) continue;
    try {
      rows.push(...(await s.run(opts)));
    } catch (err) {
      failed = true;
      console.error(`[bench] ${s.name} failed:`, err);
      rows.push({ scenario: s.name.split(" ")[0]!, metric: `${s.name}: FAILED (${String((err as Error).message ?? err).split("\n")[0]!.slice(0, 80)})`, platform: "—", baseline: "—", ratio: "—" });
    }
  }
  console.log(table(rows));
  process.exitCode = failed ? 1 : 0;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
