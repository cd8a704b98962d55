#!/usr/bin/env node
// Measures how long `npm start` takes to be ready (GET /readyz → 200) on a fresh clone
// of this repository's HEAD, embedded mode, nothing configured:
//   cold: first start after `npm ci` (transpile, console build, new database, migrations)
//   warm: a restart with nothing changed
//
//   node scripts/measure-start.mjs [--link-node-modules] [--runs N]
//
// --link-node-modules skips `npm ci` and links this checkout's node_modules instead
// (same files, much faster to set up). A script, not a test: the numbers depend on
// the machine and its load, which is printed alongside.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const link = args.includes("--link-node-modules");
const runs = Number(args[args.indexOf("--runs") + 1]) || 1;

const freePort = () => new Promise((resolve) => {
  const s = net.createServer().listen(0, "127.0.0.1", () => {
    const { port } = s.address();
    s.close(() => resolve(port));
  });
});

async function timeStart(dir, dataDir) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn("npm", ["start", "--silent"], { cwd: dir, env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, NODE_ENV: "development", DATABASE_URL: "", REDIS_URL: "" }, stdio: ["ignore", "ignore", "pipe"], detached: true });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  let exited = false;
  child.once("exit", () => (exited = true));
  for (;;) {
    if (exited) throw new Error(`npm start exited early:\n${stderr}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuSeconds(child.pid);
  process.kill(-child.pid, "SIGTERM");
  await new Promise((r) => (exited ? r() : child.once("exit", r)));
  return { seconds, cpu };
}

/** CPU time (user + system) used so far by a process group, from /proc (Linux): independent of the machine's load. */
function cpuSeconds(pgid) {
  let ticks = 0;
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
      // After the command: state(0) ppid(1) pgrp(2) … utime(11) stime(12) cutime(13) cstime(14)
      if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    } catch {
      // gone
    }
  }
  return ticks / 100;
}

const results = [];
for (let i = 0; i < runs; i++) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atende-start-"));
  try {
    execFileSync("git", ["clone", "--quiet", "--no-hardlinks", repo, dir]);
    if (link) fs.symlinkSync(path.join(repo, "node_modules"), path.join(dir, "node_modules"));
    else execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--silent"], { cwd: dir, stdio: "inherit" });
    const dataDir = path.join(dir, "data");
    const cold = await timeStart(dir, dataDir);
    const warm = await timeStart(dir, dataDir);
    results.push({ cold, warm });
    console.log(`run ${i + 1}: cold ${cold.seconds.toFixed(1)} s (CPU ${cold.cpu.toFixed(1)} s), warm ${warm.seconds.toFixed(1)} s (CPU ${warm.cpu.toFixed(1)} s); load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} on ${os.cpus().length} cores`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(JSON.stringify({ coldSeconds: median(results.map((r) => r.cold.seconds)), coldCpuSeconds: median(results.map((r) => r.cold.cpu)), warmSeconds: median(results.map((r) => r.warm.seconds)), warmCpuSeconds: median(results.map((r) => r.warm.cpu)), runs }));
