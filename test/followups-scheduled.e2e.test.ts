import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CancelFollowUpDocument, CreateClientDocument, CreateInboxDocument, SignUpDocument, StartSessionDocument, FollowUpsDocument, GrantConsentDocument, ScheduleFollowUpDocument, SetSurveySettingsDocument, WaSessionDocument, WaSessionsDocument,
} from "./generated/graphql";
import { evolutionUpsert, startFakeEvolution, type FakeEvolution } from "./support/fake-whatsapp";
import { createTestDatabase, hasPostgres, hasRedis } from "./support/services";
import { startTestServer, type TestServer } from "./support/server";
import { createTenant, PASSWORD, uniqueEmail, type TestTenant } from "./support/tenant";
import { post, waitFor } from "./support/webhooks";

const run = hasPostgres() && hasRedis() ? describe : describe.skip;
const TZ = "America/Sao_Paulo";

/** Weekday (0 = Sunday) and HH:MM of `at` in São Paulo. */
function local(at: Date): { weekday: number; hhmm: string } {
  const parts = Object.fromEntries(new Intl.DateTimeFormat("en-US", { timeZone: TZ, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(at).map((p) => [p.type, p.value]));
  return { weekday: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(parts.weekday!), hhmm: `${parts.hour}:${parts.minute}` };
}

interface Channel { evo: FakeEvolution; hookUrl: string; secret: string }

async function whatsappInbox(t: TestTenant, server: TestServer, evo: FakeEvolution): Promise<Channel> {
  const created = (await t.admin.client.ok(CreateInboxDocument, { input: { name: "WhatsApp Loja", provider: "EVOLUTION", evolution: { baseUrl: evo.url, instance: evo.instance, apiKey: evo.apiKey } } })).createInbox;
  return { evo, secret: created.webhookSecret, hookUrl: `${server.url}${created.inbox.webhookPath}` };
}

let seq = 0;
/** A phone number of its own for each test's customer. */
const newPhone = () => `55119${String(Date.now() % 1e4).padStart(4, "0")}${String(++seq).padStart(4, "0")}`;

/** The customer writes on WhatsApp; resolves with the session and client once the message is stored (and answered). */
async function customerSays(t: TestTenant, ch: Channel, text: string, from: string): Promise<{ sessionId: string; clientId: string }> {
  const id = `FU${++seq}${Date.now()}`;
  expect((await post(ch.hookUrl, evolutionUpsert(ch.evo.instance, id, { conversation: text }, from), { "x-webhook-token": ch.secret })).status).toBe(200);
  return waitFor(async () => {
    for (const { node } of (await t.supervisor.client.ok(WaSessionsDocument)).sessions.edges) {
      if (node.client.phone !== `+${from}`) continue;
      const s = (await t.supervisor.client.ok(WaSessionDocument, { id: node.id })).session!;
      const msgs = s.messages.edges.map((e) => e.node);
      const i = msgs.findIndex((m) => m.providerMessageId === id);
      // Stored and answered (so its inbound hooks ran).
      if (i >= 0 && msgs.slice(i + 1).some((m) => m.direction === "OUTBOUND")) return { sessionId: s.id, clientId: s.client.id };
    }
    return null;
  }, 15_000, `"${text}" stored`);
}

const sentTexts = (evo: FakeEvolution) => evo.sent.filter((s) => s.path === "/message/sendText").map((s) => String(s.body.text));
const consent = (t: TestTenant, clientId: string) =>
  t.agent.client.ok(GrantConsentDocument, { input: { clientId, purpose: "WHATSAPP_CONTACT", source: "whatsapp", text: "Aceito contato pelo WhatsApp", textVersion: "v1" } });

run("Scheduled follow-ups (BullMQ delayed jobs on Redis, the database as the source of truth)", () => {
  let server: TestServer;
  let evo: FakeEvolution;
  let t: TestTenant;
  let ch: Channel;

  beforeAll(async () => {
    evo = await startFakeEvolution();
    server = await startTestServer({ redis: true, env: { SCHEDULED_SWEEP_MS: "500" } });
    t = await createTenant(server);
    ch = await whatsappInbox(t, server, evo);
  });
  afterAll(async () => {
    await server?.close();
    await evo?.close();
  });

  it("needs the consent sendProactiveMessage needs, then is sent at its time, visible in the conversation", async () => {
    const { sessionId, clientId } = await customerSays(t, ch, "Oi, vou pensar no orçamento e volto a falar", newPhone());
    const text = "Olá! Conseguiu avaliar o orçamento? Estamos à disposição.";
    const sendAt = new Date(Date.now() + 2_000).toISOString();
    const refused = await t.supervisor.client.fail(ScheduleFollowUpDocument, { input: { sessionId, text, sendAt } });
    expect(refused.extensions).toMatchObject({ code: "FORBIDDEN", reason: "CONSENT_REQUIRED", purpose: "WHATSAPP_CONTACT" });
    const both = await t.supervisor.client.fail(ScheduleFollowUpDocument, { input: { sessionId, text, sendAt, afterSilenceMinutes: 10 } });
    expect(both.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "sendAt" });
    expect((await t.supervisor.client.fail(ScheduleFollowUpDocument, { input: { sessionId, text, sendAt: "2020-01-01T00:00:00Z" } })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "sendAt" });

    await consent(t, clientId);
    const f = (await t.supervisor.client.ok(ScheduleFollowUpDocument, { input: { sessionId, text, sendAt } })).scheduleFollowUp;
    expect(f).toMatchObject({ status: "SCHEDULED", sessionId, text, createdById: t.supervisor.id });
    // The tenant is always open (no hours set): due exactly when asked.
    expect(f.dueAt).toBe(f.requestedAt);
    expect(new Date(f.dueAt).toISOString()).toBe(sendAt);
    expect((await t.supervisor.client.ok(FollowUpsDocument, { sessionId })).followUps.map((x) => x.id)).toEqual([f.id]);

    await waitFor(async () => sentTexts(evo).includes(text), 15_000, "follow-up sent on WhatsApp");
    const sent = await waitFor(async () => (await t.supervisor.client.ok(FollowUpsDocument, { sessionId })).followUps.find((x) => x.id === f.id && x.status === "SENT"), 15_000, "SENT");
    // Never before its time.
    expect(new Date(sent.sentAt!).getTime()).toBeGreaterThanOrEqual(new Date(sent.dueAt).getTime());
    const msgs = (await t.supervisor.client.ok(WaSessionDocument, { id: sessionId })).session!.messages.edges.map((e) => e.node);
    expect(msgs.find((m) => m.id === sent.messageId)).toMatchObject({ direction: "OUTBOUND", sender: "AGENT", text });
  });

  it("is pushed to the next open slot outside business hours, and can be cancelled", async () => {
    const { sessionId, clientId } = await customerSays(t, ch, "Bom dia", newPhone());
    await consent(t, clientId);
    const today = local(new Date()).weekday;
    const openDay = (today + 2) % 7;
    await t.admin.client.ok(SetSurveySettingsDocument, { input: { timezone: TZ, businessHours: [{ weekday: openDay, opens: "09:00", closes: "18:00" }] } });
    try {
      const sendAt = new Date(Date.now() + 60_000).toISOString();
      const f = (await t.supervisor.client.ok(ScheduleFollowUpDocument, { input: { sessionId, text: "Lembrete fora do horário", sendAt } })).scheduleFollowUp;
      expect(new Date(f.dueAt).getTime()).toBeGreaterThan(new Date(sendAt).getTime());
      expect(local(new Date(f.dueAt))).toEqual({ weekday: openDay, hhmm: "09:00" });
      expect(new Date(f.dueAt).getTime() - Date.now()).toBeLessThan(3 * 86_400_000);

      // The agent sees the conversation (AI-handled) and may cancel; twice is a conflict.
      const cancelled = (await t.agent.client.ok(CancelFollowUpDocument, { id: f.id })).cancelFollowUp;
      expect(cancelled).toMatchObject({ status: "CANCELLED", cancelReason: "BY_USER" });
      expect((await t.agent.client.fail(CancelFollowUpDocument, { id: f.id })).extensions?.code).toBe("CONFLICT");
    } finally {
      await t.admin.client.ok(SetSurveySettingsDocument, { input: { businessHours: [] } });
    }
  });

  it("is cancelled when the customer writes first; later follow-ups still go", async () => {
    const phone = newPhone();
    const { sessionId, clientId } = await customerSays(t, ch, "Pode mandar o boleto?", phone);
    await consent(t, clientId);
    const silent = (await t.supervisor.client.ok(ScheduleFollowUpDocument, { input: { sessionId, text: "Ficou alguma dúvida sobre a entrega?", afterSilenceMinutes: 60 } })).scheduleFollowUp;
    expect(silent).toMatchObject({ status: "SCHEDULED", afterSilenceMinutes: 60 });
    expect(new Date(silent.dueAt).getTime() - new Date(silent.createdAt).getTime()).toBeGreaterThanOrEqual(60 * 60_000 - 1000);
    const soon = (await t.supervisor.client.ok(ScheduleFollowUpDocument, { input: { sessionId, text: "Só confirmando: recebeu o boleto?", sendAt: new Date(Date.now() + 1_500).toISOString() } })).scheduleFollowUp;

    await customerSays(t, ch, "Recebi sim, obrigado!", phone);
    const list = (await t.supervisor.client.ok(FollowUpsDocument, { sessionId })).followUps;
    expect(list.find((x) => x.id === silent.id)).toMatchObject({ status: "CANCELLED", cancelReason: "CLIENT_REPLIED" });
    expect(list.find((x) => x.id === soon.id)).toMatchObject({ status: "CANCELLED", cancelReason: "CLIENT_REPLIED" });

    // One scheduled after the customer's message goes; by then the cancelled one would have gone too.
    const after = (await t.supervisor.client.ok(ScheduleFollowUpDocument, { input: { sessionId, text: "Qualquer coisa, é só chamar.", sendAt: new Date(Date.now() + 2_500).toISOString() } })).scheduleFollowUp;
    await waitFor(async () => (await t.supervisor.client.ok(FollowUpsDocument, { sessionId })).followUps.find((x) => x.id === after.id && x.status === "SENT"), 15_000, "later follow-up sent");
    expect(new Date(after.dueAt).getTime()).toBeGreaterThan(new Date(soon.dueAt).getTime());
    // SENT is the follow-up's state (its message is in the conversation); the provider send is the outbound job's, right after.
    await waitFor(async () => sentTexts(evo).includes("Qualquer coisa, é só chamar."), 15_000, "later follow-up at the provider");
    expect(sentTexts(evo)).not.toContain("Só confirmando: recebeu o boleto?");
    expect(sentTexts(evo)).not.toContain("Ficou alguma dúvida sobre a entrega?");
  });

  it("follow-ups of another tenant's conversation do not exist", async () => {
    const { sessionId, clientId } = await customerSays(t, ch, "Olá", newPhone());
    await consent(t, clientId);
    const mine = (await t.supervisor.client.ok(ScheduleFollowUpDocument, { input: { sessionId, text: "Tudo certo?", afterSilenceMinutes: 30 } })).scheduleFollowUp;
    const other = await createTenant(server);
    expect((await other.admin.client.fail(FollowUpsDocument, { sessionId })).extensions?.code).toBe("NOT_FOUND");
    expect((await other.admin.client.fail(ScheduleFollowUpDocument, { input: { sessionId, text: "x", afterSilenceMinutes: 5 } })).extensions?.code).toBe("NOT_FOUND");
    expect((await other.admin.client.fail(CancelFollowUpDocument, { id: mine.id })).extensions?.code).toBe("NOT_FOUND");
  });
});

run("A follow-up survives a restart (in-process jobs: the database is the source of truth)", () => {
  let evo: FakeEvolution;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const servers: TestServer[] = [];

  beforeAll(async () => {
    evo = await startFakeEvolution();
    db = await createTestDatabase();
  });
  afterAll(async () => {
    for (const s of servers) await s.close().catch(() => undefined);
    await evo?.close();
    await db?.drop();
  });

  it("scheduled before a stop, sent by the next process", async () => {
    const env = { SCHEDULED_SWEEP_MS: "300" };
    const first = await startTestServer({ databaseUrl: db.url, env });
    servers.push(first);
    const t = await createTenant(first);
    const ch = await whatsappInbox(t, first, evo);
    const { sessionId, clientId } = await customerSays(t, ch, "Bom dia, aguardo o retorno", newPhone());
    await consent(t, clientId);
    const text = "Retorno prometido: seu pedido foi liberado.";
    const f = (await t.supervisor.client.ok(ScheduleFollowUpDocument, { input: { sessionId, text, sendAt: new Date(Date.now() + 1_500).toISOString() } })).scheduleFollowUp;
    // The process stops before the follow-up is due: its in-memory delayed job is gone.
    await first.app.stop();
    expect(sentTexts(evo)).not.toContain(text);

    const second = await startTestServer({ databaseUrl: db.url, env: { ...env, JWT_SECRET: first.env.JWT_SECRET!, ENCRYPTION_KEY: first.env.ENCRYPTION_KEY! } });
    servers.push(second);
    await waitFor(async () => sentTexts(evo).includes(text), 20_000, "sent after the restart");
    const row = await waitFor(async () => (await second.app.ds.query(`SELECT status, message_id FROM follow_ups WHERE id = $1`, [f.id]))[0]?.status === "SENT", 15_000, "row SENT");
    expect(row).toBe(true);
    expect(sentTexts(evo).filter((s) => s === text)).toHaveLength(1);
  });
});

describe("A follow-up survives a restart in the embedded mode (PGlite, in-process jobs)", () => {
  it("scheduled before a stop, sent by the next start from the database", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "atende-followups-"));
    const env = { JWT_SECRET: "", ENCRYPTION_KEY: "", SCHEDULED_SWEEP_MS: "300" };
    const text = "Passando para lembrar do seu agendamento amanhã.";
    let server = await startTestServer({ database: "pglite", dataDir, env });
    let sessionId: string;
    let id: string;
    let token: string;
    try {
      const s = await server.client().ok(SignUpDocument, { input: { tenantName: "Clínica", name: "Carla", email: uniqueEmail("pglite"), password: PASSWORD } });
      token = s.signUp.accessToken;
      const admin = server.client(token);
      const clientId = (await admin.ok(CreateClientDocument, { input: { name: "Paciente" } })).createClient.id;
      sessionId = (await admin.ok(StartSessionDocument, { input: { clientId, channel: "WEB" } })).startSession.id;
      await admin.ok(GrantConsentDocument, { input: { clientId, purpose: "WHATSAPP_CONTACT", source: "web", text: "Aceito contato", textVersion: "v1" } });
      id = (await admin.ok(ScheduleFollowUpDocument, { input: { sessionId, text, sendAt: new Date(Date.now() + 1_500).toISOString() } })).scheduleFollowUp.id;
    } finally {
      await server.close();
    }
    server = await startTestServer({ database: "pglite", dataDir, env });
    try {
      const admin = server.client(token);
      const sent = await waitFor(async () => (await admin.ok(FollowUpsDocument, { sessionId })).followUps.find((f) => f.id === id && f.status === "SENT"), 20_000, "sent after the restart");
      const [row] = await server.app.ds.query(`SELECT text, sender FROM messages WHERE id = $1`, [sent.messageId]);
      expect(row).toMatchObject({ text, sender: "AGENT" });
    } finally {
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});
