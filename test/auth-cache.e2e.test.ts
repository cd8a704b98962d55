import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateApiKeyDocument, CreateUserDocument, LogInDocument, LogOutDocument } from "./generated/graphql";
import { countQueries } from "./support/query-counter";
import { hasPostgres, hasRedis } from "./support/services";
import { startTestServer, type TestServer } from "./support/server";
import { createTenant, PASSWORD, uniqueEmail, type TestTenant } from "./support/tenant";

const run = hasPostgres() && hasRedis() ? describe : describe.skip;

const ME = `{ me { id role } }`;

/**
 * Issue 19: requests authenticate from an in-process cache (no database read per
 * request), and a deactivated, demoted or logged-out user still loses access at once:
 * on the process that made the change and on another API process sharing Redis.
 */
run("credential checks are cached, and every change of access drops them at once", () => {
  let a: TestServer;
  let b: TestServer;
  let t: TestTenant;

  beforeAll(async () => {
    // A long TTL: only the invalidation can explain a refusal below.
    a = await startTestServer({ redis: true, env: { AUTH_CACHE_SECONDS: "60" } });
    b = await startTestServer({
      redis: true, databaseUrl: a.env.DATABASE_URL, processJobs: false,
      env: { AUTH_CACHE_SECONDS: "60", REDIS_PREFIX: a.env.REDIS_PREFIX!, JWT_SECRET: a.env.JWT_SECRET!, ENCRYPTION_KEY: a.env.ENCRYPTION_KEY!, MIGRATIONS_RUN: "false" },
    });
    t = await createTenant(a);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  async function newUser(role: "ADMIN" | "SUPERVISOR" | "AGENT") {
    const email = uniqueEmail(`cache-${role}`);
    const created = await t.admin.client.ok(CreateUserDocument, { input: { name: `Cache ${role}`, email, password: PASSWORD, role } });
    const login = await a.client().ok(LogInDocument, { input: { email, password: PASSWORD } });
    return { id: created.createUser.id as string, token: login.logIn.accessToken as string, refresh: login.logIn.refreshToken as string };
  }

  /** Both processes have the user's check cached. */
  async function warm(token: string) {
    for (const s of [a, b]) {
      await s.client(token).ok(ME);
      await s.client(token).ok(ME);
    }
  }

  const authQueries = (queries: string[]) => queries.filter((q) => /FROM users u LEFT JOIN tenant_settings|FROM api_keys k/.test(q));

  it("a repeated request reads no credentials from the database (user token and API key)", async () => {
    const u = await newUser("AGENT");
    await a.client(u.token).ok(ME);
    const again = await countQueries(a.app.ds, () => a.client(u.token).ok(`{ __typename }`));
    expect(authQueries(again.queries)).toEqual([]);
    const key = await t.admin.client.ok(CreateApiKeyDocument, { name: "cache", role: "INTEGRATOR" });
    await a.client(key.createApiKey.token).ok(`{ __typename }`);
    const keyAgain = await countQueries(a.app.ds, () => a.client(key.createApiKey.token).ok(`{ __typename }`));
    expect(authQueries(keyAgain.queries)).toEqual([]);
  });

  it("deactivation: the user's next request is refused on both processes", async () => {
    const u = await newUser("AGENT");
    await warm(u.token);
    await t.admin.client.ok(`mutation($id: ID!) { deactivateUser(id: $id) { id } }`, { id: u.id });
    expect((await a.client(u.token).fail(ME)).extensions?.code).toBe("UNAUTHENTICATED");
    expect((await b.client(u.token).fail(ME)).extensions?.code).toBe("UNAUTHENTICATED");
    // Reactivated, a new login opens at once on the other process (refusals are never cached).
    await t.admin.client.ok(`mutation($id: ID!) { reactivateUser(id: $id) { id } }`, { id: u.id });
    expect((await b.client(u.token).fail(ME)).extensions?.code).toBe("UNAUTHENTICATED");
    const email = (await t.admin.client.ok(`{ users { id email } }`)).users.find((x: { id: string }) => x.id === u.id).email;
    const again = await a.client().ok(LogInDocument, { input: { email, password: PASSWORD } });
    expect((await b.client(again.logIn.accessToken).ok(ME)).me.id).toBe(u.id);
  });

  it("demotion: the next request runs with the new role on both processes", async () => {
    const u = await newUser("SUPERVISOR");
    await warm(u.token);
    expect((await b.client(u.token).ok(`{ users { id } }`)).users.length).toBeGreaterThan(0);
    await t.admin.client.ok(`mutation($id: ID!) { changeUserRole(id: $id, role: AGENT) { role } }`, { id: u.id });
    expect((await a.client(u.token).fail(`{ users { id } }`)).extensions?.code).toBe("FORBIDDEN");
    expect((await b.client(u.token).fail(`{ users { id } }`)).extensions?.code).toBe("FORBIDDEN");
    expect((await b.client(u.token).ok(ME)).me.role).toBe("AGENT");
  });

  it("logout and a revoked API key end access on both processes", async () => {
    const u = await newUser("AGENT");
    await warm(u.token);
    await a.client().ok(LogOutDocument, { token: u.refresh });
    expect((await a.client(u.token).fail(ME)).extensions?.code).toBe("UNAUTHENTICATED");
    expect((await b.client(u.token).fail(ME)).extensions?.code).toBe("UNAUTHENTICATED");

    const key = await t.admin.client.ok(CreateApiKeyDocument, { name: "revogada", role: "INTEGRATOR" });
    const token = key.createApiKey.token as string;
    for (const s of [a, b]) await s.client(token).ok(`{ __typename }`);
    await t.admin.client.ok(`mutation($id: ID!) { revokeApiKey(id: $id) }`, { id: key.createApiKey.apiKey.id });
    expect((await a.client(token).fail(`{ clients(first: 1) { totalCount } }`)).extensions?.code).toBe("UNAUTHENTICATED");
    expect((await b.client(token).fail(`{ clients(first: 1) { totalCount } }`)).extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("a change made outside the platform (no event) is seen within the cache TTL, and at once by sockets", async () => {
    // Covered in security-sockets.e2e.test.ts ("refuses the backdoor"): a socket operation reads
    // the credentials afresh and, finding them lapsed, tells every process to drop the tenant's checks.
    const u = await newUser("AGENT");
    await warm(u.token);
    await a.app.ds.query(`UPDATE users SET deactivated_at = now() WHERE id = $1`, [u.id]);
    // Cached: still served (bounded by AUTH_CACHE_SECONDS) until something re-reads it.
    expect((await a.client(u.token).ok(ME)).me.id).toBe(u.id);
    await a.app.services.authenticator.revalidate({ kind: "user", id: u.id, userId: u.id, tenantId: t.id, role: "AGENT" as never, loginSessionId: JSON.parse(Buffer.from(u.token.split(".")[1]!, "base64url").toString()).sid, expiresAt: null }, { fresh: true });
    expect((await a.client(u.token).fail(ME)).extensions?.code).toBe("UNAUTHENTICATED");
    expect((await b.client(u.token).fail(ME)).extensions?.code).toBe("UNAUTHENTICATED");
  });
});
