import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export interface ServerProcess { url: string; child: ChildProcess; output(): string; stop(signal?: NodeJS.Signals): Promise<number | null> }

/** Runs a compiled entry point (dist/, built by the global setup) as a real OS process; ready at its "listening" line (API or worker). */
export async function spawnServer(env: Record<string, string>, entry = "dist/src/main.js", readyPattern = /"url":"(http:\/\/[^"/]+)(?:\/graphql)?"/): Promise<ServerProcess> {
  const child = spawn(process.execPath, [path.resolve(entry)], {
    env: { ...process.env, NODE_ENV: "test", HOST: "127.0.0.1", PORT: "0", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    const check = () => {
      const m = readyPattern.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1] ?? "");
      }
    };
    child.stdout!.on("data", check);
    child.once("exit", () => {
      clearTimeout(timer);
      reject(new Error(`server exited:\n${out}`));
    });
  });
  return {
    url,
    child,
    output: () => out,
    async stop(signal: NodeJS.Signals = "SIGTERM") {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
