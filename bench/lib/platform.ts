import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { startNode, type Proc } from "./procs";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export async function healthy(origin: string): Promise<boolean> {
  try {
    return (await fetch(`${origin}/readyz`)).ok;
  } catch {
    return false;
  }
}

/** A job worker (`npm run worker`) for a platform started with jobs: "worker". */
export async function startWorker(platformEnv: Record<string, string>, nodeArgs: string[] = []): Promise<Proc> {
  const port = await freePort();
  return startNode("worker", "src/worker.js", { ...platformEnv, WORKER_MODE: "on", WORKER_PORT: String(port), PORT: String(port) }, () => healthy(`http://127.0.0.1:${port}`), 120_000, nodeArgs);
}

export interface PlatformOptions {
  databaseUrl?: string;
  redisUrl?: string;
  /** Process jobs in the API process (embedded default) or leave them to a worker. */
  jobs?: "in-process" | "worker";
  env?: Record<string, string>;
  /** Extra node flags for the API process (e.g. --cpu-prof). */
  nodeArgs?: string[];
}

export interface Platform {
  origin: string;
  api: Proc;
  worker?: Proc;
  env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * The platform as it runs in production: the compiled API (and worker) as separate
 * processes, NODE_ENV=production, pinned to the server core. Limits meant for
 * abuse are raised so that the load generator is not throttled (it is one IP
 * and a handful of users).
 */
export async function startPlatform(opts: PlatformOptions = {}): Promise<Platform> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "atende-bench-"));
  const port = await freePort();
  const env: Record<string, string> = {
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: String(port),
    LOG_LEVEL: "warn",
    DATA_DIR: dataDir,
    JWT_SECRET: crypto.randomBytes(32).toString("hex"),
    ENCRYPTION_KEY: crypto.randomBytes(32).toString("hex"),
    MIGRATIONS_RUN: "true",
    MIGRATE_ON_START: "true",
    ALLOW_PRIVATE_URLS: "true",
    REDIS_PREFIX: `bench${crypto.randomBytes(3).toString("hex")}`,
    // One IP and a handful of users drive thousands of requests and sockets: the abuse limits are lifted.
    RATE_LIMITS: "false",
    WS_MAX_CONNECTIONS_PER_IP: "1000000",
    WS_MAX_CONNECTIONS_PER_USER: "1000000",
    ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}),
    ...(opts.redisUrl ? { REDIS_URL: opts.redisUrl } : {}),
    ...(opts.jobs === "worker" ? { WORKER_MODE: "off" } : {}),
    // Extra settings for every platform process of the run, e.g. limits: BENCH_PLATFORM_ENV='{"X":"1"}'.
    ...(process.env.BENCH_PLATFORM_ENV ? (JSON.parse(process.env.BENCH_PLATFORM_ENV) as Record<string, string>) : {}),
    ...opts.env,
  };
  const origin = `http://127.0.0.1:${port}`;
  const api = await startNode("platform", "src/main.js", env, () => healthy(origin), 180_000, opts.nodeArgs);
  const worker = opts.jobs === "worker" ? await startWorker(env) : undefined;
  return {
    origin,
    api,
    worker,
    env,
    async stop() {
      await worker?.stop();
      await api.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Minimal GraphQL over HTTP for setup. */
export async function gql<T = any>(origin: string, token: string | null, query: string, variables?: Record<string, unknown>): Promise<T> {
  const res = await fetch(`${origin}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown };
  if (body.errors || !body.data) throw new Error(`GraphQL error: ${JSON.stringify(body.errors ?? body).slice(0, 500)}`);
  return body.data;
}

export interface Tenant { tenantId: string; adminToken: string; agentTokens: string[]; agentIds: string[] }

const PASSWORD = "senha-de-benchmark-Atende-2026!";

/** Signs a tenant up and creates `agents` agents (their access tokens are what consoles use). */
export async function createTenant(origin: string, agents: number): Promise<Tenant> {
  const tag = crypto.randomBytes(4).toString("hex");
  const s = await gql(origin, null, `mutation($i: SignUpInput!) { signUp(input: $i) { accessToken user { tenant { id } } } }`, {
    i: { tenantName: `Bench ${tag}`, name: "Bench Admin", email: `admin.${tag}@bench.example.com`, password: PASSWORD },
  });
  let adminToken: string = s.signUp.accessToken;
  if (!adminToken) {
    const l = await gql(origin, null, `mutation($e: String!, $p: String!) { logIn(input: { email: $e, password: $p }) { accessToken } }`, { e: `admin.${tag}@bench.example.com`, p: PASSWORD });
    adminToken = l.logIn.accessToken;
  }
  const agentTokens: string[] = [];
  const agentIds: string[] = [];
  for (let i = 0; i < agents; i++) {
    const email = `agent${i}.${tag}@bench.example.com`;
    const u = await gql(origin, adminToken, `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, { i: { name: `Agente ${i}`, email, password: PASSWORD, role: "AGENT" } });
    const l = await gql(origin, null, `mutation($e: String!, $p: String!) { logIn(input: { email: $e, password: $p }) { accessToken } }`, { e: email, p: PASSWORD });
    agentIds.push(u.createUser.id);
    agentTokens.push(l.logIn.accessToken);
  }
  return { tenantId: s.signUp.user?.tenant?.id ?? "", adminToken, agentTokens, agentIds };
}

/** Runs `fn` over `items` with at most `n` in flight. */
export async function mapLimit<T, R>(items: T[], n: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  }));
  return out;
}
