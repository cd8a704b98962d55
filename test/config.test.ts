import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, redactedConfig } from "../src/config";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "atende-cfg-"));

describe("config", () => {
  it("defaults to the embedded mode with keys generated once and kept in DATA_DIR", () => {
    const dir = tmp();
    const a = loadConfig({ DATA_DIR: dir });
    const b = loadConfig({ DATA_DIR: dir });
    expect(a.port).toBe(4000);
    expect(a.database.url).toBeUndefined();
    expect(a.database.runMigrations).toBe(true);
    expect(a.auth.jwtSecret).toBe(b.auth.jwtSecret);
    expect(a.encryptionKey.equals(b.encryptionKey)).toBe(true);
    expect((fs.statSync(path.join(dir, "secrets.json")).mode & 0o777).toString(8)).toBe("600");
  });

  it.each([
    [{ PORT: "abc" }, "PORT"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ REDIS_URL: "nada" }, "REDIS_URL"],
    [{ LOG_LEVEL: "verbose" }, "LOG_LEVEL"],
    [{ ENCRYPTION_KEY: "curta" }, "ENCRYPTION_KEY"],
    [{ JWT_SECRET: "curto" }, "JWT_SECRET"],
    [{ NODE_ENV: "production", ENCRYPTION_KEY: "a".repeat(64) }, "JWT_SECRET"],
    [{ NODE_ENV: "production", JWT_SECRET: "x".repeat(40) }, "ENCRYPTION_KEY"],
    [{ CNPJ_SOURCES: "brasilapi,serasa" }, "CNPJ_SOURCES"],
    [{ CNPJ_SOURCES: "receitaws=ftp://x" }, "CNPJ_SOURCES"],
    [{ CNPJ_CACHE_HOURS: "-1" }, "CNPJ_CACHE_HOURS"],
  ])("rejects %j naming %s", (env, name) => {
    expect(() => loadConfig({ DATA_DIR: tmp(), ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR: tmp(), ...env })).toThrow(name);
  });

  it("reads the ordered CNPJ sources, with base URLs overridable and none to disable", () => {
    expect(loadConfig({ DATA_DIR: tmp() }).cnpj).toEqual({
      sources: [{ name: "brasilapi", baseUrl: "https://brasilapi.com.br/api/cnpj/v1" }, { name: "receitaws", baseUrl: "https://receitaws.com.br/v1/cnpj" }, { name: "cnpja", baseUrl: "https://open.cnpja.com/office" }],
      cacheHours: 168,
      timeoutMs: 5000,
    });
    expect(loadConfig({ DATA_DIR: tmp(), CNPJ_SOURCES: " cnpja=http://cnpj.interno:8080/office/ , BrasilAPI" }).cnpj.sources).toEqual([{ name: "cnpja", baseUrl: "http://cnpj.interno:8080/office" }, { name: "brasilapi", baseUrl: "https://brasilapi.com.br/api/cnpj/v1" }]);
    expect(loadConfig({ DATA_DIR: tmp(), CNPJ_SOURCES: "none" }).cnpj.sources).toEqual([]);
  });

  it("never puts secrets in what is logged", () => {
    const cfg = loadConfig({ DATA_DIR: tmp(), DATABASE_URL: "postgres://u:segredo@db/x", OPENAI_API_KEY: "sk-segredo", JWT_SECRET: "j".repeat(40) });
    expect(JSON.stringify(redactedConfig(cfg))).not.toMatch(/segredo|jjjj/);
  });
});
