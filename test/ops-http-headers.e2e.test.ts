import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentSecurityPolicy, embeddableResource, securityHeaders } from "../src/http/security-headers";
import { hasPostgres } from "./support/services";
import { startTestServer, type TestServer } from "./support/server";

const run = hasPostgres() ? describe : describe.skip;
const CONSOLE = "https://console.loja.com.br";

const directives = (csp: string | null) => Object.fromEntries((csp ?? "").split(";").map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));

run("security headers", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it("sends a strict policy fit for the API and for the console served at /", async () => {
    const res = await fetch(`${server.url}/healthz`);
    const csp = directives(res.headers.get("content-security-policy"));
    const host = new URL(server.url).host;
    expect(csp["script-src"]).toEqual(["'self'"]);
    expect(csp["connect-src"]).toEqual(["'self'", `ws://${host}`, `wss://${host}`]);
    expect(csp["img-src"]).toEqual(["'self'", "data:", "blob:"]);
    expect(csp["media-src"]).toEqual(["'self'", "blob:"]);
    expect(csp["font-src"]).toEqual(["'self'"]);
    expect(csp["frame-ancestors"]).toEqual(["'none'"]);
    expect(csp["object-src"]).toEqual(["'none'"]);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("x-powered-by")).toBeNull();
  });

  it("keeps CSRF prevention: a simple cross-site request is refused", async () => {
    const res = await fetch(`${server.url}/graphql`, { method: "POST", headers: { origin: CONSOLE, "content-type": "text/plain" }, body: JSON.stringify({ query: "mutation { logOut }" }) });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/CSRF/);
  });
});

describe("contentSecurityPolicy()", () => {
  it("gives one route its own policy and leaves the others on the default", async () => {
    const app = express();
    app.use(securityHeaders());
    app.get("/graphiql", contentSecurityPolicy({ "script-src": ["'self'", "'sha256-abc='"] }), (_req, res) => void res.send("ok"));
    app.get("/widget.js", embeddableResource, (_req, res) => void res.type("js").send("1"));
    app.get("/", (_req, res) => void res.send("ok"));
    const srv = http.createServer(app).listen(0, "127.0.0.1");
    await new Promise((r) => srv.once("listening", r));
    const base = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
    try {
      const own = await fetch(`${base}/graphiql`);
      expect(directives(own.headers.get("content-security-policy"))["script-src"]).toEqual(["'self'", "'sha256-abc='"]);
      expect(directives(own.headers.get("content-security-policy"))["object-src"]).toEqual(["'none'"]);
      expect(directives((await fetch(`${base}/`)).headers.get("content-security-policy"))["script-src"]).toEqual(["'self'"]);
      expect((await fetch(`${base}/widget.js`)).headers.get("cross-origin-resource-policy")).toBe("cross-origin");
      expect((await fetch(`${base}/`)).headers.get("cross-origin-resource-policy")).toBe("same-origin");
    } finally {
      srv.close();
    }
  });
});
