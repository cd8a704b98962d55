import { describe, expect, it } from "vitest";
import { CreateClientDocument, GetClientDocument, ListClientsDocument, UpdateClientDocument } from "./generated/graphql";
import { hasPostgres } from "./support/services";
import type { TestServer } from "./support/server";
import { createTenant, type TestTenant } from "./support/tenant";
import { withTwoTenants } from "./support/suite";

const run = hasPostgres() ? describe : describe.skip;

// Valid check digits, made up.
const CPF = "529.982.247-25";
const CNPJ = "11.222.333/0001-81";

run("clients", () => {
  let server: TestServer;
  let a: TestTenant;
  let b: TestTenant;
  withTwoTenants((s) => ({ server, a, b } = s));

  it("creates a client normalising phone, document and email", async () => {
    const r = await a.agent.client.ok(CreateClientDocument, { input: { name: "  Maria   Souza ", email: "Maria.Souza@Exemplo.COM.br", phone: "(11) 98765-4321", document: CPF } });
    expect(r.createClient).toMatchObject({ name: "Maria Souza", email: "maria.souza@exemplo.com.br", phone: "+5511987654321", document: "52998224725", documentType: "CPF", preferredChannel: "WHATSAPP" });
    const c = await a.agent.client.ok(CreateClientDocument, { input: { name: "Padaria Pão Quente", document: CNPJ, preferredChannel: "EMAIL" } });
    expect(c.createClient).toMatchObject({ document: "11222333000181", documentType: "CNPJ", preferredChannel: "EMAIL" });
  });

  it.each([
    ["+55 21 99876-5432", "+5521998765432"],
    ["5521998761111", "+5521998761111"],
    ["552188762222", "+5521988762222"], // without the 9th digit
    ["5531987650000@s.whatsapp.net", "+5531987650000"],
    ["(47) 3333-4444", "+554733334444"], // landline keeps 8 digits
  ])("normalises phone %s to %s", async (input, expected) => {
    const r = await a.admin.client.ok(CreateClientDocument, { input: { name: `Tel ${input}`, phone: input } });
    expect(r.createClient.phone).toBe(expected);
  });

  it("treats a WhatsApp JID and the formatted number as the same client", async () => {
    await a.admin.client.ok(CreateClientDocument, { input: { name: "Joana", phone: "5584991234567@s.whatsapp.net" } });
    const dup = await a.admin.client.fail(CreateClientDocument, { input: { name: "Joana 2", phone: "(84) 99123-4567" } });
    expect(dup.extensions).toMatchObject({ code: "CONFLICT", field: "phone" });
  });

  it.each([
    [{ name: "" }, "name"],
    [{ name: "X", email: "sem-arroba" }, "email"],
    [{ name: "X", phone: "123" }, "phone"],
    [{ name: "X", phone: "(20) 98765-4321" }, "phone"],
    [{ name: "X", document: "123.456.789-00" }, "document"],
    [{ name: "X", document: "11.111.111/1111-11" }, "document"],
    [{ name: "X".repeat(201) }, "name"],
  ])("rejects %j with BAD_USER_INPUT naming %s", async (input, field) => {
    const err = await a.agent.client.fail(CreateClientDocument, { input: input as never });
    expect(err.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(err.message).not.toMatch(/Error|SQL/);
  });

  it("rejects duplicates per tenant with CONFLICT naming the field, but not across tenants", async () => {
    await a.agent.client.ok(CreateClientDocument, { input: { name: "Dup", email: "dup@exemplo.com.br", document: "390.533.447-05" } });
    expect((await a.agent.client.fail(CreateClientDocument, { input: { name: "Dup2", email: "DUP@exemplo.com.br" } })).extensions).toMatchObject({ code: "CONFLICT", field: "email" });
    expect((await a.agent.client.fail(CreateClientDocument, { input: { name: "Dup3", document: "39053344705" } })).extensions).toMatchObject({ code: "CONFLICT", field: "document" });
    await b.agent.client.ok(CreateClientDocument, { input: { name: "Dup B", email: "dup@exemplo.com.br", document: "39053344705" } });
  });

  it("updates a client with the same validation", async () => {
    const c = await a.agent.client.ok(CreateClientDocument, { input: { name: "Carlos" } });
    const u = await a.agent.client.ok(UpdateClientDocument, { id: c.createClient.id, input: { phone: "11 91234-5678", preferredChannel: "PHONE" } });
    expect(u.updateClient).toMatchObject({ name: "Carlos", phone: "+5511912345678", preferredChannel: "PHONE" });
    const bad = await a.agent.client.fail(UpdateClientDocument, { id: c.createClient.id, input: { email: "x@" } });
    expect(bad.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "email" });
    const cleared = await a.agent.client.ok(UpdateClientDocument, { id: c.createClient.id, input: { phone: null } });
    expect(cleared.updateClient.phone).toBeNull();
  });

  it("searches by name without accents, by phone digits and by document; filters by channel", async () => {
    await a.agent.client.ok(CreateClientDocument, { input: { name: "Conceição Araújo", phone: "(71) 98888-7777", document: "111.444.777-35" } });
    const names = async (filter: object) => (await a.agent.client.ok(ListClientsDocument, { filter })).clients.edges.map((e) => e.node.name);
    expect(await names({ search: "conceicao" })).toEqual(["Conceição Araújo"]);
    expect(await names({ search: "ARAUJO" })).toEqual(["Conceição Araújo"]);
    expect(await names({ search: "98888-7777" })).toEqual(["Conceição Araújo"]);
    expect(await names({ search: "111.444.777-35" })).toEqual(["Conceição Araújo"]);
    expect(await names({ search: "100%_" })).toEqual([]);
    const email = await names({ preferredChannel: "EMAIL" });
    expect(email).toContain("Padaria Pão Quente");
    expect(email).not.toContain("Maria Souza");
  });

  it("paginates with stable keyset cursors, default 20 and max 100", async () => {
    const t = await createTenant(server);
    for (let i = 0; i < 25; i++) await t.agent.client.ok(CreateClientDocument, { input: { name: `Cliente ${String(i).padStart(2, "0")}` } });
    const p1 = await t.agent.client.ok(ListClientsDocument, {});
    expect(p1.clients.edges).toHaveLength(20);
    expect(p1.clients.totalCount).toBe(25);
    expect(p1.clients.pageInfo.hasNextPage).toBe(true);
    // A client created meanwhile (newest first) must not shift the next page.
    await t.agent.client.ok(CreateClientDocument, { input: { name: "Novo no meio" } });
    const p2 = await t.agent.client.ok(ListClientsDocument, { after: p1.clients.pageInfo.endCursor });
    expect(p2.clients.edges).toHaveLength(5);
    expect(p2.clients.pageInfo.hasNextPage).toBe(false);
    const all = [...p1.clients.edges, ...p2.clients.edges].map((e) => e.node.name);
    expect(new Set(all).size).toBe(25);
    expect(all[0]).toBe("Cliente 24");
    expect(all.at(-1)).toBe("Cliente 00");
    const small = await t.agent.client.ok(ListClientsDocument, { first: 10 });
    expect(small.clients.edges).toHaveLength(10);
    expect((await t.agent.client.fail(ListClientsDocument, { first: 101 })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
    expect((await t.agent.client.fail(ListClientsDocument, { first: -1 })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
    expect((await t.agent.client.fail(ListClientsDocument, { after: "bogus" })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });

  it("isolates tenants: another tenant's client is NOT_FOUND and never listed", async () => {
    const mine = await b.agent.client.ok(CreateClientDocument, { input: { name: "Segredo de B", phone: "(11) 97777-6666" } });
    const read = await a.admin.client.raw(GetClientDocument, { id: mine.createClient.id });
    expect(read.data?.client).toBeNull();
    expect(read.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect((await a.admin.client.fail(UpdateClientDocument, { id: mine.createClient.id, input: { name: "hack" } })).extensions?.code).toBe("NOT_FOUND");
    const listed = await a.admin.client.ok(ListClientsDocument, { first: 100, filter: { search: "segredo" } });
    expect(listed.clients.totalCount).toBe(0);
  });

  it("lets integrators manage clients but not read personal data fields", async () => {
    const r = await a.integrator.ok(`mutation { createClient(input: { name: "Via ERP", email: "erp@exemplo.com.br" }) { id name preferredChannel } }`);
    expect(r.createClient.name).toBe("Via ERP");
    const pd = await a.integrator.raw(`query($id: ID!) { client(id: $id) { id email } }`, { id: r.createClient.id });
    expect(pd.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
