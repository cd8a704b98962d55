import { describe, expect, it } from "vitest";
import {
  AuditLogsDocument, ClientConsentsDocument, ConsentHistoryDocument, CreateClientDocument, GrantConsentDocument, HasConsentDocument, RevokeConsentDocument,
} from "./generated/graphql";
import { serviceContext, withPg } from "./support/lgpd";
import { hasPostgres } from "./support/services";
import type { TestServer } from "./support/server";
import type { TestTenant } from "./support/tenant";
import { withTwoTenants } from "./support/suite";
import { ConsentPurpose } from "../src/schema/enums";

const run = hasPostgres() ? describe : describe.skip;

const MARKETING_TEXT = "Aceito receber ofertas e novidades da Loja pelo WhatsApp. Posso cancelar a qualquer momento respondendo PARAR.";

run("LGPD consents", () => {
  let server: TestServer;
  let a: TestTenant;
  let b: TestTenant;
  withTwoTenants((s) => ({ server, a, b } = s));

  const newClient = async (t: TestTenant, name = "Maria Souza") => (await t.agent.client.ok(CreateClientDocument, { input: { name } })).createClient.id;
  const grant = (t: TestTenant, clientId: string, purpose: "MARKETING" | "AI_PROCESSING" | "WHATSAPP_CONTACT" | "DATA_SHARING" = "MARKETING", textVersion = "v1") =>
    t.agent.client.ok(GrantConsentDocument, { input: { clientId, purpose, text: MARKETING_TEXT, textVersion, source: "web ip:189.40.10.20" } }).then((r) => r.grantConsent);

  it("grants, revokes by appending a record, and answers hasConsent from the latest record", async () => {
    const clientId = await newClient(a);
    expect((await a.agent.client.ok(HasConsentDocument, { clientId, purpose: "MARKETING" })).hasConsent).toBe(false);
    const granted = await grant(a, clientId);
    expect(granted).toMatchObject({ purpose: "MARKETING", granted: true, text: MARKETING_TEXT, textVersion: "v1", source: "web ip:189.40.10.20", revokedAt: null, client: { id: clientId } });
    expect((await a.agent.client.ok(HasConsentDocument, { clientId, purpose: "MARKETING" })).hasConsent).toBe(true);
    expect((await a.agent.client.ok(HasConsentDocument, { clientId, purpose: "AI_PROCESSING" })).hasConsent).toBe(false);

    const revoked = (await a.supervisor.client.ok(RevokeConsentDocument, { input: { clientId, purpose: "MARKETING", reason: "pediu por telefone" } })).revokeConsent;
    expect(revoked).toMatchObject({ purpose: "MARKETING", granted: false, text: MARKETING_TEXT, textVersion: "v1" });
    expect(revoked.id).not.toBe(granted.id);
    expect(revoked.revokedAt).not.toBeNull();
    expect(revoked.source).toMatch(/^api/);
    expect((await a.agent.client.ok(HasConsentDocument, { clientId, purpose: "MARKETING" })).hasConsent).toBe(false);

    // Granting again (new text version) is a third record; nothing was changed in place.
    await grant(a, clientId, "MARKETING", "v2");
    const history = (await a.admin.client.ok(ConsentHistoryDocument, { clientId })).consentHistory;
    expect(history.map((h) => [h.granted, h.textVersion])).toEqual([[true, "v1"], [false, "v1"], [true, "v2"]]);
    expect(history[0]!.id).toBe(granted.id);
    expect(history[0]!.revokedAt).toBeNull();
    expect((await a.agent.client.ok(HasConsentDocument, { clientId, purpose: "MARKETING" })).hasConsent).toBe(true);
  });

  it("shows the current state per purpose on Client.consents", async () => {
    const clientId = await newClient(a, "Carlos");
    await grant(a, clientId, "MARKETING");
    await grant(a, clientId, "AI_PROCESSING");
    await a.agent.client.ok(RevokeConsentDocument, { input: { clientId, purpose: "MARKETING" } });
    const consents = (await a.agent.client.ok(ClientConsentsDocument, { id: clientId })).client!.consents;
    expect(consents.map((c) => [c.purpose, c.granted]).sort()).toEqual([["AI_PROCESSING", true], ["MARKETING", false]]);
  });

  it("refuses to revoke what is not granted (CONFLICT) and validates input", async () => {
    const clientId = await newClient(a, "Joana");
    expect((await a.agent.client.fail(RevokeConsentDocument, { input: { clientId, purpose: "MARKETING" } })).extensions?.code).toBe("CONFLICT");
    await grant(a, clientId);
    await a.agent.client.ok(RevokeConsentDocument, { input: { clientId, purpose: "MARKETING" } });
    expect((await a.agent.client.fail(RevokeConsentDocument, { input: { clientId, purpose: "MARKETING" } })).extensions?.code).toBe("CONFLICT");
    const noText = await a.agent.client.fail(GrantConsentDocument, { input: { clientId, purpose: "MARKETING", text: "  ", textVersion: "v1", source: "web" } });
    expect(noText.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "text" });
    const noSource = await a.agent.client.fail(GrantConsentDocument, { input: { clientId, purpose: "MARKETING", text: "x", textVersion: "v1", source: "" } });
    expect(noSource.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "source" });
  });

  it("lets staff and integrators grant, revoke and read; anonymous callers are refused", async () => {
    const clientId = await newClient(a, "Integra");
    await a.integrator.ok(GrantConsentDocument, { input: { clientId, purpose: "WHATSAPP_CONTACT", text: "Aceito contato", textVersion: "1", source: "erp" } });
    expect((await a.integrator.ok(HasConsentDocument, { clientId, purpose: "WHATSAPP_CONTACT" })).hasConsent).toBe(true);
    expect((await a.integrator.ok(ConsentHistoryDocument, { clientId })).consentHistory).toHaveLength(1);
    await a.admin.client.ok(RevokeConsentDocument, { input: { clientId, purpose: "WHATSAPP_CONTACT" } });
    expect((await a.anonymous.fail(HasConsentDocument, { clientId, purpose: "WHATSAPP_CONTACT" })).extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("isolates tenants: another tenant's client is NOT_FOUND everywhere", async () => {
    const clientId = await newClient(a, "Só do A");
    await grant(a, clientId);
    expect((await b.admin.client.fail(HasConsentDocument, { clientId, purpose: "MARKETING" })).extensions?.code).toBe("NOT_FOUND");
    expect((await b.admin.client.fail(ConsentHistoryDocument, { clientId })).extensions?.code).toBe("NOT_FOUND");
    expect((await b.admin.client.fail(GrantConsentDocument, { input: { clientId, purpose: "MARKETING", text: "x", textVersion: "1", source: "s" } })).extensions?.code).toBe("NOT_FOUND");
    expect((await b.admin.client.fail(RevokeConsentDocument, { input: { clientId, purpose: "MARKETING" } })).extensions?.code).toBe("NOT_FOUND");
    expect((await b.admin.client.fail(HasConsentDocument, { clientId: "not-a-uuid", purpose: "MARKETING" })).extensions?.code).toBe("NOT_FOUND");
    expect((await a.agent.client.ok(HasConsentDocument, { clientId, purpose: "MARKETING" })).hasConsent).toBe(true);
  });

  it("enforces the append-only history in the database itself", async () => {
    const clientId = await newClient(a, "Append Only");
    const consent = await grant(a, clientId);
    await withPg(server, async (pg) => {
      await expect(pg.query(`UPDATE consents SET granted = false WHERE id = $1`, [consent.id])).rejects.toThrow(/append-only/);
      await expect(pg.query(`UPDATE consents SET source = 'x' WHERE id = $1`, [consent.id])).rejects.toThrow(/append-only/);
      await expect(pg.query(`DELETE FROM consents WHERE id = $1`, [consent.id])).rejects.toThrow(/append-only/);
      await expect(pg.query(`DELETE FROM consents`)).rejects.toThrow(/append-only/);
      await expect(pg.query(`TRUNCATE consents CASCADE`)).rejects.toThrow(/append-only/);

      // The erasure exception: only with the transaction-local setting, and only `source`/`reason`.
      await pg.query("BEGIN");
      await pg.query("SET LOCAL app.lgpd_erasure = 'on'");
      await expect(pg.query(`UPDATE consents SET granted = false WHERE id = $1`, [consent.id])).rejects.toThrow(/append-only/);
      await pg.query("ROLLBACK");
      await pg.query("BEGIN");
      await pg.query("SET LOCAL app.lgpd_erasure = 'on'");
      await expect(pg.query(`UPDATE consents SET source = '[removido]', text = 'outro texto' WHERE id = $1`, [consent.id])).rejects.toThrow(/append-only/);
      await pg.query("ROLLBACK");
      await pg.query("BEGIN");
      await pg.query("SET LOCAL app.lgpd_erasure = 'on'");
      await expect(pg.query(`DELETE FROM consents WHERE id = $1`, [consent.id])).rejects.toThrow(/append-only/);
      await pg.query("ROLLBACK");
      await pg.query("BEGIN");
      await pg.query("SET LOCAL app.lgpd_erasure = 'on'");
      const ok = await pg.query(`UPDATE consents SET source = '[removido]' WHERE id = $1`, [consent.id]);
      expect(ok.rowCount).toBe(1);
      await pg.query("ROLLBACK");
      // SET LOCAL ends with its transaction: the same connection is locked down again.
      await expect(pg.query(`UPDATE consents SET source = '[removido]' WHERE id = $1`, [consent.id])).rejects.toThrow(/append-only/);
      const row = await pg.query(`SELECT granted, source FROM consents WHERE id = $1`, [consent.id]);
      expect(row.rows[0]).toEqual({ granted: true, source: "web ip:189.40.10.20" });
    });
  });

  it("recognises an opt-out message, revokes MARKETING and returns the confirmation to send", async () => {
    const clientId = await newClient(a, "Opt Out");
    await grant(a, clientId);
    const ctx = serviceContext(server, a);
    const consents = server.app.services.consents;
    expect(await consents.revokeByClientMessage(ctx, clientId, "como faço para sair do plano?", "wamid.1")).toBeNull();
    expect(await consents.has(ctx, clientId, ConsentPurpose.MARKETING)).toBe(true);

    const reply = await consents.revokeByClientMessage(ctx, clientId, "  Parar! ", "wamid.HBgMNTUxMTk4NzY1NDMyMRUCABIYIDNB");
    expect(reply).toMatch(/não receberá mais mensagens/);
    expect(await consents.has(ctx, clientId, ConsentPurpose.MARKETING)).toBe(false);
    const history = (await a.agent.client.ok(ConsentHistoryDocument, { clientId })).consentHistory;
    expect(history.at(-1)).toMatchObject({ purpose: "MARKETING", granted: false, source: "message:wamid.HBgMNTUxMTk4NzY1NDMyMRUCABIYIDNB" });
    // Repeating the opt-out still confirms, and adds nothing.
    expect(await consents.revokeByClientMessage(ctx, clientId, "STOP", "wamid.2")).toMatch(/não receberá/);
    expect((await a.agent.client.ok(ConsentHistoryDocument, { clientId })).consentHistory).toHaveLength(2);

    const audit = (await a.admin.client.ok(AuditLogsDocument, { first: 20 })).auditLogs;
    const entry = audit.find((e) => e.event === "consent.revoked" && e.detail?.clientId === clientId);
    expect(entry?.detail).toMatchObject({ purpose: "MARKETING", via: "opt_out" });
  });
});
