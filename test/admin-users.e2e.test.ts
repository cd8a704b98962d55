import { describe, expect, it } from "vitest";
import { generate } from "otplib";
import { ClaimHandoffDocument, CreateInboxDocument, CreateUserDocument, EnableTwoFactorDocument, LogInDocument, RefreshDocument, RequestHandoffDocument, SetupTwoFactorDocument, SignUpDocument } from "./generated/graphql";
import { openSession } from "./support/conversation";
import { startSmtpSink } from "./support/mail-servers";
import { hasPostgres } from "./support/services";
import { withTwoTenants } from "./support/suite";
import type { TestServer } from "./support/server";
import { createTenant, PASSWORD, uniqueEmail, type TestTenant } from "./support/tenant";

const run = hasPostgres() ? describe : describe.skip;

/** Issue 18 "Administration" and issue 20 #12/#13. */
run("administration: users, passwords, sessions, 2FA policy, logs", () => {
  let server: TestServer;
  let a: TestTenant;
  let b: TestTenant;
  withTwoTenants((s) => ({ server, a, b } = s));

  async function user(t: TestTenant, role: "ADMIN" | "SUPERVISOR" | "AGENT", name = `Pessoa ${role}`) {
    const email = uniqueEmail(name);
    const id = (await t.admin.client.ok(CreateUserDocument, { input: { name, email, password: PASSWORD, role } })).createUser.id as string;
    const login = await server.client().ok(LogInDocument, { input: { email, password: PASSWORD } });
    return { id, email, token: login.logIn.accessToken, refresh: login.logIn.refreshToken, client: server.client(login.logIn.accessToken) };
  }

  it("deactivating an agent returns their open handoffs to the queue; an admin cannot lock the tenant out", async () => {
    const agent = await user(a, "AGENT");
    const { sessionId } = await openSession(a.supervisor.client);
    const h = await a.supervisor.client.ok(RequestHandoffDocument, { input: { sessionId, reason: "cliente quer falar com alguém" } });
    await agent.client.ok(ClaimHandoffDocument, { id: h.requestHandoff.id });
    await a.admin.client.ok(`mutation($id: ID!) { deactivateUser(id: $id) { id } }`, { id: agent.id });
    const queue = await a.supervisor.client.ok(`{ handoffQueue { id status } }`);
    expect(queue.handoffQueue).toContainEqual({ id: h.requestHandoff.id, status: "PENDING" });
    const self = await a.admin.client.fail(`mutation($id: ID!) { deactivateUser(id: $id) { id } }`, { id: a.admin.id });
    expect(self.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
    // Another tenant's user is NOT_FOUND; non-admins are FORBIDDEN.
    expect((await a.admin.client.fail(`mutation($id: ID!) { deactivateUser(id: $id) { id } }`, { id: b.agent.id })).extensions?.code).toBe("NOT_FOUND");
    expect((await a.supervisor.client.fail(`mutation($id: ID!) { deactivateUser(id: $id) { id } }`, { id: a.agent.id })).extensions?.code).toBe("FORBIDDEN");
    const users = await a.admin.client.ok(`{ users { id deactivatedAt } }`);
    expect(users.users.find((u: { id: string }) => u.id === agent.id).deactivatedAt).toBeTruthy();
  });

  it("resets a password with a code shown once; the code works once and ends the old sessions", async () => {
    const u = await user(a, "AGENT", "Reinaldo Reset");
    const reset = await a.admin.client.ok(`mutation($id: ID!) { resetUserPassword(id: $id) { delivery code expiresAt } }`, { id: u.id });
    expect(reset.resetUserPassword.delivery).toBe("CODE_SHOWN_ONCE");
    expect(reset.resetUserPassword.code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const complete = `mutation($i: CompletePasswordResetInput!) { completePasswordReset(input: $i) { accessToken user { id } } }`;
    const wrong = await server.client().fail(complete, { i: { email: u.email, code: "AAAA-BBBB-CCCC", newPassword: "nova senha do reinaldo 2026" } });
    expect(wrong.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "code" });
    const weak = await server.client().fail(complete, { i: { email: u.email, code: reset.resetUserPassword.code, newPassword: "1234567890" } });
    expect(weak.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "newPassword" });
    const done = await server.client().ok(complete, { i: { email: u.email, code: reset.resetUserPassword.code.toLowerCase().replace(/-/g, ""), newPassword: "nova senha do reinaldo 2026" } });
    expect(done.completePasswordReset.user.id).toBe(u.id);
    expect((await server.client().fail(complete, { i: { email: u.email, code: reset.resetUserPassword.code, newPassword: "outra senha qualquer 2026" } })).extensions?.code).toBe("BAD_USER_INPUT");
    expect((await server.client().fail(RefreshDocument, { token: u.refresh })).extensions?.code).toBe("UNAUTHENTICATED");
    expect((await u.client.fail(`{ me { id } }`)).extensions?.code).toBe("UNAUTHENTICATED");
    expect((await server.client().fail(LogInDocument, { input: { email: u.email, password: PASSWORD } })).extensions?.code).toBe("UNAUTHENTICATED");
    await server.client().ok(LogInDocument, { input: { email: u.email, password: "nova senha do reinaldo 2026" } });
  });

  it("sends the reset code by e-mail through the tenant's e-mail inbox, and it is never shown to the admin", async () => {
    const smtp = await startSmtpSink();
    try {
      const fresh = await createTenant(server);
      await fresh.admin.client.ok(CreateInboxDocument, { input: { name: "Suporte", provider: "EMAIL", email: { address: "suporte@loja-reset.com.br", smtp: { host: "127.0.0.1", port: smtp.port } } } });
      const email = uniqueEmail("Rita Reset");
      const id = (await fresh.admin.client.ok(CreateUserDocument, { input: { name: "Rita Reset", email, password: PASSWORD, role: "AGENT" } })).createUser.id as string;
      const reset = await fresh.admin.client.ok(`mutation($id: ID!) { resetUserPassword(id: $id) { delivery code expiresAt } }`, { id });
      expect(reset.resetUserPassword).toMatchObject({ delivery: "EMAIL", code: null });
      const mail = smtp.mails.find((m) => m.envelopeTo.includes(email.toLowerCase()) || m.envelopeTo.includes(email));
      expect(mail?.subject).toBe("Redefinição de senha no Atende");
      const code = /([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})/.exec(mail!.text ?? "")?.[1];
      expect(code).toBeTruthy();
      const complete = `mutation($i: CompletePasswordResetInput!) { completePasswordReset(input: $i) { user { id } } }`;
      expect((await server.client().ok(complete, { i: { email, code, newPassword: "senha nova vinda do email 2026" } })).completePasswordReset.user.id).toBe(id);
      // Without a working mail server the admin gets the code to pass on, as before.
      smtp.failNext.push({ code: 550, message: "5.1.1 recusado" });
      const fallback = await fresh.admin.client.ok(`mutation($id: ID!) { resetUserPassword(id: $id) { delivery code } }`, { id });
      expect(fallback.resetUserPassword.delivery).toBe("CODE_SHOWN_ONCE");
      expect(fallback.resetUserPassword.code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    } finally {
      await smtp.close();
    }
  });

  it("changes one's own password and ends the other sessions, keeping this one", async () => {
    const u = await user(a, "AGENT", "Carla Troca");
    const other = await server.client().ok(LogInDocument, { input: { email: u.email, password: PASSWORD } });
    const change = `mutation($i: ChangePasswordInput!) { changePassword(input: $i) }`;
    const bad = await u.client.fail(change, { i: { currentPassword: "errada-errada-1", newPassword: "uma frase nova e longa" } });
    expect(bad.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "currentPassword" });
    const ctxWord = await u.client.fail(change, { i: { currentPassword: PASSWORD, newPassword: "CarlaTroca2024" } });
    expect(ctxWord.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "newPassword" });
    expect(await u.client.ok(change, { i: { currentPassword: PASSWORD, newPassword: "uma frase nova e longa" } })).toEqual({ changePassword: true });
    expect((await u.client.ok(`{ me { id } }`)).me.id).toBe(u.id);
    expect((await server.client(other.logIn.accessToken).fail(`{ me { id } }`)).extensions?.code).toBe("UNAUTHENTICATED");
    expect((await server.client().fail(RefreshDocument, { token: other.logIn.refreshToken })).extensions?.code).toBe("UNAUTHENTICATED");
    const sessions = await u.client.ok(`{ mySessions { id current ip lastUsedAt } }`);
    expect(sessions.mySessions).toHaveLength(1);
    expect(sessions.mySessions[0].current).toBe(true);
  });

  it("refuses common, repetitive, sequential and personal passwords, in Portuguese, naming the field", async () => {
    const anon = server.client();
    for (const password of ["1234567890", "aaaaaaaaaa", "qwertyuiop", "password123", "Flamengo123", "iloveyou12", "abcabcabcabc", "mercadinho2024"]) {
      const err = await anon.fail(SignUpDocument, { input: { tenantName: "Mercadinho", name: "Joana Lima", email: uniqueEmail("forca"), password } });
      expect(err.extensions, password).toMatchObject({ code: "BAD_USER_INPUT", field: "password" });
      expect(err.message).toMatch(/senha/i);
    }
    const joana = await anon.fail(SignUpDocument, { input: { tenantName: "Mercadinho", name: "Joana Lima", email: "joana.lima@mercadinho.com.br", password: "joanalima@2024" } });
    expect(joana.message).toMatch(/nome, e-mail ou no nome da empresa/);
    expect((await a.admin.client.fail(CreateUserDocument, { input: { name: "X", email: uniqueEmail("x"), password: "senha12345", role: "AGENT" } })).extensions?.field).toBe("password");
    await anon.ok(SignUpDocument, { input: { tenantName: "Mercadinho", name: "Joana Lima", email: uniqueEmail("joana"), password: "pão de queijo com café às sete" } });
  });

  it("sign-up does not reveal whether an e-mail has an account; createUser never reveals another tenant's users", async () => {
    const anon = server.client();
    const q = `mutation($i: SignUpInput!) { signUp(input: $i) { accessToken refreshToken accessTokenExpiresAt user { id email role name tenant { id name } } } }`;
    const taken = await anon.raw(q, { i: { tenantName: "Outra", name: "Fulano", email: b.admin.email, password: PASSWORD } });
    const fresh = await anon.raw(q, { i: { tenantName: "Outra", name: "Fulano", email: uniqueEmail("livre"), password: PASSWORD } });
    const shape = (r: typeof taken) => JSON.stringify(r.data, (_k, v) => (typeof v === "string" ? v.replace(/[\w.+-]+@[\w.-]+/, "E").replace(/[0-9a-f-]{36}/, "ID").replace(/^eyJ[\w.-]+$/, "JWT").replace(/^[\w-]{43}$/, "RT").replace(/^\d{4}-.*Z$/, "T") : v));
    expect(taken.errors).toBeUndefined();
    expect(taken.status).toBe(fresh.status);
    expect(shape(taken)).toBe(shape(fresh));
    // Nothing was created for the taken address, and the existing account is untouched.
    expect((await server.client(taken.data.signUp.accessToken).fail(`{ me { id } }`)).extensions?.code).toBe("UNAUTHENTICATED");
    await server.client().ok(LogInDocument, { input: { email: b.admin.email, password: PASSWORD } });
    const cross = await a.admin.client.fail(CreateUserDocument, { input: { name: "Y", email: b.agent.email, password: PASSWORD, role: "AGENT" } });
    const own = await a.admin.client.fail(CreateUserDocument, { input: { name: "Y", email: a.agent.email, password: PASSWORD, role: "AGENT" } });
    expect(cross.message).toBe(own.message);
    expect(cross.extensions).toEqual(own.extensions);
  });

  it("with requireTwoFactorForAdmins, an admin without 2FA can only set it up; sensitive actions then ask for a fresh code", async () => {
    const t = await createTenant(server, "Loja Política 2FA");
    const update = `mutation($on: Boolean!) { updateTenantSettings(input: { requireTwoFactorForAdmins: $on }) { requireTwoFactorForAdmins } }`;
    // The one who turns it on must have 2FA already.
    expect((await t.admin.client.fail(update, { on: true })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "requireTwoFactorForAdmins" });
    const setup = await t.admin.client.ok(SetupTwoFactorDocument);
    const secret = setup.setupTwoFactor.secret as string;
    await t.admin.client.ok(EnableTwoFactorDocument, { code: await generate({ secret }) });
    expect((await t.admin.client.ok(update, { on: true })).updateTenantSettings.requireTwoFactorForAdmins).toBe(true);

    // The supervisor has no 2FA: only setting it up works.
    const blocked = await t.supervisor.client.fail(`{ users { id } }`);
    expect(blocked.extensions).toMatchObject({ code: "FORBIDDEN", reason: "TWO_FACTOR_SETUP_REQUIRED" });
    expect((await t.supervisor.client.ok(`{ me { id } }`)).me.id).toBe(t.supervisor.id);
    const sup = await t.supervisor.client.ok(SetupTwoFactorDocument);
    await t.supervisor.client.ok(EnableTwoFactorDocument, { code: await generate({ secret: sup.setupTwoFactor.secret }) });
    expect((await t.supervisor.client.ok(`{ users { id } }`)).users.length).toBeGreaterThan(0);
    // Agents are not concerned by the policy.
    await t.agent.client.ok(`{ me { id } }`);

    // Sensitive actions of a user with 2FA: a fresh code each time.
    const createKey = `mutation($c: String) { createApiKey(name: "ERP", role: INTEGRATOR, totpCode: $c) { token } }`;
    expect((await t.admin.client.fail(createKey, { c: null })).extensions).toMatchObject({ code: "TWO_FACTOR_REQUIRED", field: "totpCode" });
    const next = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    await t.admin.client.ok(createKey, { c: next });
    expect((await t.admin.client.fail(createKey, { c: next })).extensions?.code).toBe("TWO_FACTOR_REQUIRED");
    const role = `mutation($id: ID!, $c: String) { changeUserRole(id: $id, role: SUPERVISOR, totpCode: $c) { role } }`;
    expect((await t.admin.client.fail(role, { id: t.agent.id, c: null })).extensions?.code).toBe("TWO_FACTOR_REQUIRED");
    expect((await t.admin.client.fail(`query($id: ID!) { exportClientData(clientId: $id) }`, { id: t.admin.id })).extensions?.code).toBe("TWO_FACTOR_REQUIRED");
  });

  it("lists audit and access logs with filters and keyset pages", async () => {
    const conn = `query($f: AuditLogFilter, $first: Int, $after: String) { auditLogsConnection(filter: $f, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id event severity actor { id } createdAt } } } }`;
    const all = await a.admin.client.ok(conn, { first: 2 });
    expect(all.auditLogsConnection.edges).toHaveLength(2);
    expect(all.auditLogsConnection.pageInfo.hasNextPage).toBe(true);
    const page2 = await a.admin.client.ok(conn, { first: 2, after: all.auditLogsConnection.pageInfo.endCursor });
    const ids = (x: typeof all) => x.auditLogsConnection.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(ids(page2).some((id: string) => ids(all).includes(id))).toBe(false);
    const deactivations = await a.admin.client.ok(conn, { f: { action: "user.deactivated", actorId: a.admin.id } });
    expect(deactivations.auditLogsConnection.totalCount).toBeGreaterThan(0);
    expect(deactivations.auditLogsConnection.edges.every((e: { node: { event: string } }) => e.node.event === "user.deactivated")).toBe(true);
    const warnings = await a.admin.client.ok(`query($f: AuditLogFilter) { auditLogs(filter: $f, first: 100) { severity } }`, { f: { severity: "warning", from: new Date(Date.now() - 3_600_000).toISOString() } });
    expect(warnings.auditLogs.length).toBeGreaterThan(0);
    expect(warnings.auditLogs.every((e: { severity: string }) => e.severity === "warning")).toBe(true);
    const future = await a.admin.client.ok(conn, { f: { from: new Date(Date.now() + 3_600_000).toISOString() } });
    expect(future.auditLogsConnection.totalCount).toBe(0);
    // Tenant B sees none of A's entries; a bad severity names the field.
    const bIds = ids(await b.admin.client.ok(conn, { first: 100 }));
    expect(bIds.some((id: string) => ids(all).includes(id))).toBe(false);
    expect((await a.admin.client.fail(conn, { f: { severity: "grave" } })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "filter.severity" });
    const access = await a.admin.client.ok(`query($f: DataAccessLogFilter) { dataAccessLogsConnection(filter: $f, first: 5) { totalCount edges { node { action } } } }`, { f: { action: "client.read" } });
    expect(access.dataAccessLogsConnection.edges.every((e: { node: { action: string } }) => e.node.action === "client.read")).toBe(true);
  });
});
