import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SignJWT, decodeJwt } from "jose";
import { CreateApiKeyDocument, CreateUserDocument, LogInDocument, RefreshDocument } from "./generated/graphql";
import { hasPostgres, hasRedis } from "./support/services";
import { startTestServer, type TestServer } from "./support/server";
import { createTenant, PASSWORD, uniqueEmail, type TestTenant } from "./support/tenant";
import { openSocket } from "./support/ws";

const run = hasPostgres() && hasRedis() ? describe : describe.skip;

const MESSAGES = `subscription { messageAdded { id text } }`;
const ME = `{ me { id role } }`;

/**
 * Issue 20 #1 (and #18 administration): a socket never keeps the credentials it
 * connected with. Two API processes share the database and Redis: the change is made
 * through one, the socket lives on the other.
 */
run("WebSocket credentials: every operation uses current credentials; lapsed sockets are closed", () => {
  let a: TestServer;
  let b: TestServer;
  let t: TestTenant;

  beforeAll(async () => {
    a = await startTestServer({ redis: true });
    // A second API process on the same database and Redis (no migrations, no jobs).
    b = await startTestServer({
      redis: true, databaseUrl: a.env.DATABASE_URL, processJobs: false,
      env: { REDIS_PREFIX: a.env.REDIS_PREFIX!, JWT_SECRET: a.env.JWT_SECRET!, ENCRYPTION_KEY: a.env.ENCRYPTION_KEY!, MIGRATIONS_RUN: "false" },
    });
    t = await createTenant(a);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  async function newUser(role: "ADMIN" | "SUPERVISOR" | "AGENT") {
    const email = uniqueEmail(`ws-${role}`);
    const created = await t.admin.client.ok(CreateUserDocument, { input: { name: `WS ${role}`, email, password: PASSWORD, role } });
    const login = await a.client().ok(LogInDocument, { input: { email, password: PASSWORD } });
    return { id: created.createUser.id, email, token: login.logIn.accessToken, refresh: login.logIn.refreshToken };
  }

  it("closes with 4401 when the access token expires, and works until then", async () => {
    const u = await newUser("AGENT");
    const sid = decodeJwt(u.token).sid as string;
    const now = Math.floor(Date.now() / 1000);
    // A genuine token of a live session that expires in 3 seconds.
    const short = await new SignJWT({ tid: t.id, role: "AGENT", sid }).setProtectedHeader({ alg: "HS256", typ: "JWT" }).setSubject(u.id)
      .setIssuer("atende").setAudience("atende-api").setIssuedAt(now).setExpirationTime(now + 3).sign(new TextEncoder().encode(a.env.JWT_SECRET!));
    const s = await openSocket(b.url);
    await s.init(short);
    s.subscribe(MESSAGES);
    expect((await s.op(ME)).payload.data.me.id).toBe(u.id);
    const closed = await s.closed;
    expect(closed.code).toBe(4401);
  });

  it("closes a deactivated user's socket on another process at once; their refresh token and HTTP token stop too", async () => {
    const u = await newUser("AGENT");
    const s = await openSocket(b.url);
    await s.init(u.token);
    s.subscribe(MESSAGES);
    expect((await s.op(ME)).type).toBe("next");
    await t.admin.client.ok(`mutation($id: ID!) { deactivateUser(id: $id) { id deactivatedAt } }`, { id: u.id });
    const closed = await Promise.race([s.closed, new Promise<null>((r) => setTimeout(() => r(null), 10_000))]);
    expect(closed?.code).toBe(4403);
    expect((await a.client(u.token).fail(ME)).extensions?.code).toBe("UNAUTHENTICATED");
    expect((await a.client().fail(RefreshDocument, { token: u.refresh })).extensions?.code).toBe("UNAUTHENTICATED");
    // A new socket is refused at connection_init.
    const again = await openSocket(b.url);
    await expect(again.init(u.token)).rejects.toMatchObject({ code: 4403 });
  });

  it("refuses the backdoor: a deactivated ADMIN cannot create an API key over an open socket, and keys they made stop working", async () => {
    const admin2 = await newUser("ADMIN");
    const made = await a.client(admin2.token).ok(CreateApiKeyDocument, { name: "feita antes", role: "ADMIN" });
    const keyClient = a.client(made.createApiKey.token);
    expect((await keyClient.ok(`{ users { id } }`)).users.length).toBeGreaterThan(0);
    const s = await openSocket(b.url);
    await s.init(admin2.token);
    // Deactivated behind the platform's back (no event at all): the next operation must still see it.
    await a.app.ds.query(`UPDATE users SET deactivated_at = now() WHERE id = $1`, [admin2.id]);
    const attempt = await s.op(`mutation { createApiKey(name: "porta dos fundos", role: ADMIN) { token } }`).catch((e) => e);
    expect(attempt.type === "next" && attempt.payload?.data?.createApiKey).toBeFalsy();
    expect((await s.closed).code).toBe(4403);
    expect(await a.app.ds.query(`SELECT 1 FROM api_keys WHERE name = 'porta dos fundos'`)).toHaveLength(0);
    // The key the deactivated admin made earlier no longer opens anything, over HTTP or a socket.
    expect((await keyClient.fail(`{ users { id } }`)).extensions?.code).toBe("UNAUTHENTICATED");
    const viaKey = await openSocket(b.url);
    await expect(viaKey.init(made.createApiKey.token)).rejects.toMatchObject({ code: 4403 });
    // Reactivated (through the API): the user and their keys work again.
    await a.app.ds.query(`UPDATE users SET deactivated_at = NULL WHERE id = $1`, [admin2.id]);
    await t.admin.client.ok(`mutation($id: ID!) { deactivateUser(id: $id) { id } }`, { id: admin2.id });
    await t.admin.client.ok(`mutation($id: ID!) { reactivateUser(id: $id) { id deactivatedAt } }`, { id: admin2.id });
    expect((await keyClient.ok(`{ users { id } }`)).users.length).toBeGreaterThan(0);
  });

  it("closes an integrator's socket when its API key is revoked", async () => {
    const key = await t.admin.client.ok(CreateApiKeyDocument, { name: "ERP ws", role: "INTEGRATOR" });
    const s = await openSocket(b.url);
    await s.init(key.createApiKey.token);
    s.subscribe(MESSAGES);
    await t.admin.client.ok(`mutation($id: ID!) { revokeApiKey(id: $id) }`, { id: key.createApiKey.apiKey.id });
    expect((await s.closed).code).toBe(4403);
  });

  it("closes a demoted user's socket; reconnected, the new role applies", async () => {
    const u = await newUser("SUPERVISOR");
    const s = await openSocket(b.url);
    await s.init(u.token);
    s.subscribe(`subscription { inboxUpdated { id } }`);
    expect((await s.op(`{ users { id } }`)).payload.data.users.length).toBeGreaterThan(0);
    await t.admin.client.ok(`mutation($id: ID!) { changeUserRole(id: $id, role: AGENT) { role } }`, { id: u.id });
    expect((await s.closed).code).toBe(4403);
    const again = await openSocket(b.url);
    await again.init(u.token);
    const users = await again.op(`{ users { id } }`);
    expect(users.payload.errors?.[0]?.extensions?.code ?? users.payload[0]?.extensions?.code).toBe("FORBIDDEN");
    again.close();
  });

  it("closes the sockets of a session revoked by its owner, and only those", async () => {
    const u = await newUser("AGENT");
    const second = await a.client().ok(LogInDocument, { input: { email: u.email, password: PASSWORD } });
    const s1 = await openSocket(b.url);
    await s1.init(u.token);
    const s2 = await openSocket(b.url);
    await s2.init(second.logIn.accessToken);
    const sessions = (await a.client(u.token).ok(`{ mySessions { id current } }`)).mySessions as Array<{ id: string; current: boolean }>;
    expect(sessions).toHaveLength(2);
    const other = sessions.find((x) => !x.current)!;
    expect(await a.client(u.token).ok(`mutation($id: ID!) { revokeMySession(id: $id) }`, { id: other.id })).toEqual({ revokeMySession: true });
    expect((await s2.closed).code).toBe(4403);
    expect((await s1.op(ME)).type).toBe("next");
    s1.close();
  });
});
