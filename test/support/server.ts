import "reflect-metadata";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import { createApp, type App } from "../../src/app";
import { loadConfig } from "../../src/config";
import { createLogger } from "../../src/infra/logger";
import { GqlClient } from "./gql";
import { createTestDatabase, REDIS_URL } from "./services";

export interface TestServer {
  app: App;
  url: string;
  dataDir: string;
  /** Extra env the server was started with (to start a second process on the same db). */
  env: Record<string, string>;
  client(token?: string): GqlClient;
  close(): Promise<void>;
}

export interface TestServerOptions {
  database?: "postgres" | "pglite";
  redis?: boolean;
  env?: Record<string, string>;
  /** Reuse an existing database (url) instead of creating one. */
  databaseUrl?: string;
  dataDir?: string;
  /** Run jobs in this process (default). false: only enqueue, like WORKER_MODE=off. */
  processJobs?: boolean;
}

/** Boots the real server (createApp + listen on a free port) against a fresh database. */
export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "atende-test-"));
  const db = opts.database === "pglite" || opts.databaseUrl ? null : await createTestDatabase();
  const env: Record<string, string> = {
    NODE_ENV: "test",
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    DATA_DIR: dataDir,
    JWT_SECRET: crypto.randomBytes(32).toString("hex"),
    ENCRYPTION_KEY: crypto.randomBytes(32).toString("hex"),
    MIGRATIONS_RUN: "true",
    // Fakes of remote services listen on 127.0.0.1; the SSRF tests turn this off.
    ALLOW_PRIVATE_URLS: "true",
    // The suite makes many requests from 127.0.0.1 in a short time: request limits off
    // (failed-login limits per account stay on). test/security-*.test.ts turn them on.
    RATE_LIMITS: "false",
    ...(db ? { DATABASE_URL: db.url } : {}),
    ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}),
    ...(opts.redis ? { REDIS_URL, REDIS_PREFIX: `t${crypto.randomBytes(4).toString("hex")}` } : {}),
    ...opts.env,
  };
  const config = loadConfig(env);
  const app = await createApp(config, { logger: createLogger(config.logLevel), processJobs: opts.processJobs ?? true });
  const url = await app.listen();
  return {
    app,
    url,
    dataDir,
    env,
    client: (token?: string) => new GqlClient(url, token),
    async close() {
      await app.stop();
      await db?.drop();
      if (!opts.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
