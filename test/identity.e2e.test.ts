import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SignJWT } from "jose";
import { generate } from "otplib";
import {
  ApiKeysDocument, CreateApiKeyDocument, CreateUserDocument, EnableTwoFactorDocument, LogInDocument, LogOutDocument, MeDocument,
  RefreshDocument, RevokeApiKeyDocument, SetAvailabilityDocument, SetupTwoFactorDocument, SignUpDocument, UsersDocument,
} from "./generated/graphql";
import { hasPostgres, hasRedis } from "./support/services";
import { startTestServer, type TestServer } from "./support/server";
import { createTenant, PASSWORD, uniqueEmail, type TestTenant } from "./support/tenant";

const run = hasPostgres() && hasRedis() ? describe : describe.skip;

run("identity and access (Postgres + Redis)", () => {
  let server: TestServer;
  let a: TestTenant;
  let b: TestTenant;

  beforeAll(async () => {
    server = await startTestServer({ redis: true });
    [a, b] = [await createTenant(server, "Loja A"), await createTenant(server, "Loja B")];
  });
  afterAll(async () => server?.close());

  it("signs up a tenant with its first ADMIN and answers me", async () => {
    const me = await a.admin.client.ok(MeDocument);
    expect(me.me).toMatchObject({ role: "ADMIN", email: a.admin.email, twoFactorEnabled: false, tenant: { name: "Loja A" } });
  });

  it("names the field of bad sign-up input, in Portuguese", async () => {
    const anon = server.client();
    const cases: Array<[Record<string, string>, string]> = [
      [{ tenantName: "X", name: "N", email: "nao-e-email", password: PASSWORD }, "email"],
      [{ tenantName: "X", name: "N", email: uniqueEmail("x"), password: "curta" }, "password"],
      [{ tenantName: "  ", name: "N", email: uniqueEmail("x"), password: PASSWORD }, "tenantName"],
    ];
    for (const [input, field] of cases) {
      const err = await anon.fail(SignUpDocument, { input: input as never });
      expect(err.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
      expect(err.message).toMatch(/inválid|obrigatóri|pelo menos/);
    }
    // A taken e-mail is not revealed: same answer shape, nothing behind it (security test covers it in depth).
    const dup = await anon.raw(SignUpDocument, { input: { tenantName: "X", name: "N", email: a.admin.email, password: PASSWORD } });
    expect(dup.errors).toBeUndefined();
    expect(dup.data?.signUp.user.email).toBe(a.admin.email);
  });

  it("rejects a wrong password without saying which part was wrong", async () => {
    const err = await server.client().fail(LogInDocument, { input: { email: a.admin.email, password: "errada-errada-123" } });
    expect(err.extensions?.code).toBe("UNAUTHENTICATED");
    const unknown = await server.client().fail(LogInDocument, { input: { email: uniqueEmail("ninguem"), password: PASSWORD } });
    expect(unknown.message).toBe(err.message);
  });

  it("rejects expired, forged and alg:none access tokens", async () => {
    const secret = new TextEncoder().encode(server.env.JWT_SECRET!);
    const base = { tid: a.id, role: "ADMIN" };
    const expired = await new SignJWT(base).setProtectedHeader({ alg: "HS256" }).setSubject(a.admin.id).setIssuer("atende").setAudience("atende-api")
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200).setExpirationTime(Math.floor(Date.now() / 1000) - 3600).sign(secret);
    const forged = await new SignJWT(base).setProtectedHeader({ alg: "HS256" }).setSubject(a.admin.id).setIssuer("atende").setAudience("atende-api")
      .setExpirationTime("10m").sign(new TextEncoder().encode("outra-chave-qualquer-com-32-bytes!!"));
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const none = `${enc({ alg: "none", typ: "JWT" })}.${enc({ ...base, sub: a.admin.id, iss: "atende", aud: "atende-api", exp: Math.floor(Date.now() / 1000) + 600 })}.`;
    const wrongAudience = await new SignJWT(base).setProtectedHeader({ alg: "HS256" }).setSubject(a.admin.id).setIssuer("atende").setAudience("outro")
      .setExpirationTime("10m").sign(secret);
    for (const token of [expired, forged, none, wrongAudience, "lixo"]) {
      const err = await server.client(token).fail(MeDocument);
      expect(err.extensions?.code).toBe("UNAUTHENTICATED");
    }
  });

  it("rotates refresh tokens and revokes the family when a rotated token is reused", async () => {
    const login = await server.client().ok(LogInDocument, { input: { email: a.supervisor.email, password: PASSWORD } });
    const first = login.logIn.refreshToken;
    const second = (await server.client().ok(RefreshDocument, { token: first })).refreshToken.refreshToken;
    expect(second).not.toBe(first);
    const reuse = await server.client().fail(RefreshDocument, { token: first });
    expect(reuse.extensions?.code).toBe("UNAUTHENTICATED");
    // The legitimate newest token died with its family.
    const after = await server.client().fail(RefreshDocument, { token: second });
    expect(after.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("logs out by revoking the refresh token", async () => {
    const login = await server.client().ok(LogInDocument, { input: { email: a.agent.email, password: PASSWORD } });
    expect((await server.client().ok(LogOutDocument, { token: login.logIn.refreshToken })).logOut).toBe(true);
    expect((await server.client().fail(RefreshDocument, { token: login.logIn.refreshToken })).extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("requires TOTP once enabled and accepts each code only once", async () => {
    const b2 = await createTenant(server, "Loja 2FA");
    const setup = await b2.admin.client.ok(SetupTwoFactorDocument);
    expect(setup.setupTwoFactor.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    const bad = await b2.admin.client.fail(EnableTwoFactorDocument, { code: "000000" });
    expect(bad.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "totpCode" });
    const code = await generate({ secret: setup.setupTwoFactor.secret });
    expect((await b2.admin.client.ok(EnableTwoFactorDocument, { code })).enableTwoFactor.twoFactorEnabled).toBe(true);

    const noCode = await server.client().fail(LogInDocument, { input: { email: b2.admin.email, password: PASSWORD } });
    expect(noCode.extensions?.code).toBe("TWO_FACTOR_REQUIRED");
    // The code that enabled 2FA was consumed: replaying it fails.
    const replay = await server.client().fail(LogInDocument, { input: { email: b2.admin.email, password: PASSWORD, totpCode: code } });
    expect(replay.extensions?.code).toBe("UNAUTHENTICATED");
    // A code for the next step (within the ±1 window) works once.
    const next = await generate({ secret: setup.setupTwoFactor.secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    const ok = await server.client().ok(LogInDocument, { input: { email: b2.admin.email, password: PASSWORD, totpCode: next } });
    expect(ok.logIn.user.twoFactorEnabled).toBe(true);
    const again = await server.client().fail(LogInDocument, { input: { email: b2.admin.email, password: PASSWORD, totpCode: next } });
    expect(again.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("blocks an account after 100 failed logins in an hour, counting aliased attempts", async () => {
    const t = await createTenant(server, "Loja Força Bruta");
    const victim = t.agent.email;
    // Mutations run serially and a failed non-null field ends the request, so each
    // request below spends one attempt however many aliases it carries.
    const aliased = `mutation { l0: logIn(input: { email: "${victim}", password: "errada-0-xxxxx" }) { accessToken } l1: logIn(input: { email: "${victim}", password: "errada-1-xxxxx" }) { accessToken } }`;
    for (let i = 0; i < 100; i++) {
      const r = await server.client().raw(aliased);
      expect(r.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    }
    // 100 failures recorded: even the right password is refused now.
    const blocked = await server.client().fail(LogInDocument, { input: { email: victim, password: PASSWORD } });
    expect(blocked.extensions?.code).toBe("RATE_LIMITED");
    expect(blocked.message).toMatch(/tentativas/);
    // Other accounts are unaffected.
    await server.client().ok(LogInDocument, { input: { email: t.agent2.email, password: PASSWORD } });
  }, 300_000);

  it("enforces roles on every operation", async () => {
    const input = { name: "X", email: uniqueEmail("x"), password: PASSWORD, role: "AGENT" as const };
    for (const caller of [a.agent.client, a.supervisor.client, a.integrator]) {
      expect((await caller.fail(CreateUserDocument, { input })).extensions?.code).toBe("FORBIDDEN");
      expect((await caller.fail(CreateApiKeyDocument, { name: "k", role: "ADMIN" })).extensions?.code).toBe("FORBIDDEN");
    }
    expect((await a.agent.client.fail(UsersDocument)).extensions?.code).toBe("FORBIDDEN");
    expect((await server.client().fail(UsersDocument)).extensions?.code).toBe("UNAUTHENTICATED");
    const users = await a.supervisor.client.ok(UsersDocument);
    expect(users.users.map((u) => u.role).sort()).toEqual(["ADMIN", "AGENT", "AGENT", "SUPERVISOR"]);
  });

  it("keeps tenants apart: another tenant's id is NOT_FOUND", async () => {
    const keyB = await b.admin.client.ok(CreateApiKeyDocument, { name: "B", role: "INTEGRATOR" });
    const err = await a.admin.client.fail(RevokeApiKeyDocument, { id: keyB.createApiKey.apiKey.id });
    expect(err.extensions?.code).toBe("NOT_FOUND");
    const notUuid = await a.admin.client.fail(RevokeApiKeyDocument, { id: "123" });
    expect(notUuid.extensions?.code).toBe("NOT_FOUND");
    const usersA = await a.admin.client.ok(UsersDocument);
    expect(usersA.users.every((u) => u.tenant.id === a.id)).toBe(true);
    // B's key still works.
    const keys = await b.admin.client.ok(ApiKeysDocument);
    expect(keys.apiKeys.map((k) => k.id)).toContain(keyB.createApiKey.apiKey.id);
  });

  it("authenticates integrators with API keys, shown once and revocable", async () => {
    const created = await a.admin.client.ok(CreateApiKeyDocument, { name: "Integração", role: "INTEGRATOR" });
    const token = created.createApiKey.token;
    const keys = await a.admin.client.ok(ApiKeysDocument);
    expect(JSON.stringify(keys)).not.toContain(token);
    const integrator = server.client(token);
    expect((await integrator.fail(UsersDocument)).extensions?.code).toBe("FORBIDDEN");
    expect((await integrator.fail(MeDocument)).extensions?.code).toBe("FORBIDDEN");
    await a.admin.client.ok(RevokeApiKeyDocument, { id: created.createApiKey.apiKey.id });
    expect((await integrator.fail(UsersDocument)).extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("sets availability", async () => {
    const r = await a.agent.client.ok(SetAvailabilityDocument, { availability: "ONLINE" });
    expect(r.setAvailability.availability).toBe("ONLINE");
  });

  it("masks unexpected errors and never leaks SQL or stacks", async () => {
    const r = await a.admin.client.raw(`{ me { id } users { id } }`);
    expect(JSON.stringify(r)).not.toMatch(/stack|SELECT|at Object/);
    expect(r.headers.get("x-request-id")).toBeTruthy();
  });
});
