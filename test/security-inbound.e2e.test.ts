import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AddHandoffNoteDocument, AddTicketCommentDocument, CreateInboxDocument, CreateTicketDocument, RequestHandoffDocument, SubmitClientMessageDocument } from "./generated/graphql";
import { signGeneric } from "../src/channels/generic/verify";
import { openSession } from "./support/conversation";
import { channelFor } from "../src/channels";
import { InboxProvider } from "../src/schema/enums";
import { answerCredentialChecks, sendJson, startFakeServer, type FakeServer } from "./support/fake-http-server";
import { textPdf } from "./support/minimal-pdf";
import { hasPostgres } from "./support/services";
import { startTestServer, type TestServer } from "./support/server";
import { createTenant, type TestTenant } from "./support/tenant";
import { evolutionFixture, post, waitFor } from "./support/webhooks";

const run = hasPostgres() ? describe : describe.skip;
const MB = 1024 * 1024;

/** Issue 20 #6: tenant-given URLs never reach private addresses, when saved or when used. */
run("SSRF: provider URLs with ALLOW_PRIVATE_URLS=false", () => {
  let server: TestServer;
  let listener: FakeServer;
  let t: TestTenant;
  beforeAll(async () => {
    listener = await startFakeServer((req, res) => void (answerCredentialChecks(req, res) || sendJson(res, 201, { key: { id: "NUNCA" } })));
    server = await startTestServer({ env: { ALLOW_PRIVATE_URLS: "false" } });
    t = await createTenant(server);
  });
  afterAll(async () => {
    await server?.close();
    await listener?.close();
  });

  it("refuses loopback, private, link-local and metadata URLs at create, naming the field", async () => {
    const port = new URL(listener.url).port;
    const evolution = (baseUrl: string) => ({ name: "Evo", provider: "EVOLUTION" as const, evolution: { baseUrl, instance: "x", apiKey: "k" } });
    for (const baseUrl of [listener.url, `http://localhost:${port}`, "http://169.254.169.254/latest/meta-data", `http://[::1]:${port}`, `http://2130706433:${port}`, "http://10.0.0.5", "http://192.168.0.10:8080", "gopher://127.0.0.1:6379", "http://user:pw@example.com"]) {
      const err = await t.admin.client.fail(CreateInboxDocument, { input: evolution(baseUrl) });
      expect(err.extensions, baseUrl).toMatchObject({ code: "BAD_USER_INPUT", field: "evolution.baseUrl" });
    }
    const cloud = await t.admin.client.fail(CreateInboxDocument, {
      input: { name: "Cloud", provider: "WHATSAPP_CLOUD", whatsappCloud: { phoneNumberId: "123", accessToken: "t", appSecret: "s", verifyToken: "v", graphApiUrl: "http://127.0.0.1:6379" } },
    });
    expect(cloud.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "whatsappCloud.graphApiUrl" });
    expect(listener.requests).toHaveLength(0);
  });

  it("checks the address actually connected to: a URL that now resolves to 127.0.0.1 receives nothing", async () => {
    // Saved while it pointed somewhere public (a documentation address; nothing ever connects to it)…
    // (the credentials check passed then: nothing listens at that address here, so it is skipped for this creation)
    const evolution = channelFor(InboxProvider.EVOLUTION);
    const verify = evolution.verifyCredentials;
    evolution.verifyCredentials = undefined;
    const created = await t.admin.client
      .ok(CreateInboxDocument, { input: { name: "Evo", provider: "EVOLUTION", evolution: { baseUrl: "http://203.0.113.77", instance: "loja", apiKey: "chave-secreta" } } })
      .finally(() => (evolution.verifyCredentials = verify));
    const inboxId = created.createInbox.inbox.id;
    // …then the name moves to the loopback (DNS rebinding), simulated by rewriting the stored config.
    const box = server.app.services.infra.box;
    const [row] = await server.app.ds.query(`SELECT config_sealed FROM inboxes WHERE id = $1`, [inboxId]);
    const config = { ...box.openJson<Record<string, unknown>>(row.config_sealed), baseUrl: `http://localhost:${new URL(listener.url).port}` };
    await server.app.ds.query(`UPDATE inboxes SET config_sealed = $1 WHERE id = $2`, [box.sealJson(config), inboxId]);
    const body = JSON.parse(evolutionFixture("messages-upsert-text").toString());
    body.instance = "loja";
    body.data.key.id = "SSRF000001";
    expect((await post(`${server.url}${created.createInbox.inbox.webhookPath}`, JSON.stringify(body))).status).toBe(200);
    // The reply is attempted (and fails) without a single byte reaching the listener.
    await waitFor(async () => {
      const [m] = await server.app.ds.query(`SELECT delivery_error FROM messages WHERE direction = 'OUTBOUND' AND session_id IN (SELECT id FROM sessions WHERE inbox_id = $1)`, [inboxId]);
      const [e] = await server.app.ds.query(`SELECT status FROM inbound_events WHERE inbox_id = $1`, [inboxId]);
      return e?.status === "PROCESSED" && m;
    }, 20_000, "reply attempted");
    await new Promise((r) => setTimeout(r, 2000));
    expect(listener.requests).toHaveLength(0);
  });
});

/** Issue 20 #8: 1 MB of each pathological shape through the real webhooks: processed once, truncated with a record. */
run("inbound text limit and regex safety", () => {
  let server: TestServer;
  let evo: FakeServer;
  let t: TestTenant;
  let evolutionUrl: string;
  let genericUrl: string;
  let genericSecret: string;
  let cloudUrl: string;
  const APP_SECRET = "segredo-do-app-meta";
  beforeAll(async () => {
    evo = await startFakeServer((req, res) => void (answerCredentialChecks(req, res) || sendJson(res, 201, { key: { id: `R${crypto.randomUUID()}` }, messages: [{ id: `wamid.${crypto.randomUUID()}` }] })));
    server = await startTestServer();
    t = await createTenant(server);
    const e = await t.admin.client.ok(CreateInboxDocument, { input: { name: "Evo", provider: "EVOLUTION", evolution: { baseUrl: evo.url, instance: "atendimento-loja01", apiKey: "k" } } });
    evolutionUrl = `${server.url}${e.createInbox.inbox.webhookPath}`;
    const g = await t.admin.client.ok(CreateInboxDocument, { input: { name: "Site", provider: "GENERIC_WEBHOOK" } });
    genericUrl = `${server.url}${g.createInbox.inbox.webhookPath}`;
    genericSecret = g.createInbox.webhookSecret;
    const c = await t.admin.client.ok(CreateInboxDocument, { input: { name: "Cloud", provider: "WHATSAPP_CLOUD", whatsappCloud: { phoneNumberId: "109876543210987", accessToken: "tok", appSecret: APP_SECRET, verifyToken: "v", graphApiUrl: evo.url } } });
    cloudUrl = `${server.url}${c.createInbox.inbox.webhookPath}`;
  });
  afterAll(async () => {
    await server?.close();
    await evo?.close();
  });

  const shapes: Record<string, string> = {
    "one repeated letter": "a".repeat(MB),
    "alternating letters": "ab".repeat(MB / 2),
    "laughter": "ha".repeat(MB / 2),
    "long words": Array.from({ length: MB / 64 }, (_, i) => `palavra${"x".repeat(50)}${i}`).join(" ").slice(0, MB),
    "digits then x": "1".repeat(MB - 1) + "x",
    "nested brackets and emoji": "([{😀".repeat(MB / 5),
    "spaces": " ".repeat(MB - 1) + "a",
  };

  it("processes every shape once through Evolution, Cloud API and generic webhooks: cut to 4096 characters, original length recorded", async () => {
    let n = 0;
    const sent: Array<{ id: string; length: number }> = [];
    for (const [name, text] of Object.entries(shapes)) {
      n++;
      const phone = `55119${String(80000000 + n)}`;
      const evoBody = JSON.parse(evolutionFixture("messages-upsert-text").toString());
      evoBody.data.key.id = `BIG${n}`;
      evoBody.data.key.remoteJid = `${phone}@s.whatsapp.net`;
      evoBody.data.message.conversation = text;
      expect((await post(evolutionUrl, JSON.stringify(evoBody))).status, name).toBe(200);
      sent.push({ id: `BIG${n}`, length: text.length });
      const gBody = Buffer.from(JSON.stringify({ messageId: `big-${n}`, from: { phone: `+55219${String(80000000 + n)}`, name: "Site" }, text }));
      const sig = signGeneric(gBody, genericSecret);
      expect((await post(genericUrl, gBody, { "x-signature": sig.signature, "x-timestamp": String(sig.timestamp) })).status, name).toBe(200);
      sent.push({ id: `generic:big-${n}`, length: text.length });
      const cBody = Buffer.from(JSON.stringify({ object: "whatsapp_business_account", entry: [{ id: "1", changes: [{ field: "messages", value: { messaging_product: "whatsapp", metadata: { display_phone_number: "551130000000", phone_number_id: "109876543210987" }, contacts: [{ profile: { name: "Cloud" }, wa_id: `55319${String(80000000 + n)}` }], messages: [{ from: `55319${String(80000000 + n)}`, id: `wamid.BIG${n}`, timestamp: String(Math.floor(Date.now() / 1000)), type: "text", text: { body: text } }] } }] }] }));
      const cSig = `sha256=${crypto.createHmac("sha256", APP_SECRET).update(cBody).digest("hex")}`;
      expect((await post(cloudUrl, cBody, { "x-hub-signature-256": cSig })).status, name).toBe(200);
      sent.push({ id: `wamid.BIG${n}`, length: text.length });
    }
    await waitFor(async () => {
      const rows = await server.app.ds.query(`SELECT status FROM inbound_events WHERE status IN ('PENDING')`);
      return rows.length === 0;
    }, 120_000, "every event processed");
    const events = await server.app.ds.query(`SELECT status, attempts, error FROM inbound_events`);
    expect(events.filter((e: { status: string }) => e.status !== "PROCESSED")).toEqual([]);
    expect(events.every((e: { attempts: number }) => e.attempts === 1)).toBe(true);
    for (const s of sent) {
      const [m] = await server.app.ds.query(`SELECT length(text) AS len, original_length, session_id FROM messages WHERE provider_message_id = $1`, [s.id]);
      expect(m, s.id).toBeTruthy();
      expect(m.len).toBeLessThanOrEqual(4096);
      expect(m.original_length).toBe(s.length);
      // The customer was attended: the assistant answered or a person was called.
      const [after] = await server.app.ds.query(
        `SELECT (SELECT count(*)::int FROM messages WHERE session_id = $1 AND direction = 'OUTBOUND') + (SELECT count(*)::int FROM handoffs WHERE session_id = $1) AS n`,
        [m.session_id],
      );
      expect(after.n, s.id).toBeGreaterThan(0);
    }
    const msg = await t.supervisor.client.ok(`{ sessions(first: 1, filter: { channel: WHATSAPP }) { edges { node { messages(first: 1) { edges { node { originalLength } } } } } } }`);
    expect(msg.sessions.edges[0].node.messages.edges[0].node.originalLength).toBeGreaterThan(4096);
  }, 300_000);

  it("refuses oversized text on the API paths, naming the field", async () => {
    const { sessionId, clientId } = await openSession(t.supervisor.client);
    expect((await t.integrator.fail(SubmitClientMessageDocument, { input: { sessionId, text: "a".repeat(4097) } })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "text" });
    const ticket = await t.supervisor.client.ok(CreateTicketDocument, { input: { clientId, channel: "WEB", message: "ok" } });
    expect((await t.supervisor.client.fail(AddTicketCommentDocument, { ticketId: ticket.createTicket.id, text: "a".repeat(10_001) })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "text" });
    expect((await t.supervisor.client.fail(CreateTicketDocument, { input: { clientId, channel: "WEB", message: "a".repeat(10_001) } })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "message" });
    const h = await t.supervisor.client.raw(RequestHandoffDocument, { input: { sessionId, reason: "teste" } });
    const handoffId = h.data?.requestHandoff.id ?? (await t.supervisor.client.ok(`query($id: ID!) { session(id: $id) { handoff { id } } }`, { id: sessionId })).session.handoff.id;
    expect((await t.supervisor.client.fail(AddHandoffNoteDocument, { handoffId, text: "a".repeat(5001) })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "text" });
  });

  it("gives up an event that keeps failing, visibly, instead of retrying forever", async () => {
    const [row] = await server.app.ds.query(
      `INSERT INTO inbound_events (tenant_id, inbox_id, event_key, payload, status, attempts) SELECT tenant_id, id, 'stuck-1', '{"event":{"kind":"message"}}', 'PENDING', 20 FROM inboxes WHERE provider = 'EVOLUTION' LIMIT 1 RETURNING id`,
    );
    await server.app.services.intake.requeueStale(0);
    const [after] = await server.app.ds.query(`SELECT status FROM inbound_events WHERE id = $1`, [row.id]);
    expect(after.status).toBe("FAILED");
  });
});

/** Issue 20 #14: in the embedded mode an OCR job lost with the process is picked up at the next start. */
describe("OCR recovery after a crash in the embedded mode (PGlite)", () => {
  it("re-runs a document left PROCESSING by a dead process right after restart", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "atende-ocr-crash-"));
    const env = { JWT_SECRET: "", ENCRYPTION_KEY: "" };
    let server = await startTestServer({ database: "pglite", dataDir, env });
    let docId: string;
    try {
      const t = await createTenant(server);
      const key = `${t.id}/documents/crash-test.pdf`;
      await server.app.services.infra.storage.put(key, textPdf([{ text: "Conta de luz - Total a pagar R$ 123,45", x: 50, top: 80 }]), "application/pdf");
      // What a process killed in the middle of OCR leaves behind: PROCESSING, no job anywhere.
      [{ id: docId }] = await server.app.ds.query(
        `INSERT INTO documents (tenant_id, filename, mime_type, size, kind, ocr_status, storage_key) VALUES ($1, 'conta.pdf', 'application/pdf', 100, 'OTHER', 'PROCESSING', $2) RETURNING id`,
        [t.id, key],
      );
    } finally {
      await server.close();
    }
    server = await startTestServer({ database: "pglite", dataDir, env });
    try {
      await waitFor(async () => (await server.app.ds.query(`SELECT ocr_status FROM documents WHERE id = $1`, [docId!]))[0].ocr_status === "DONE", 90_000, "document read after restart");
      // With PostgreSQL (several processes), a PROCESSING row without heartbeat for 2 minutes is lost (was 15).
      await server.app.ds.query(`UPDATE documents SET ocr_status = 'PROCESSING', updated_at = now() - interval '3 minutes' WHERE id = $1`, [docId!]);
      expect((await server.app.services.documents.reader.requeueStale()).requeued).toBe(1);
    } finally {
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
