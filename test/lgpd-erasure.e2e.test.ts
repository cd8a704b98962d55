import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  AddTicketCommentDocument, ApproveDataSubjectRequestDocument, AuditLogsDocument, ConsentHistoryDocument, CreateClientDocument, CreateTicketDocument,
  DataSubjectRequestsDocument, ExportClientDataDocument, GetClientDocument, GrantConsentDocument, RequestDataSubjectActionDocument, RevokeConsentDocument,
  StartSessionDocument, UpdateTenantSettingsDocument,
} from "./generated/graphql";
import { newStorageKey } from "../src/infra/storage";
import { say } from "./support/conversation";
import { dumpDatabase, pollUntil, serviceContext, withPg } from "./support/lgpd";
import { hasPostgres } from "./support/services";
import type { TestServer } from "./support/server";
import type { TestTenant } from "./support/tenant";
import { withTwoTenants } from "./support/suite";

const run = hasPostgres() ? describe : describe.skip;

const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

run("LGPD deletion and export", () => {
  let server: TestServer;
  let a: TestTenant;
  let b: TestTenant;
  withTwoTenants((s) => ({ server, a, b } = s));

  /** A client with something in every area, and a file in storage written by a test-only area. */
  async function clientWithEverything(t: TestTenant, p: { name: string; email: string; phone: string; e164: string; cpf: string; ip: string; secret: string }) {
    const { createClient } = await t.agent.client.ok(CreateClientDocument, { input: { name: p.name, email: p.email, phone: p.phone, document: p.cpf } });
    const clientId = createClient.id;
    // WhatsApp id as a webhook would store it.
    await server.app.services.clients.findOrCreateByPhone(serviceContext(server, t), p.e164, { waId: p.e164.slice(1) });
    const t1 = (await t.agent.client.ok(CreateTicketDocument, { input: { clientId, channel: "WHATSAPP", subject: `Entrega ${p.secret}`, message: `Meu pedido ${p.secret} não chegou na Rua das Acácias 42` } })).createTicket;
    const t2 = (await t.agent.client.ok(CreateTicketDocument, { input: { clientId, channel: "EMAIL", message: `Quero cancelar, sou ${p.name} e moro em Itapecerica ${p.secret}` } })).createTicket;
    const c1 = (await t.agent.client.ok(AddTicketCommentDocument, { ticketId: t2.id, text: `Liguei para ${p.name} no ${p.phone}, CPF ${p.cpf}` })).addTicketComment;
    const g = (await t.agent.client.ok(GrantConsentDocument, { input: { clientId, purpose: "MARKETING", text: "Aceito receber ofertas.", textVersion: "v3", source: `web ip:${p.ip}` } })).grantConsent;
    const r = (await t.agent.client.ok(RevokeConsentDocument, { input: { clientId, purpose: "MARKETING", reason: `${p.name} pediu por e-mail (${p.email})`, source: `email:${p.email}` } })).revokeConsent;
    const access = (await t.agent.client.ok(RequestDataSubjectActionDocument, { input: { clientId, type: "ACCESS", reason: `Sou ${p.name}, quero meus dados` } })).requestDataSubjectAction;
    await t.admin.client.ok(GetClientDocument, { id: clientId }, { "x-access-justification": "atendimento do protocolo 2024-001" });
    // A conversation with a voice note stored as the WhatsApp intake stores it.
    const session = (await t.agent.client.ok(StartSessionDocument, { input: { clientId, channel: "WEB" } })).startSession;
    const { message } = await say(t.agent.client, session.id, `Oi, sou ${p.name}, pedido ${p.secret}`);
    const mediaKey = newStorageKey(t.id, "media", "audio/ogg");
    await server.app.services.infra.storage.put(mediaKey, Buffer.from(`voz de ${p.name}, CPF ${p.cpf}`), "audio/ogg");
    await server.app.ds.query(`UPDATE messages SET media = $2 WHERE id = $1`, [message.id, JSON.stringify({ storageKey: mediaKey, mimeType: "audio/ogg", fileName: `${p.name}.ogg` })]);
    return { clientId, ticketIds: [t1.id, t2.id], commentIds: [...t1.comments.map((c) => c.id), ...t2.comments.map((c) => c.id), c1.id], consentIds: [g.id, r.id], requestIds: [access.id] };
  }

  it("erases every trace of the client from the database and storage, keeping the proof", async () => {
    const p = { name: "Rosângela Pereira Quintanilha", email: "rosangela.quintanilha@exemplo.com.br", phone: "(11) 98765-4321", e164: "+5511987654321", cpf: "529.982.247-25", ip: "189.40.10.20", secret: "XPTO-7781" };
    // Another tenant's client with the same data must stay untouched.
    const other = await clientWithEverything(b, p);
    const otherMedia = (await withPg(server, (pg) => pg.query(`SELECT m.media->>'storageKey' AS key FROM messages m JOIN sessions s ON s.id = m.session_id WHERE s.client_id = $1 AND m.media IS NOT NULL`, [other.clientId]))).rows[0].key as string;
    const mine = await clientWithEverything(a, p);

    // A later area (documents) plugs in through the registry: rows in the transaction, files after commit.
    const filesDir = path.join(server.dataDir, "files", a.id);
    fs.mkdirSync(filesDir, { recursive: true });
    const file = path.join(filesDir, `${mine.clientId}-rg.txt`);
    fs.writeFileSync(file, `RG de ${p.name}, CPF ${p.cpf}`);
    const registry = server.app.services.personalData;
    registry.register("testFiles", {
      erase: async (_em, tenantId, clientId, run) => {
        const target = path.join(server.dataDir, "files", tenantId, `${clientId}-rg.txt`);
        run.afterErase.push(async () => fs.rmSync(target, { force: true }));
      },
      export: async (_em, tenantId, clientId) => ({ files: fs.existsSync(path.join(server.dataDir, "files", tenantId, `${clientId}-rg.txt`)) ? [`${clientId}-rg.txt`] : [] }),
    });

    try {
      await a.admin.client.ok(UpdateTenantSettingsDocument, { input: { deletionGraceDays: 0 } });
      const del = (await a.agent.client.ok(RequestDataSubjectActionDocument, { input: { clientId: mine.clientId, type: "DELETION", reason: `Eu, ${p.name}, CPF ${p.cpf}, peço a exclusão` } })).requestDataSubjectAction;
      const approved = (await a.admin.client.ok(ApproveDataSubjectRequestDocument, { id: del.id })).approveDataSubjectRequest;
      expect(approved.status).toBe("APPROVED");
      expect(Math.abs(Date.parse(approved.executeAfter!) - Date.now())).toBeLessThan(5_000);

      const done = await pollUntil(async () => (await a.admin.client.ok(DataSubjectRequestsDocument, { status: "COMPLETED" })).dataSubjectRequests.find((r) => r.id === del.id));
      expect(done).toMatchObject({ status: "COMPLETED", client: null });
      expect(done.completedAt).not.toBeNull();

      // Direct inspection: no table holds the name, e-mail, phone, CPF, IP or ticket texts of tenant A's client...
      const otherTenantRows = new Set([other.clientId, ...other.ticketIds, ...other.commentIds, ...other.consentIds, ...other.requestIds]);
      const needles = [
        "Rosângela", "Quintanilha", p.email, "rosangela", p.e164, "5511987654321", "98765-4321", "987654321", "52998224725", p.cpf, p.ip,
        p.secret, "Rua das Acácias", "Itapecerica", "pediu por e-mail",
      ].map(fold);
      const dump = await dumpDatabase(server);
      const leaks: string[] = [];
      for (const [table, text] of dump) {
        for (const line of text.split("\n")) {
          // ...except in rows of tenant B, which holds its own copy of the same person.
          if ([...otherTenantRows].some((id) => line.includes(id)) || line.includes(b.id)) continue;
          for (const n of needles) if (fold(line).includes(n)) leaks.push(`${table}: ${n}: ${line.slice(0, 200)}`);
        }
      }
      expect(leaks).toEqual([]);
      // ...and tenant B's copy is intact (the inspection above would be meaningless otherwise).
      expect(fold(dump.get("clients")!)).toContain("quintanilha");
      expect(dump.get("tickets")).toContain(p.secret);

      // Storage: the file is gone, and no file under DATA_DIR mentions the client.
      expect(fs.existsSync(file)).toBe(false);
      const files = fs.readdirSync(server.dataDir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.join(d.parentPath, d.name));
      expect(files.some((f) => f.endsWith(otherMedia.split("/").pop()!))).toBe(true); // tenant B's voice note stays
      for (const f of files.filter((f) => !f.includes(b.id))) {
        const text = fold(fs.readFileSync(f).toString("latin1"));
        for (const n of needles) expect(text.includes(n), `${f} contains ${n}`).toBe(false);
      }

      // The rows that prove what happened survive, anonymised.
      await withPg(server, async (pg) => {
        const client = (await pg.query(`SELECT name, email, phone, document, wa_id, search_text, anonymized_at FROM clients WHERE id = $1`, [mine.clientId])).rows[0];
        expect(client).toMatchObject({ name: "Titular removido", email: null, phone: null, document: null, wa_id: null, search_text: "" });
        expect(client.anonymized_at).not.toBeNull();
        const consents = (await pg.query(`SELECT granted, source, text FROM consents WHERE client_id = $1 ORDER BY seq`, [mine.clientId])).rows;
        expect(consents).toEqual([{ granted: true, source: "[removido]", text: "Aceito receber ofertas." }, { granted: false, source: "[removido]", text: "Aceito receber ofertas." }]);
        const tickets = (await pg.query(`SELECT message, subject, triage->'response' AS response FROM tickets WHERE client_id = $1`, [mine.clientId])).rows;
        expect(tickets).toHaveLength(2);
        for (const t of tickets) expect(t).toMatchObject({ message: "[removido]", response: null });
        const requests = (await pg.query(`SELECT type, status FROM data_subject_requests WHERE client_id = $1 ORDER BY created_at`, [mine.clientId])).rows;
        expect(requests).toEqual([{ type: "ACCESS", status: "COMPLETED" }, { type: "DELETION", status: "COMPLETED" }]);
      });
      // The client is gone from the API; its consent history (the proof) is still readable by id.
      expect((await a.agent.client.fail(GetClientDocument, { id: mine.clientId })).extensions?.code).toBe("NOT_FOUND");
      expect((await a.admin.client.ok(ConsentHistoryDocument, { clientId: mine.clientId })).consentHistory.map((c) => c.source)).toEqual(["[removido]", "[removido]"]);
      // The phone is free again: the same person may come back as a new client.
      await a.agent.client.ok(CreateClientDocument, { input: { name: "Nova cliente", phone: p.phone } });

      const audit = (await a.admin.client.ok(AuditLogsDocument, { first: 50 })).auditLogs;
      const executed = audit.find((e) => e.event === "lgpd.deletion_executed" && e.detail?.requestId === del.id);
      expect(executed).toMatchObject({ severity: "critical", actor: null });
      expect(executed?.detail?.areas).toEqual(expect.arrayContaining(["client", "consents", "tickets", "dataSubjectRequests", "testFiles"]));

      // Running the job again changes nothing (idempotent).
      expect(await server.app.services.erasure.execute(del.id)).toBe("skipped");
    } finally {
      registry.unregister("testFiles");
      await a.admin.client.ok(UpdateTenantSettingsDocument, { input: { deletionGraceDays: 15 } });
    }
  });

  it("exports everything held about the client, from every registered area", async () => {
    const p = { name: "Exportada da Silva", email: "exportada@exemplo.com.br", phone: "(21) 99876-5432", e164: "+5521998765432", cpf: "390.533.447-05", ip: "200.10.20.30", secret: "EXP-1" };
    const c = await clientWithEverything(a, p);
    const rect = (await a.agent.client.ok(RequestDataSubjectActionDocument, { input: { clientId: c.clientId, type: "RECTIFICATION" } })).requestDataSubjectAction;
    server.app.services.personalData.register("laterArea", { export: async (_em, _tenantId, clientId) => ({ sessions: [{ clientId, messages: 3 }] }) });
    try {
      const doc = (await a.supervisor.client.ok(ExportClientDataDocument, { clientId: c.clientId })).exportClientData;
      expect(doc.format).toBe("atende.lgpd-export/v1");
      expect(Math.abs(Date.parse(doc.exportedAt) - Date.now())).toBeLessThan(10_000);
      expect(doc.clientId).toBe(c.clientId);
      expect(doc.data.client.profile).toMatchObject({ id: c.clientId, name: p.name, email: p.email, phone: p.e164, document: "39053344705", documentType: "CPF", whatsappId: p.e164.slice(1) });
      expect(doc.data.consents.history.map((h: { id: string }) => h.id)).toEqual(c.consentIds);
      expect(doc.data.consents.history[0]).toMatchObject({ granted: true, source: `web ip:${p.ip}`, textVersion: "v3" });
      expect(doc.data.tickets.tickets.map((t: { id: string }) => t.id).sort()).toEqual([...c.ticketIds].sort());
      const commentIds = doc.data.tickets.tickets.flatMap((t: { comments: Array<{ id: string }> }) => t.comments.map((x) => x.id));
      expect(commentIds.sort()).toEqual([...c.commentIds].sort());
      expect(JSON.stringify(doc.data.tickets)).toContain(`Meu pedido ${p.secret}`);
      expect(doc.data.dataSubjectRequests.requests.map((r: { id: string }) => r.id).sort()).toEqual([...c.requestIds, rect.id].sort());
      expect(doc.data.laterArea).toEqual({ sessions: [{ clientId: c.clientId, messages: 3 }] });
      // Ids of staff are not the data subject's data.
      expect(JSON.stringify(doc)).not.toContain(a.agent.id);
    } finally {
      server.app.services.personalData.unregister("laterArea");
    }
  });

  it("export is for ADMIN and SUPERVISOR of the same tenant", async () => {
    const clientId = (await a.agent.client.ok(CreateClientDocument, { input: { name: "Restrita" } })).createClient.id;
    expect((await a.agent.client.fail(ExportClientDataDocument, { clientId })).extensions?.code).toBe("FORBIDDEN");
    expect((await a.integrator.fail(ExportClientDataDocument, { clientId })).extensions?.code).toBe("FORBIDDEN");
    expect((await b.admin.client.fail(ExportClientDataDocument, { clientId })).extensions?.code).toBe("NOT_FOUND");
    expect((await a.admin.client.ok(ExportClientDataDocument, { clientId })).exportClientData.data.client.profile.name).toBe("Restrita");
  });
});
