import crypto from "node:crypto";
import { CreateApiKeyDocument, CreateUserDocument, SignUpDocument, type Role } from "../generated/graphql";
import type { GqlClient } from "./gql";
import type { TestServer } from "./server";

export const PASSWORD = "senha-forte-de-teste-123";

export interface TestUser { id: string; email: string; token: string; refreshToken?: string; client: GqlClient }
export interface TestTenant {
  id: string;
  name: string;
  admin: TestUser;
  supervisor: TestUser;
  agent: TestUser;
  agent2: TestUser;
  integrator: GqlClient;
  anonymous: GqlClient;
}

export const uniqueEmail = (prefix: string) => `${prefix.toLowerCase().normalize("NFD").replace(/[^a-z]+/g, ".")}.${crypto.randomBytes(4).toString("hex")}@exemplo.com.br`;

async function logInAs(server: TestServer, email: string): Promise<TestUser> {
  const anon = server.client();
  const r = await anon.ok(`mutation($e: String!, $p: String!) { logIn(input: { email: $e, password: $p }) { accessToken refreshToken user { id } } }`, { e: email, p: PASSWORD });
  return { id: r.logIn.user.id, email, token: r.logIn.accessToken, refreshToken: r.logIn.refreshToken, client: server.client(r.logIn.accessToken) };
}

/** A tenant with one user per role and an integrator API key. */
export async function createTenant(server: TestServer, name = `Loja ${crypto.randomBytes(2).toString("hex")}`): Promise<TestTenant> {
  const anon = server.client();
  const email = uniqueEmail("admin");
  const s = await anon.ok(SignUpDocument, { input: { tenantName: name, name: "Ana Admin", email, password: PASSWORD } });
  const admin: TestUser = { id: s.signUp.user.id, email, token: s.signUp.accessToken, refreshToken: s.signUp.refreshToken, client: server.client(s.signUp.accessToken) };
  const make = async (role: Role, label: string) => {
    const e = uniqueEmail(label);
    await admin.client.ok(CreateUserDocument, { input: { name: label, email: e, password: PASSWORD, role } });
    return logInAs(server, e);
  };
  const [supervisor, agent, agent2] = [await make("SUPERVISOR", "Sofia Supervisora"), await make("AGENT", "Alex Agente"), await make("AGENT", "Bruno Agente")];
  const key = await admin.client.ok(CreateApiKeyDocument, { name: "ERP", role: "INTEGRATOR" });
  return { id: s.signUp.user.tenant.id, name, admin, supervisor, agent, agent2, integrator: server.client(key.createApiKey.token), anonymous: anon };
}
