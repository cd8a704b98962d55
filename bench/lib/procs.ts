import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../../..");

function hasTaskset(): boolean {
  try {
    execFileSync("taskset", ["-V"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
const TASKSET = hasTaskset();
const CPUS = (() => {
  try {
    return os.availableParallelism();
  } catch {
    return 1;
  }
})();

/** The core the servers run on (platform and baselines alike) and the one the load generator keeps. */
export const SERVER_CPU = 0;
export const LOAD_CPU = CPUS > 1 ? 1 : 0;
export const pinned = TASKSET && CPUS > 1;

/** Pins this (load generator) process to its core, when taskset exists. */
export function pinSelf(): void {
  if (!pinned) return;
  try {
    execFileSync("taskset", ["-p", "-c", String(LOAD_CPU), String(process.pid)], { stdio: "ignore" });
  } catch {
    // not fatal: unpinned figures are still side by side
  }
}

export interface Proc {
  name: string;
  child: ChildProcess;
  output(): string;
  rssKb(): number;
  stop(): Promise<void>;
}

/**
 * Starts a compiled script (relative to dist/) on the server core and waits until it
 * is ready: `ready` matches its output, or (a function) answers true when polled.
 */
export async function startNode(name: string, script: string, env: Record<string, string>, ready: RegExp | (() => Promise<boolean>), timeoutMs = 120_000, nodeArgs: string[] = []): Promise<Proc & { match: RegExpExecArray }> {
  const file = path.join(ROOT, "dist", script);
  const args = pinned ? ["-c", String(SERVER_CPU), process.execPath, ...nodeArgs, file] : [...nodeArgs, file];
  const child = spawn(pinned ? "taskset" : process.execPath, args, { env: { ...process.env, ...env }, stdio: ["pipe", "pipe", "pipe"] });
  let out = "";
  const onData = (d: Buffer) => {
    out += d.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in ${timeoutMs} ms:\n${out.slice(-4000)}`)), timeoutMs);
    if (typeof ready === "function") {
      const poll = async () => {
        if (child.exitCode !== null) return;
        if (await ready().catch(() => false)) {
          clearTimeout(timer);
          return resolve(Object.assign([""], { index: 0, input: "" }) as RegExpExecArray);
        }
        setTimeout(poll, 200);
      };
      void poll();
    } else {
      const check = () => {
        const m = ready.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m);
        }
      };
      child.stdout!.on("data", check);
      child.stderr!.on("data", check);
    }
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}):\n${out.slice(-4000)}`));
    });
  });
  // With taskset the child is taskset's exec of node: same pid.
  const pid = child.pid!;
  return {
    name,
    child,
    match,
    output: () => out,
    rssKb: () => {
      try {
        const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
        return m ? Number(m[1]) : NaN;
      } catch {
        return NaN;
      }
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      const t = setTimeout(() => child.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(t);
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
