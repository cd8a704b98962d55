import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AddHandoffNoteDocument, ClaimHandoffDocument, CloseSessionDocument, CompleteHandoffDocument, GetSessionDocument, RequestHandoffDocument, UpdateTenantSettingsDocument,
} from "./generated/graphql";
import { newStorageKey } from "../src/infra/storage";
import { RETENTION_JOB } from "../src/services/privacy/jobs";
import { openSession, say } from "./support/conversation";
import { dumpDatabase, pollUntil, withPg } from "./support/lgpd";
import { hasPostgres } from "./support/services";
import { startTestServer, type TestServer } from "./support/server";
import { createTenant, type TestTenant } from "./support/tenant";

const run = hasPostgres() ? describe : describe.skip;
const REMOVED = "[removido]";

interface Conversation { sessionId: string; marker: string; mediaKey: string; documentId: string; documentKey: string }

/**
 * Retention (LGPD Art. 15/16): conversations closed longer than the tenant keeps
 * them are anonymised by the scheduled job, with their notes, media files and the
 * documents read from them; everything younger, still open or of another tenant stays.
 */
run("LGPD retention of closed conversations", () => {
  let server: TestServer;
  let a: TestTenant;
  let b: TestTenant;
  const storage = () => server.app.services.infra.storage;
  const exists = (key: string) => storage().get(key).then(() => true, () => false);

  /** A conversation with everything personal a real one collects, optionally closed `closedDaysAgo` days ago. */
  async function conversation(t: TestTenant, closedDaysAgo: number | null): Promise<Conversation> {
    const marker = `Marcador${crypto.randomBytes(4).toString("hex")}`;
    const { clientId, sessionId } = await openSession(t.agent.client);
    const { message } = await say(t.agent.client, sessionId, `Moro na Rua ${marker}, 120. Preciso da segunda via do boleto`);
    const handoff = (await t.supervisor.client.ok(RequestHandoffDocument, { input: { sessionId, reason: "cliente pediu atendente" } })).requestHandoff;
    await t.agent.client.ok(ClaimHandoffDocument, { id: handoff.id });
    await t.agent.client.ok(AddHandoffNoteDocument, { handoffId: handoff.id, text: `Nota interna: cliente da Rua ${marker}` });
    await t.agent.client.ok(CompleteHandoffDocument, { input: { handoffId: handoff.id, resolution: `Boleto enviado para a Rua ${marker}`, satisfaction: 5 } });
    // A voice note and a photographed bill, stored as the WhatsApp intake stores them.
    const mediaKey = newStorageKey(t.id, "media", "audio/ogg");
    await storage().put(mediaKey, Buffer.from(`audio de ${marker}`), "audio/ogg");
    await server.app.ds.query(`UPDATE messages SET media = $2, extracted_text = $3 WHERE id = $1`, [
      message.id, JSON.stringify({ storageKey: mediaKey, mimeType: "audio/ogg", fileName: `audio-${marker}.ogg`, size: 20 }), `Texto lido: ${marker}`,
    ]);
    const documentKey = newStorageKey(t.id, "documents", "image/png");
    await storage().put(documentKey, Buffer.from(`conta de luz de ${marker}`), "image/png");
    const [doc] = await server.app.ds.query(
      `INSERT INTO documents (tenant_id, client_id, message_id, filename, mime_type, size, kind, ocr_status, ocr_text, fields, storage_key)
       VALUES ($1, $2, $3, $4, 'image/png', 20, 'UTILITY_BILL', 'DONE', $5, $6, $7) RETURNING id`,
      [t.id, clientId, message.id, `conta-${marker}.png`, `CONTA DE LUZ ${marker}`, JSON.stringify({ customerName: marker }), documentKey],
    );
    if (closedDaysAgo !== null) {
      await t.agent.client.ok(CloseSessionDocument, { id: sessionId });
      await server.app.ds.query(`UPDATE sessions SET ended_at = now() - make_interval(days => $2) WHERE id = $1`, [sessionId, closedDaysAgo]);
    }
    return { sessionId, marker, mediaKey, documentId: doc.id, documentKey };
  }

  const tableText = async () => [...(await dumpDatabase(server)).values()].join("\n");
  const retentionJob = async (done: () => Promise<boolean>) => {
    await server.app.jobs.enqueue(RETENTION_JOB, {});
    await pollUntil(async () => (await done()) || null, 20_000);
  };
  async function expectIntact(c: Conversation) {
    expect(await tableText()).toContain(c.marker);
    expect(await exists(c.mediaKey)).toBe(true);
    expect(await exists(c.documentKey)).toBe(true);
    const [doc] = await server.app.ds.query(`SELECT ocr_text, storage_key FROM documents WHERE id = $1`, [c.documentId]);
    expect(doc).toEqual({ ocr_text: `CONTA DE LUZ ${c.marker}`, storage_key: c.documentKey });
  }

  let old: Conversation;
  let recent: Conversation;
  let open: Conversation;
  let otherTenant: Conversation;
  let messagesBefore: number;
  let accessLogsBefore: number;

  beforeAll(async () => {
    server = await startTestServer();
    [a, b] = await Promise.all([createTenant(server), createTenant(server)]);
    await a.admin.client.ok(UpdateTenantSettingsDocument, { input: { retentionDays: 30 } });
    old = await conversation(a, 40);
    recent = await conversation(a, 10);
    open = await conversation(a, null);
    await server.app.ds.query(`UPDATE sessions SET created_at = now() - interval '200 days' WHERE id = $1`, [open.sessionId]);
    otherTenant = await conversation(b, 40); // b keeps the default 90 days
    messagesBefore = Number((await server.app.ds.query(`SELECT count(*) AS n FROM messages WHERE session_id = $1`, [old.sessionId]))[0].n);
    accessLogsBefore = Number((await server.app.ds.query(`SELECT count(*) AS n FROM data_access_logs WHERE tenant_id = $1`, [a.id]))[0].n);
  });
  afterAll(async () => {
    await server?.close();
  });

  it("anonymises the expired conversation everywhere: texts, notes, resolution, media files and its documents", async () => {
    expect(await tableText()).toContain(old.marker);
    await retentionJob(async () => !(await exists(old.mediaKey)) && !(await exists(old.documentKey)));

    expect(await tableText()).not.toContain(old.marker);
    const rows: Array<{ text: string | null; extracted_text: string | null; media: unknown }> = await server.app.ds.query(
      `SELECT text, extracted_text, media FROM messages WHERE session_id = $1`, [old.sessionId]);
    expect(rows).toHaveLength(messagesBefore); // rows stay: counts and analytics survive without content
    expect(rows.every((r) => (r.text === null || r.text === REMOVED) && r.extracted_text === null && r.media === null)).toBe(true);
    const [doc] = await server.app.ds.query(`SELECT filename, ocr_text, fields, storage_key FROM documents WHERE id = $1`, [old.documentId]);
    expect(doc).toEqual({ filename: REMOVED, ocr_text: null, fields: null, storage_key: null });
    const [session] = await server.app.ds.query(`SELECT anonymized_at FROM sessions WHERE id = $1`, [old.sessionId]);
    expect(session.anonymized_at).toBeInstanceOf(Date);

    // Through the API the conversation is still there, without its content.
    const viaApi = (await a.supervisor.client.ok(GetSessionDocument, { id: old.sessionId, first: 50 })).session;
    expect(viaApi!.messages.edges.map((e) => e.node.text).filter((t) => t !== null && t !== REMOVED)).toEqual([]);
  });

  it("keeps younger, still open and other tenants' conversations, and the access logs", async () => {
    await expectIntact(recent);
    await expectIntact(open);
    await expectIntact(otherTenant);
    const logs = Number((await server.app.ds.query(`SELECT count(*) AS n FROM data_access_logs WHERE tenant_id = $1`, [a.id]))[0].n);
    expect(logs).toBeGreaterThanOrEqual(accessLogsBefore);
  });

  it("is idempotent, and a file that could not be deleted is deleted on the next run", async () => {
    expect((await server.app.services.retention.run()).affected).toMatchObject({ closedSessions: 0, closedSessionDocuments: 0 });

    const late = await conversation(a, 45);
    const realDelete = storage().delete.bind(storage());
    let refused = 0;
    storage().delete = async (key: string) => {
      if (key === late.mediaKey || key === late.documentKey) {
        refused++;
        throw new Error("storage unavailable");
      }
      return realDelete(key);
    };
    try {
      const report = await server.app.services.retention.run();
      expect(report.affected).toMatchObject({ closedSessions: 1, closedSessionDocuments: 1 });
      expect(report.failures).toBeGreaterThanOrEqual(2);
      expect(refused).toBe(2);
    } finally {
      storage().delete = realDelete;
    }
    // The database already holds no content; only the keys to find the files again.
    expect(await exists(late.mediaKey)).toBe(true);
    await withPg(server, async (pg) => {
      const { rows } = await pg.query(`SELECT media FROM messages WHERE media IS NOT NULL AND session_id = $1`, [late.sessionId]);
      expect(rows).toEqual([{ media: { storageKey: late.mediaKey } }]);
    });

    await server.app.services.retention.run();
    expect(await exists(late.mediaKey)).toBe(false);
    expect(await exists(late.documentKey)).toBe(false);
    expect(await tableText()).not.toContain(late.marker);
  });
});
