import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { UrlGuard } from "../../../infra/url-guard";
import { TenantUrlGuards } from "../url-guards";
import { callHttpTool } from "./http-tool";
import { compileToolSchema, ToolSchemaError } from "./json-schema";

let server: Server;
let url = "";
let hits = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    hits++;
    if (req.url === "/redirect") {
      res.writeHead(302, { location: "http://169.254.169.254/" });
      return res.end();
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ ok: true }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const spec = (u: string) => ({ name: "t", url: u, method: "POST", timeoutMs: 2000, maxResponseBytes: 1000, secret: "whsec_dGVzdGU=" });
const payload = { arguments: {}, clientId: "c", sessionId: "s" };

describe("HTTP tools", () => {
  it("refuses a private address at call time (DNS may have changed since the URL was saved)", async () => {
    const before = hits;
    const r = await callHttpTool(new UrlGuard(false), spec(`${url}/x`), payload);
    expect(r.outcome).toBe("refused");
    expect(hits).toBe(before);
  });

  it("does not follow redirects", async () => {
    const r = await callHttpTool(new UrlGuard(true), spec(`${url}/redirect`), payload);
    expect(r).toMatchObject({ outcome: "http_error", status: 302 });
  });

  it("lets only the tenants the operator listed reach private addresses", async () => {
    const base = new UrlGuard(false);
    const guards = new TenantUrlGuards(base, ["tenant-onprem"]);
    expect(guards.for("other")).toBe(base);
    expect((await callHttpTool(guards.for("tenant-onprem"), spec(`${url}/x`), payload)).outcome).toBe("ok");
    expect((await callHttpTool(guards.for("other"), spec(`${url}/x`), payload)).outcome).toBe("refused");
    await guards.close();
  });

  it("accepts object schemas only, well-formed", () => {
    expect(() => compileToolSchema({ type: "object", properties: { n: { type: "integer", minimum: 1 } } })).not.toThrow();
    for (const bad of [null, [], { type: "array" }, { type: "object", properties: { n: { type: 3 } } }, { type: "object", required: "n" }]) {
      expect(() => compileToolSchema(bad)).toThrow(ToolSchemaError);
    }
  });
});
