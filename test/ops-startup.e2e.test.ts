import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client as PgClient } from "pg";
import { describe, expect, it } from "vitest";
import { GqlClient } from "./support/gql";
import { spawnServer } from "./support/process";
import { createTestDatabase, hasPostgres, PG_ADMIN_URL } from "./support/services";
import { startTestServer, type TestServer } from "./support/server";
import { createTenant } from "./support/tenant";
import { waitFor } from "./support/webhooks";

const run = hasPostgres() ? describe : describe.skip;

/** Runs a compiled entry point to its end: exit code and output. */
function runToExit(entry: string, env: Record<string, string>, timeoutMs = 120_000): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.resolve(entry)], { env: { ...process.env, NODE_ENV: "test", HOST: "127.0.0.1", PORT: "0", LOG_LEVEL: "info", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${entry} did not exit:\n${out}`));
    }, timeoutMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

const tmpDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "atende-startup-"));

run("start against a database behind the code", () => {
  it("refuses to start on an unmigrated database, in one line naming npm run migrate", async () => {
    const db = await createTestDatabase();
    const dir = tmpDir();
    try {
      const r = await runToExit("dist/src/main.js", { DATABASE_URL: db.url, DATA_DIR: dir, REDIS_URL: "" });
      expect(r.code).toBe(1);
      const fatal = r.out.trim().split("\n").filter((l) => /"level":60/.test(l));
      expect(fatal).toHaveLength(1);
      expect(fatal[0]).toMatch(/migra[çc][ãa]o\(ões\) pendente\(s\).*npm run migrate/);
      expect(r.out).not.toMatch(/"msg":"listening"/);
      expect(r.out).not.toMatch(/relation .* does not exist/);
    } finally {
      await db.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);

  it("applies the migrations with MIGRATE_ON_START=true, serialised when several processes start at once", async () => {
    const db = await createTestDatabase();
    const servers: TestServer[] = [];
    try {
      servers.push(...(await Promise.all([0, 1].map(() => startTestServer({ databaseUrl: db.url, env: { MIGRATE_ON_START: "true", MIGRATIONS_RUN: "" } })))));
      for (const s of servers) {
        const ready = await fetch(`${s.url}/readyz`);
        expect(ready.status).toBe(200);
        expect(await ready.json()).toMatchObject({ checks: { database: "ok", schema: "ok", storage: "ok" } });
      }
      const t = await createTenant(servers[1]!);
      expect(t.admin.id).toBeTruthy();
    } finally {
      for (const s of servers) await s.close();
      await db.drop();
    }
  }, 150_000);

  it("answers /readyz 503 while the schema is behind the code, 200 again once migrated", async () => {
    const server = await startTestServer();
    try {
      const [last] = await server.app.ds.query(`SELECT id, timestamp, name FROM migrations ORDER BY timestamp DESC LIMIT 1`);
      await server.app.ds.query(`DELETE FROM migrations WHERE id = $1`, [last.id]);
      const behind = await fetch(`${server.url}/readyz`);
      expect(behind.status).toBe(503);
      expect(await behind.json()).toMatchObject({ status: "unavailable", checks: { schema: "behind" }, pendingMigrations: [last.name] });
      await server.app.ds.query(`INSERT INTO migrations (id, timestamp, name) VALUES ($1, $2, $3)`, [last.id, last.timestamp, last.name]);
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: "ok", version: JSON.parse(fs.readFileSync("package.json", "utf8")).version });
    } finally {
      await server.close();
    }
  });

  it("npm run migrate on a database that does not exist says so in one line, without a stack", async () => {
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/nao_existe_${crypto.randomBytes(3).toString("hex")}`;
    const r = await runToExit("dist/src/migrate.js", { DATABASE_URL: url.toString() });
    expect(r.code).toBe(1);
    const lines = r.out.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/não existe em 127\.0\.0\.1:5432.*createdb nao_existe_\w+.*npm run migrate/);
    expect(r.out).not.toMatch(/\n\s+at /);
  }, 60_000);
});

run("request logs", () => {
  it("carry the full path and the operation; an unexpected error is logged once with the request id, which the answer carries too", async () => {
    const db = await createTestDatabase();
    const dir = tmpDir();
    const proc = await spawnServer({ NODE_ENV: "production", JWT_SECRET: crypto.randomBytes(32).toString("hex"), ENCRYPTION_KEY: crypto.randomBytes(32).toString("hex"), DATABASE_URL: db.url, DATA_DIR: dir, MIGRATE_ON_START: "true", REDIS_URL: "" });
    try {
      const t = await createTenant({ client: (token?: string) => new GqlClient(proc.url, token) } as unknown as TestServer);
      // Break the database under the running server: the next ticket query fails unexpectedly.
      const pg = new PgClient({ connectionString: db.url });
      await pg.connect();
      await pg.query(`ALTER TABLE tickets RENAME TO tickets_quebrada`);
      await pg.end();
      const r = await t.admin.client.raw(`query ListaDeChamados { tickets(first: 5) { edges { node { id } } } }`);
      const requestId = r.headers.get("x-request-id")!;
      expect(r.errors?.[0]?.extensions).toEqual({ code: "INTERNAL_SERVER_ERROR", requestId });
      expect(JSON.stringify(r)).not.toMatch(/relation|SELECT|quebrada/i);

      await waitFor(async () => proc.output().includes(`"requestId":"${requestId}","method":"POST"`), 10_000, "request logged");
      const lines = proc.output().split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l));
      const unexpected = lines.filter((l) => l.msg === "unexpected error");
      expect(unexpected).toHaveLength(1);
      expect(unexpected[0]).toMatchObject({ requestId, operation: "ListaDeChamados" });
      const request = lines.find((l) => l.msg === "request" && l.requestId === requestId);
      expect(request).toMatchObject({ method: "POST", path: "/graphql", operation: "query ListaDeChamados", status: 200 });
    } finally {
      await proc.stop();
      await db.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);

  const hasScript = spawnSync("script", ["--version"]).status === 0;
  (hasScript ? it : it.skip)("are human-readable on a terminal in development, JSON on a terminal in production", async () => {
    const db = await createTestDatabase();
    const dir = tmpDir();
    // `script` gives the process a terminal; the start is refused (unmigrated database) after a few lines.
    const onTerminal = (nodeEnv: string) =>
      spawnSync("script", ["-qec", `${process.execPath} dist/src/main.js`, "/dev/null"], {
        encoding: "utf8",
        timeout: 120_000,
        env: { ...process.env, NODE_ENV: nodeEnv, DATABASE_URL: db.url, DATA_DIR: dir, REDIS_URL: "", PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", JWT_SECRET: crypto.randomBytes(32).toString("hex"), ENCRYPTION_KEY: crypto.randomBytes(32).toString("hex") },
      }).stdout;
    try {
      const dev = onTerminal("development");
      expect(dev).toMatch(/INFO.*starting/);
      expect(dev).toMatch(/FATAL.*npm run migrate/);
      expect(dev).not.toMatch(/"level":/);
      const prod = onTerminal("production");
      expect(prod).toMatch(/"level":30,.*"msg":"starting"/);
      expect(prod).toMatch(/"level":60,.*npm run migrate/);
    } finally {
      await db.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 250_000);
});
