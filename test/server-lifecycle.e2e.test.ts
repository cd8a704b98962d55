import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createTestDatabase, hasPostgres } from "./support/services";
import { startTestServer } from "./support/server";
import { spawnServer } from "./support/process";

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
    const proc = await spawnServer({ DATA_DIR: dir, DATABASE_URL: db.url, MIGRATIONS_RUN: "true", REDIS_URL: "" });
    expect((await fetch(`${proc.url}/readyz`)).status).toBe(200);
    expect(await proc.stop("SIGTERM")).toBe(0);
    expect(proc.output()).toMatch(/"msg":"stopped"/);
    fs.rmSync(dir, { recursive: true, force: true });
    await db.drop();
  }, 120_000);
});
