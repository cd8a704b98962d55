import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "otplib";
import { CreateUserDocument, EnableTwoFactorDocument, LogInDocument, SetupTwoFactorDocument, SignUpDocument } from "./generated/graphql";
import { GqlClient } from "./support/gql";
import { hasPostgres, hasRedis } from "./support/services";
import { startTestServer, type TestServer } from "./support/server";
import { createTenant, PASSWORD, uniqueEmail, type TestTenant } from "./support/tenant";
import { openSocket } from "./support/ws";

const run = hasPostgres() && hasRedis() ? describe : describe.skip;

let ipSeq = 0;
/** A distinct client IP per scenario (the server trusts X-Forwarded-For from loopback, like a proxy in front). */
const newIp = () => {
  const n = ipSeq++;
  return `${["203.0.113", "198.51.100", "192.0.2"][Math.floor(n / 250) % 3]}.${(n % 250) + 1}`;
};
const from = (server: TestServer, ip: string, token?: string) => new GqlClient(server.url, token, { "x-forwarded-for": ip });
const count = <T>(xs: T[], f: (x: T) => boolean) => xs.filter(f).length;
const code = (r: { errors?: Array<{ extensions?: { code?: string } }> }) => r.errors?.[0]?.extensions?.code ?? "OK";

/** Issue 20 #4, #5, #7 with the limits of issue 11: real floods are refused; normal console traffic never is. */
run("request and WebSocket limits", () => {
  describe("with the default limits (Redis-backed)", () => {
    let server: TestServer;
    let t: TestTenant;
    beforeAll(async () => {
      server = await startTestServer({ redis: true, env: { RATE_LIMITS: "true" } });
      t = await createTenant(server);
    });
    afterAll(async () => server?.close());

    it("refuses sign-ups past 10 per hour from one IP, before hashing, with Retry-After", async () => {
      const ip = newIp();
      const results = [];
      for (let i = 0; i < 13; i++) {
        results.push(await from(server, ip).raw(SignUpDocument, { input: { tenantName: `Loja ${i}`, name: "Fulana", email: uniqueEmail("massa"), password: PASSWORD } }));
      }
      expect(count(results, (r) => code(r) === "OK")).toBe(10);
      const limited = results.filter((r) => code(r) === "RATE_LIMITED");
      expect(limited).toHaveLength(3);
      expect(limited[0]!.status).toBe(429);
      expect(Number(limited[0]!.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(Number(limited[0]!.errors![0]!.extensions!.retryAfter)).toBeGreaterThan(0);
      // Another IP is not affected.
      expect(code(await from(server, newIp()).raw(SignUpDocument, { input: { tenantName: "Outra", name: "Fulana", email: uniqueEmail("outra"), password: PASSWORD } }))).toBe("OK");
    }, 180_000);

    it("stops password spraying across accounts from one IP after 30 failures", async () => {
      const ip = newIp();
      const results = [];
      for (let i = 0; i < 40; i++) results.push(await from(server, ip).raw(LogInDocument, { input: { email: uniqueEmail(`alvo${i}`), password: "Primavera2026!" } }));
      expect(count(results, (r) => code(r) === "UNAUTHENTICATED")).toBe(30);
      expect(count(results, (r) => code(r) === "RATE_LIMITED")).toBe(10);
      // A person logging in from elsewhere is fine.
      await from(server, newIp()).ok(LogInDocument, { input: { email: t.agent.email, password: PASSWORD } });
    }, 180_000);

    it("allows at most 30 createApiKey per admin per hour, even all at once", async () => {
      const admin = from(server, newIp(), t.admin.token);
      const results = await Promise.all(Array.from({ length: 40 }, (_, i) => admin.raw(`mutation { createApiKey(name: "burst ${i}", role: INTEGRATOR) { token } }`)));
      // createTenant made one key already.
      expect(count(results, (r) => code(r) === "OK")).toBe(29);
      expect(count(results, (r) => code(r) === "RATE_LIMITED")).toBe(11);
    });

    it("never limits normal console traffic: agents behind one NAT, a queue subscription each and 5 operations a second", async () => {
      const nat = newIp();
      // A tenant of its own: the bursts of the tests before must not have used these people's budget.
      const fresh = await createTenant(server);
      const agents = [fresh.agent, fresh.agent2, fresh.supervisor, fresh.admin];
      const sockets = await Promise.all(agents.map(async (u) => {
        const s = await openSocket(server.url, { "x-forwarded-for": nat });
        await s.init(u.token);
        s.subscribe(`subscription { queueUpdated { kind queueLength handoff { id status } } }`);
        return s;
      }));
      const ops = [`{ handoffQueue { id priority waitingSeconds } }`, `{ me { id availability } }`, `{ sessions(first: 20) { edges { node { id status } } } }`, `{ handoffs(first: 20) { totalCount } }`, `{ clients(first: 10) { totalCount } }`];
      const outcomes: string[] = [];
      const started = Date.now();
      for (let second = 0; second < 12; second++) {
        const tick = Date.now();
        const batch = agents.flatMap((u) => ops.map((q) => from(server, nat, u.token).raw(q).then((r) => code(r))));
        // One operation of each agent over the socket too.
        const wsBatch = sockets.map((s) => s.op(`{ me { id } }`).then((m) => (m.type === "next" && !m.payload.errors ? "OK" : JSON.stringify(m.payload))));
        outcomes.push(...(await Promise.all([...batch, ...wsBatch])));
        await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - tick))));
      }
      expect(Date.now() - started).toBeGreaterThan(11_000);
      expect(outcomes.filter((o) => o !== "OK")).toEqual([]);
      expect(outcomes.length).toBe(12 * agents.length * (ops.length + 1));
      for (const s of sockets) {
        expect(s.ws.readyState).toBe(s.ws.OPEN);
        expect(s.messages.some((m) => m.type === "error")).toBe(false);
        s.close();
      }
    }, 120_000);

    it("refuses WebSocket frames above 1 MiB by closing that socket (1009), and keeps serving", async () => {
      const s = await openSocket(server.url, { "x-forwarded-for": newIp() });
      await s.init(t.agent.token);
      s.ws.send(JSON.stringify({ id: "big", type: "subscribe", payload: { query: `{ me { id } }`, variables: { pad: "x".repeat(2 * 1024 * 1024) } } }));
      expect((await s.closed).code).toBe(1009);
      const ok = await openSocket(server.url, { "x-forwarded-for": newIp() });
      await ok.init(t.agent.token);
      expect((await ok.op(`{ me { id } }`)).type).toBe("next");
      ok.close();
    });

    it("refuses subscriptions past 50 on one socket", async () => {
      const email = uniqueEmail("subs");
      await t.admin.client.ok(CreateUserDocument, { input: { name: "Sub", email, password: PASSWORD, role: "SUPERVISOR" } });
      const token = (await server.client().ok(LogInDocument, { input: { email, password: PASSWORD } })).logIn.accessToken;
      const s = await openSocket(server.url, { "x-forwarded-for": newIp() });
      await s.init(token);
      for (let i = 0; i < 60; i++) s.subscribe(`subscription { queueUpdated { kind } }`);
      const deadline = Date.now() + 15_000;
      while (s.messages.filter((m) => m.type === "error").length < 10 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const errors = s.messages.filter((m) => m.type === "error");
      expect(errors).toHaveLength(10);
      expect(errors[0]!.payload[0].extensions).toMatchObject({ code: "RATE_LIMITED", reason: "TOO_MANY_SUBSCRIPTIONS" });
      s.close();
    });
  });

  describe("with explicit low limits (in memory)", () => {
    let server: TestServer;
    let t: TestTenant;
    beforeAll(async () => {
      server = await startTestServer({
        env: {
          RATE_LIMITS: "true", RATE_LIMIT_IP_PER_10S: "20", RATE_LIMIT_PRINCIPAL_PER_10S: "10", LOGIN_MAX_FAILURES_PER_HOUR: "20", TOTP_MAX_FAILURES_PER_15MIN: "5",
          WS_MAX_CONNECTIONS_PER_IP: "20", WS_MAX_CONNECTIONS_PER_USER: "3", RATE_LIMIT_SIGNUPS_PER_IP_PER_HOUR: "100", RATE_LIMIT_SENSITIVE_PER_HOUR: "100",
        },
      });
      // Setup traffic comes from many addresses, so that only the floods below meet the low per-IP limit.
      server.client = (token?: string) => from(server, newIp(), token);
      t = await createTenant(server);
    });
    afterAll(async () => server?.close());

    it("checks at most the limit of 200 concurrent wrong passwords on one account (counted before the check)", async () => {
      const email = uniqueEmail("vitima");
      const { createUser } = await t.admin.client.ok(CreateUserDocument, { input: { name: "Vítima", email, password: PASSWORD, role: "AGENT" } });
      const results = await Promise.all(Array.from({ length: 200 }, (_, i) => from(server, newIp()).raw(LogInDocument, { input: { email, password: `errada-${i}-xxxxxx` } })));
      const checked = Number((await server.app.ds.query(`SELECT count(*)::int AS n FROM audit_logs WHERE event = 'auth.login_failed' AND actor_id = $1`, [createUser.id]))[0].n);
      expect(checked).toBeLessThanOrEqual(20);
      expect(count(results, (r) => code(r) === "UNAUTHENTICATED")).toBe(checked);
      expect(count(results, (r) => code(r) === "RATE_LIMITED")).toBe(200 - checked);
    }, 120_000);

    it("checks at most 5 of 40 concurrent wrong TOTP codes", async () => {
      const u = await createTenant(server, "Loja TOTP");
      const setup = await u.admin.client.ok(SetupTwoFactorDocument);
      await u.admin.client.ok(EnableTwoFactorDocument, { code: await generate({ secret: setup.setupTwoFactor.secret }) });
      const results = await Promise.all(Array.from({ length: 40 }, (_, i) => from(server, newIp()).raw(LogInDocument, { input: { email: u.admin.email, password: PASSWORD, totpCode: String(100000 + i) } })));
      const checked = Number((await server.app.ds.query(`SELECT count(*)::int AS n FROM audit_logs WHERE event = 'auth.login_failed' AND actor_id = $1 AND detail->>'reason' = 'totp'`, [u.admin.id]))[0].n);
      expect(checked).toBeLessThanOrEqual(5);
      expect(count(results, (r) => code(r) === "RATE_LIMITED")).toBeGreaterThanOrEqual(35);
    }, 120_000);

    it("refuses a GraphQL request flood per IP and per principal with 429 and Retry-After", async () => {
      // Fixed 10 s windows: however slow the machine, at most `limit` pass per window the flood spans.
      const allowedFor = (limit: number, started: number) => limit * (Math.ceil((Date.now() - started) / 10_000) + 1);
      const ip = newIp();
      let started = Date.now();
      const flood = await Promise.all(Array.from({ length: 150 }, () => from(server, ip).raw(`{ __typename }`)));
      expect(count(flood, (r) => r.status !== 429)).toBeLessThanOrEqual(allowedFor(20, started));
      const limited = flood.find((r) => r.status === 429)!;
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(limited.errors?.[0]?.extensions).toMatchObject({ code: "RATE_LIMITED" });
      // One token spread over many IPs is still one principal.
      started = Date.now();
      const spread = await Promise.all(Array.from({ length: 60 }, () => from(server, newIp(), t.agent.token).raw(`{ me { id } }`)));
      expect(count(spread, (r) => r.status === 429)).toBeGreaterThan(0);
      expect(count(spread, (r) => r.status !== 429)).toBeLessThanOrEqual(allowedFor(10, started));
    }, 120_000);

    it("refuses a socket flood from one IP at the upgrade, and more than 3 sockets per user", async () => {
      const ip = newIp();
      const attempts = await Promise.all(Array.from({ length: 30 }, () => openSocket(server.url, { "x-forwarded-for": ip }).then((s) => s, (e: { status?: number }) => e.status ?? 0)));
      const open = attempts.filter((x) => typeof x !== "number");
      expect(open.length).toBeLessThanOrEqual(20);
      expect(attempts.filter((x) => x === 429).length).toBeGreaterThanOrEqual(10);
      for (const s of open) (s as Awaited<ReturnType<typeof openSocket>>).close();
      const mine = [];
      for (let i = 0; i < 4; i++) mine.push(await openSocket(server.url, { "x-forwarded-for": newIp() }));
      for (const s of mine.slice(0, 3)) await s.init(t.agent2.token);
      await expect(mine[3]!.init(t.agent2.token)).rejects.toMatchObject({ code: 4429 });
      for (const s of mine) s.close();
    });
  });
});
