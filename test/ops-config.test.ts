import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "atende-ops-cfg-"));

describe("operational configuration", () => {
  it("WORKER_MODE accepts on/off and the boolean spellings, and off needs Redis", () => {
    const base = { DATA_DIR: tmp(), REDIS_URL: "redis://127.0.0.1:6379" };
    for (const v of ["off", "false", "0", "no"]) expect(loadConfig({ ...base, WORKER_MODE: v }).ops.runJobs).toBe(false);
    for (const v of ["on", "true", "1", "yes"]) expect(loadConfig({ ...base, WORKER_MODE: v }).ops.runJobs).toBe(true);
    expect(loadConfig(base).ops.runJobs).toBe(true);
    expect(() => loadConfig({ DATA_DIR: base.DATA_DIR, WORKER_MODE: "off" })).toThrow(/WORKER_MODE: off precisa de REDIS_URL/);
    expect(() => loadConfig({ ...base, WORKER_MODE: "talvez" })).toThrow(ConfigError);
    expect(loadConfig({ ...base, WORKER_PORT: "4555" }).ops.workerPort).toBe(4555);
  });

  it("MIGRATE_ON_START (or its older name MIGRATIONS_RUN) decides migrations at start; embedded mode migrates itself", () => {
    const dir = tmp();
    const pg = { DATA_DIR: dir, DATABASE_URL: "postgres://u@h:5432/db" };
    expect(loadConfig({ DATA_DIR: dir }).database.runMigrations).toBe(true);
    expect(loadConfig(pg).database.runMigrations).toBe(false);
    expect(loadConfig({ ...pg, MIGRATE_ON_START: "true" }).database.runMigrations).toBe(true);
    expect(loadConfig({ ...pg, MIGRATIONS_RUN: "true" }).database.runMigrations).toBe(true);
    expect(loadConfig({ ...pg, MIGRATE_ON_START: "false", MIGRATIONS_RUN: "true" }).database.runMigrations).toBe(false);
  });

  it("validates METRICS_TOKEN and the OTLP endpoint, naming the variable", () => {
    const dir = tmp();
    expect(() => loadConfig({ DATA_DIR: dir, METRICS_TOKEN: "curto" })).toThrow(/METRICS_TOKEN/);
    expect(() => loadConfig({ DATA_DIR: dir, OTEL_EXPORTER_OTLP_ENDPOINT: "collector:4318" })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
    expect(loadConfig({ DATA_DIR: dir }).ops.tracing).toBeUndefined();
    expect(loadConfig({ DATA_DIR: dir, OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318/" }).ops.tracing).toEqual({ endpoint: "http://collector:4318", serviceName: "atende" });
  });

  it("every variable the config reads is documented in .env.example", () => {
    const documented = new Set([...fs.readFileSync(".env.example", "utf8").matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    const source = fs.readFileSync("src/config.ts", "utf8") + fs.readFileSync("src/config-ops.ts", "utf8");
    const read = [...source.matchAll(/^\s+([A-Z][A-Z0-9_]+): (?:z\.|boolish|onOff)/gm)].map((m) => m[1]);
    expect(read.length).toBeGreaterThan(30);
    expect(read.filter((v) => !documented.has(v))).toEqual([]);
  });

  it(".env in the working directory is loaded at start, and the real environment wins", () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, ".env"), "PORT=4321\nLOG_LEVEL=debug\n");
    const script = `require(${JSON.stringify(path.resolve("dist/src/config.js"))}).loadDotEnv(); const c = require(${JSON.stringify(path.resolve("dist/src/config.js"))}).loadConfig(); console.log(JSON.stringify({ port: c.port, level: c.logLevel }))`;
    const env = { ...process.env, DATA_DIR: dir, LOG_LEVEL: "warn" } as Record<string, string | undefined>;
    delete env.PORT;
    const r = spawnSync(process.execPath, ["-e", script], { cwd: dir, env, encoding: "utf8" });
    expect(JSON.parse(r.stdout)).toEqual({ port: 4321, level: "warn" });
  });

  it("the Grafana dashboard uses only metrics the code defines", () => {
    const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []));
    const source = walk("src").map((f) => fs.readFileSync(f, "utf8")).join("\n");
    const defined = new Set([...source.matchAll(/(?:counter|gauge|histogram)(?:<[^>]*>)?\("(atende_\w+)"/g)].map((m) => m[1]));
    const dashboard = fs.readFileSync("ops/grafana-dashboard.json", "utf8");
    const used = new Set([...dashboard.matchAll(/atende_\w+/g)].map((m) => m[0].replace(/_(bucket|count|sum)$/, "")));
    expect(used.size).toBeGreaterThan(15);
    expect([...used].filter((m) => !defined.has(m))).toEqual([]);
  });
});
