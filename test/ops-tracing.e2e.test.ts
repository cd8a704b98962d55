import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startFakeServer } from "./support/fake-http-server";
import { spawnServer } from "./support/process";
import { createTestDatabase, hasPostgres } from "./support/services";
import { waitFor } from "./support/webhooks";

const run = hasPostgres() ? describe : describe.skip;

interface OtlpSpan { traceId: string; spanId: string; parentSpanId?: string; name: string }

run("OpenTelemetry tracing", () => {
  it("exports spans over OTLP/HTTP, continuing the caller's traceparent through HTTP, GraphQL and PostgreSQL", async () => {
    const spans: OtlpSpan[] = [];
    const collector = await startFakeServer((req, res) => {
      if (req.path === "/v1/traces") {
        const body = req.json() as { resourceSpans: Array<{ resource: { attributes: Array<{ key: string; value: { stringValue?: string } }> }; scopeSpans: Array<{ spans: OtlpSpan[] }> }> };
        for (const rs of body.resourceSpans) {
          expect(rs.resource.attributes).toContainEqual({ key: "service.name", value: { stringValue: "atende-teste" } });
          for (const ss of rs.scopeSpans) spans.push(...ss.spans);
        }
      }
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
    const db = await createTestDatabase();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atende-otel-"));
    const proc = await spawnServer({ DATABASE_URL: db.url, DATA_DIR: dir, MIGRATE_ON_START: "true", REDIS_URL: "", OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_SERVICE_NAME: "atende-teste" });
    try {
      const traceId = crypto.randomBytes(16).toString("hex");
      const parent = crypto.randomBytes(8).toString("hex");
      const res = await fetch(`${proc.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", traceparent: `00-${traceId}-${parent}-01` },
        body: JSON.stringify({ query: `mutation Cadastro { signUp(input: { tenantName: "Loja Traçada", name: "Ana", email: "ana.${parent}@exemplo.com.br", password: "uma-senha-bem-longa-123" }) { accessToken } }` }),
      });
      expect(res.status).toBe(200);
      await fetch(`${proc.url}/healthz`);
      // Stopping flushes the spans still buffered.
      expect(await proc.stop("SIGTERM")).toBe(0);
      await waitFor(async () => spans.some((s) => s.traceId === traceId), 10_000, "spans exported");
      const trace = spans.filter((s) => s.traceId === traceId);
      const server = trace.find((s) => s.parentSpanId === parent);
      expect(server?.name).toMatch(/^POST/);
      expect(trace.some((s) => /^mutation Cadastro|graphql/i.test(s.name))).toBe(true);
      expect(trace.some((s) => /^(pg\.query|INSERT|SELECT|pg)/i.test(s.name))).toBe(true);
      // Probes are not traced.
      expect(spans.some((s) => /healthz/.test(s.name))).toBe(false);
    } finally {
      await proc.stop("SIGKILL");
      await collector.close();
      await db.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it("loads nothing of the OpenTelemetry SDK when OTEL_EXPORTER_OTLP_ENDPOINT is unset", () => {
    // (@opentelemetry/api, the no-op facade, comes with prom-client.)
    const sdk = ["sdk-trace", "instrumentation", "exporter-trace", "otlp-", "resources", "core"].map((p) => path.join("@opentelemetry", p));
    const script = `require("reflect-metadata"); require("./dist/src/app"); require("./dist/src/lifecycle"); const sdk = ${JSON.stringify(sdk)}; console.log(Object.keys(require.cache).filter((k) => sdk.some((p) => k.includes(p))).length)`;
    const r = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe("0");
  }, 120_000);
});
