import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createTestDatabase, hasPostgres } from "./support/services";
import { startTestServer } from "./support/server";

const run = hasPostgres() ? describe : describe.skip;

run("server lifecycle", () => {
  it("serves /healthz and /readyz, echoes X-Request-Id, and answers 404 elsewhere", async () => {
    const server = await startTestServer({ redis: true });
    try {
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(200);
      const ready = await fetch(`${server.url}/readyz`, { headers: { "x-request-id": "req-teste-123456" } });
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: "ready", checks: { database: "ok", redis: "ok" } });
      expect(ready.headers.get("x-request-id")).toBe("req-teste-123456");
      expect((await fetch(`${server.url}/nada`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it("refuses a GraphQL mutation without CSRF-safe headers", async () => {
    const server = await startTestServer();
    try {
      const res = await fetch(`${server.url}/graphql?query=${encodeURIComponent("{ me { id } }")}`);
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/CSRF|preflight/i);
    } finally {
      await server.close();
    }
  });

  it("shuts down gracefully on SIGTERM: drains and exits 0", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atende-sigterm-"));
    const db = await createTestDatabase();
    const child = spawn(process.execPath, ["dist/src/main.js"], {
      env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATA_DIR: dir, LOG_LEVEL: "info", DATABASE_URL: db.url, MIGRATIONS_RUN: "true", REDIS_URL: "", NODE_ENV: "test" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listen line:\n${out}`)), 60_000);
      child.stdout.on("data", () => {
        const m = /"url":"(http:\/\/[^"]+)\/graphql"/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
    });
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(out).toMatch(/"msg":"stopped"/);
    fs.rmSync(dir, { recursive: true, force: true });
    await db.drop();
  });
});
