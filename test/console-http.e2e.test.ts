import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureConsoleBuilt } from "./support/console";
import { openSession, say } from "./support/conversation";
import { hasPostgres } from "./support/services";
import { startTestServer, type TestServer } from "./support/server";
import { createTenant, PASSWORD, type TestTenant } from "./support/tenant";

const run = hasPostgres() ? describe : describe.skip;

const LOGIN = `mutation($e: String!, $p: String!) { logIn(input: { email: $e, password: $p }) { accessToken refreshToken user { id } } }`;
const REFRESH = `mutation { refreshToken(refreshToken: "") { accessToken refreshToken } }`;
const LOGOUT = `mutation { logOut(refreshToken: "") }`;

async function gql(url: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query, variables }) });
  return { res, body: (await res.json()) as { data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }> } };
}

const cookieOf = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith("atende_refresh="));
const valueOf = (setCookie: string) => setCookie.split(";")[0]!;

/** Issue 12: the console is served at / by the API; its refresh token lives in an HttpOnly cookie. */
run("console: pages, GraphiQL and the cookie session", () => {
  let server: TestServer;
  let t: TestTenant;
  beforeAll(async () => {
    ensureConsoleBuilt();
    server = await startTestServer();
    t = await createTenant(server);
  });
  afterAll(async () => {
    await server?.close();
  });

  it("serves the console at / and its client routes (history fallback) under a CSP without inline scripts; API routes are unchanged", async () => {
    for (const path of ["/", "/fila", "/conversas/4b7f3c9e-0000-4000-8000-000000000000", "/administracao/usuarios", "/cadastro"]) {
      const res = await fetch(`${server.url}${path}`, { headers: { accept: "text/html" } });
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      const html = await res.text();
      expect(html).toContain('<div id="root"></div>');
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      const csp = res.headers.get("content-security-policy")!;
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).not.toMatch(/https?:\/\//);
    }
    const html = await (await fetch(server.url, { headers: { accept: "text/html" } })).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const asset = await fetch(`${server.url}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get("cache-control")).toContain("immutable");
    expect((await fetch(`${server.url}/assets/nao-existe.js`)).status).toBe(404);

    expect((await fetch(`${server.url}/healthz`)).headers.get("content-type")).toMatch(/json/);
    const hook = await fetch(`${server.url}/webhooks/evolution/nao-existe`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(hook.headers.get("content-type")).not.toMatch(/html/);
    expect((await fetch(`${server.url}/nada`, { headers: { accept: "application/json" } })).status).toBe(404);
  });

  it("sends a browser opening /graphql to GraphiQL, bundled from node_modules (no CDN)", async () => {
    const landing = await fetch(`${server.url}/graphql`, { headers: { accept: "text/html" }, redirect: "manual" });
    expect(landing.status).toBe(302);
    expect(landing.headers.get("location")).toBe("/graphiql");
    const page = await fetch(`${server.url}/graphiql`, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('id="graphiql"');
    expect(html).not.toMatch(/cdn|unpkg|jsdelivr|googleapis/i);
    expect(page.headers.get("content-security-policy")).toMatch(/script-src 'self'(;|$)/);
    // GraphQL itself is unchanged.
    expect((await gql(server.url, "{ __typename }")).body.data).toEqual({ __typename: "Query" });
  });

  it("cookie mode: logIn sets an HttpOnly; Secure; SameSite=Strict cookie on /graphql, refresh rotates it, a replayed one fails, logOut clears it", async () => {
    const mode = { "x-atende-session": "cookie" };
    const login = await gql(server.url, LOGIN, { e: t.agent.email, p: PASSWORD }, mode);
    expect(login.body.data.logIn.refreshToken).toBe("");
    expect(login.body.data.logIn.accessToken).toBeTruthy();
    const first = cookieOf(login.res)!;
    expect(first).toMatch(/; HttpOnly/);
    expect(first).toMatch(/; Secure/);
    expect(first).toMatch(/; SameSite=Strict/);
    expect(first).toMatch(/; Path=\/graphql/);
    expect(first).toMatch(/; Max-Age=\d+/);

    const rotated = await gql(server.url, REFRESH, {}, { ...mode, cookie: valueOf(first) });
    expect(rotated.body.data.refreshToken.refreshToken).toBe("");
    const second = cookieOf(rotated.res)!;
    expect(valueOf(second)).not.toBe(valueOf(first));

    // The old cookie again: reuse is refused (and revokes the family); the cookie is cleared.
    const replay = await gql(server.url, REFRESH, {}, { ...mode, cookie: valueOf(first) });
    expect(replay.body.errors![0]!.extensions!.code).toBe("UNAUTHENTICATED");
    expect(cookieOf(replay.res)).toMatch(/atende_refresh=;/);

    const again = await gql(server.url, LOGIN, { e: t.agent.email, p: PASSWORD }, mode);
    const cookie = valueOf(cookieOf(again.res)!);
    const out = await gql(server.url, LOGOUT, {}, { ...mode, cookie });
    expect(out.body.data.logOut).toBe(true);
    expect(cookieOf(out.res)).toMatch(/atende_refresh=;/);
    expect((await gql(server.url, REFRESH, {}, { ...mode, cookie })).body.errors![0]!.extensions!.code).toBe("UNAUTHENTICATED");

    // Without the header nothing changes for integrators: the token in the body, no cookie.
    const plain = await gql(server.url, LOGIN, { e: t.agent.email, p: PASSWORD });
    expect(plain.body.data.logIn.refreshToken).toMatch(/.{20,}/);
    expect(cookieOf(plain.res)).toBeUndefined();
  });

  it("pages a conversation's history backwards with newestFirst", async () => {
    const { sessionId } = await openSession(t.supervisor.client, "Histórico Longo");
    for (const n of [1, 2, 3, 4, 5]) await say(t.supervisor.client, sessionId, `mensagem ${n}`);
    const page = async (after: string | null) =>
      (await t.supervisor.client.ok(`query($id: ID!, $after: String) { session(id: $id) { messages(first: 4, after: $after, newestFirst: true) { edges { node { text sender } } pageInfo { hasNextPage endCursor } } } }`, { id: sessionId, after })).session.messages;
    const newest = await page(null);
    const texts = (p: typeof newest) => p.edges.filter((e: any) => e.node.sender === "CLIENT").map((e: any) => e.node.text);
    expect(texts(newest)[0]).toBe("mensagem 5");
    expect(newest.pageInfo.hasNextPage).toBe(true);
    const all: string[] = [...texts(newest)];
    let cursor = newest.pageInfo.endCursor;
    let more = newest.pageInfo.hasNextPage;
    while (more) {
      const p = await page(cursor);
      all.push(...texts(p));
      cursor = p.pageInfo.endCursor;
      more = p.pageInfo.hasNextPage;
    }
    expect(all).toEqual(["mensagem 5", "mensagem 4", "mensagem 3", "mensagem 2", "mensagem 1"]);
  });
});
