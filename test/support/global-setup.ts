import { execFileSync } from "node:child_process";
import net from "node:net";
import path from "node:path";

function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port, timeout: 1000 });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
  });
}

/**
 * Compiles the project once (type errors fail the run; subprocess tests run dist/)
 * and checks the services. With REQUIRE_SERVICES=1 a missing service fails the run
 * instead of letting its tests skip.
 */
export default async function setup(): Promise<void> {
  const root = path.resolve(__dirname, "../..");
  try {
    execFileSync(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", root], { cwd: root, stdio: "pipe" });
  } catch (err) {
    const out = (err as { stdout?: Buffer }).stdout?.toString() ?? String(err);
    throw new Error(`TypeScript build failed:\n${out}`);
  }
  const pg = await reachable(5432);
  const redis = await reachable(6379);
  process.env.TEST_HAS_POSTGRES = pg ? "1" : "0";
  process.env.TEST_HAS_REDIS = redis ? "1" : "0";
  if (process.env.REQUIRE_SERVICES === "1") {
    const missing = [!pg && "PostgreSQL (127.0.0.1:5432)", !redis && "Redis (127.0.0.1:6379)"].filter(Boolean);
    if (missing.length) throw new Error(`REQUIRE_SERVICES=1 but not reachable: ${missing.join(", ")}`);
  }
}
