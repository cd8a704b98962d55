import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookHeaders } from "../src/infra/standard-webhooks";
import { ChannelInboxesDocument, ChannelSessionsDocument, ClaimHandoffDocument, ConversationDetailDocument, CreateInboxDocument, OnMessageUpdatedDocument, SendAgentMessageDocument } from "./generated/graphql";
import { Subscription, wsClient } from "./support/gql";
import { rawMail, startImapServer, startSmtpSink, type ImapMailbox, type SmtpSink } from "./support/mail-servers";
import { hasPostgres } from "./support/services";
import { startTestServer, type TestServer } from "./support/server";
import { createTenant, type TestTenant } from "./support/tenant";
import { post, waitFor } from "./support/webhooks";

const run = hasPostgres() ? describe : describe.skip;
const PAYSLIP = fs.readFileSync(path.resolve(process.cwd(), "../shared/fixtures/documents/dev/payslip-01.png"));
const ADDRESS = "atendimento@loja-exemplo.com.br";
const CLIENT = "carla.mendes@cliente-exemplo.com.br";

run("e-mail channel (real SMTP and IMAP servers on 127.0.0.1)", { timeout: 300_000 }, () => {
  let server: TestServer;
  let smtp: SmtpSink;
  let imap: ImapMailbox;
  let t: TestTenant;
  let inbox: { id: string; webhookPath: string; secret: string };

  const sessions = async () => (await t.supervisor.client.ok(ChannelSessionsDocument, { channel: "EMAIL" })).sessions.edges.map((e) => e.node);
  const messagesOf = async (sessionId: string) => (await t.supervisor.client.ok(ConversationDetailDocument, { id: sessionId })).session!.messages.edges.map((e) => e.node);
  const sessionOf = async (email: string) => (await sessions()).filter((s) => s.client.email === email);
  const mailTo = (address: string, n: number) => waitFor(async () => (smtp.mails.filter((m) => m.envelopeTo.includes(address)).length >= n ? smtp.mails.filter((m) => m.envelopeTo.includes(address)) : null), 30_000, `${n} mail(s) to ${address}`);

  beforeAll(async () => {
    smtp = await startSmtpSink();
    imap = await startImapServer();
    server = await startTestServer({ env: { EMAIL_POLL_INTERVAL_MS: "1000" } });
    t = await createTenant(server);
    const created = await t.admin.client.ok(CreateInboxDocument, {
      input: {
        name: "Atendimento Loja Exemplo",
        provider: "EMAIL",
        email: { address: ADDRESS, smtp: { host: "127.0.0.1", port: smtp.port, secure: false, user: "loja", password: "senha-smtp" }, imap: { host: "127.0.0.1", port: imap.port, secure: false, user: imap.user, password: imap.password } },
      },
    });
    inbox = { id: created.createInbox.inbox.id, webhookPath: created.createInbox.inbox.webhookPath, secret: created.createInbox.webhookSecret };
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
    await imap?.close();
  });

  it("never shows passwords, and validates the settings naming the field", async () => {
    const r = await t.admin.client.raw(ChannelInboxesDocument);
    expect(JSON.stringify(r)).not.toContain("senha-smtp");
    expect(JSON.stringify(r)).not.toContain(imap.password);
    expect(r.data!.inboxes.find((i) => i.id === inbox.id)!.email).toMatchObject({ address: ADDRESS, smtpHost: "127.0.0.1", imapMailbox: "INBOX" });
    const bad = await t.admin.client.fail(CreateInboxDocument, { input: { name: "x", provider: "EMAIL", email: { address: "sem-arroba", smtp: { host: "127.0.0.1" } } } });
    expect(bad.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "email.address" });
  });

  let ourReply = "";
  let firstSession = "";
  it("a mail in (IMAP): stripped text, original kept, attachment read by OCR, AI reply out in the same thread (SMTP)", async () => {
    await imap.deliver(rawMail({
      from: `Carla Mendes <${CLIENT}>`,
      to: ADDRESS,
      subject: "Segunda via do boleto",
      messageId: "carla-1@cliente-exemplo.com.br",
      text: "Olá, preciso da segunda via do boleto de março.\n\nObrigada,\nCarla\n\nEnviado do meu iPhone\n\nEm seg., 3 de mar. de 2025 às 10:12, Loja Exemplo <atendimento@loja-exemplo.com.br> escreveu:\n> Seu boleto vence dia 10.\n> Atenciosamente",
      attachment: { name: "holerite.png", type: "image/png", data: PAYSLIP },
    }));
    const [session] = await waitFor(async () => ((await sessionOf(CLIENT)).length ? sessionOf(CLIENT) : null), 30_000, "mail imported");
    firstSession = session!.id;
    expect(session!.client.name).toBe("Carla Mendes");
    const messages = await waitFor(async () => {
      const ms = await messagesOf(firstSession);
      return ms.find((m) => m.type === "IMAGE" && m.extractedText) && ms.find((m) => m.direction === "OUTBOUND" && m.deliveryStatus === "SENT") ? ms : null;
    }, 120_000, "OCR and reply");
    const mail = messages.find((m) => m.email)!;
    expect(mail.text).toContain("preciso da segunda via do boleto de março");
    expect(mail.text).not.toContain("Seu boleto vence");
    expect(mail.text).not.toContain("Enviado do meu iPhone");
    expect(mail.email).toMatchObject({ subject: "Segunda via do boleto", messageId: "carla-1@cliente-exemplo.com.br" });
    expect(mail.email!.originalText).toContain("> Seu boleto vence dia 10.");
    expect(messages.find((m) => m.type === "IMAGE")!.extractedText).toMatch(/\d/);

    const [sent] = await mailTo(CLIENT, 1);
    const reply = messages.find((m) => m.direction === "OUTBOUND" && m.sender === "AI")!;
    expect(sent!.inReplyTo).toBe("<carla-1@cliente-exemplo.com.br>");
    expect(sent!.references).toContain("<carla-1@cliente-exemplo.com.br>");
    expect(sent!.subject).toMatch(/^Re: Segunda via do boleto \[#[a-z2-7]{10}\]$/);
    expect(sent!.from!.value[0]).toMatchObject({ address: ADDRESS, name: "Atendimento Loja Exemplo" });
    expect(sent!.text!.trim()).toBe(reply.text);
    expect(sent!.headers.get("auto-submitted")).toBe("auto-replied");
    expect(sent!.messageId).toBe(`<${reply.providerMessageId}>`);
    ourReply = reply.providerMessageId!;
  });

  it("threads the client's reply into the same conversation, by headers and then by the token", async () => {
    await imap.deliver(rawMail({ from: CLIENT, to: ADDRESS, subject: "Re: Segunda via do boleto", messageId: "carla-2@cliente-exemplo.com.br", inReplyTo: ourReply, references: ["carla-1@cliente-exemplo.com.br", ourReply], text: "Quero falar com um atendente, por favor.\n\nOn Mon, Mar 3, 2025 at 10:12 AM Loja wrote:\n> texto antigo" }));
    await waitFor(async () => (await messagesOf(firstSession)).some((m) => m.email?.messageId === "carla-2@cliente-exemplo.com.br"), 30_000, "reply threaded");
    const [sentFirst] = await mailTo(CLIENT, 1);
    const token = /\[#([a-z2-7]{10})\]/.exec(sentFirst!.subject!)![1]!;
    // A client that dropped the headers but kept the subject.
    await imap.deliver(rawMail({ from: CLIENT, to: ADDRESS, subject: `Re: Segunda via do boleto [#${token}]`, messageId: "carla-3@cliente-exemplo.com.br", text: "Alguém aí?" }));
    await waitFor(async () => (await messagesOf(firstSession)).some((m) => m.email?.messageId === "carla-3@cliente-exemplo.com.br"), 30_000, "token threaded");
    // The token in someone else's mail does not open Carla's conversation.
    await imap.deliver(rawMail({ from: "outra@pessoa-exemplo.com.br", to: ADDRESS, subject: `Re: Segunda via do boleto [#${token}]`, messageId: "outra-1@pessoa-exemplo.com.br", text: "Qual o horário de vocês?" }));
    await waitFor(async () => (await sessionOf("outra@pessoa-exemplo.com.br")).length === 1, 30_000, "separate conversation");
    expect(await sessionOf(CLIENT)).toHaveLength(1);

    // The agent's answer continues the same thread.
    const handoff = await waitFor(async () => (await t.supervisor.client.ok(ConversationDetailDocument, { id: firstSession })).session!.handoff, 10_000, "handoff");
    await t.agent.client.ok(ClaimHandoffDocument, { id: handoff.id });
    await t.agent.client.ok(SendAgentMessageDocument, { input: { sessionId: firstSession, text: "Olá Carla, segue a segunda via em anexo no site." } });
    const mails = await waitFor(async () => (await mailTo(CLIENT, 1)).find((m) => m.text?.includes("segue a segunda via")), 30_000, "agent mail");
    expect(mails.inReplyTo).toBe("<carla-3@cliente-exemplo.com.br>");
    expect(mails.references).toEqual(expect.arrayContaining(["<carla-1@cliente-exemplo.com.br>", `<${ourReply}>`, "<carla-2@cliente-exemplo.com.br>"]));
    expect(mails.subject).toBe(`Re: Segunda via do boleto [#${token}]`);
    expect(mails.headers.get("auto-submitted")).toBeUndefined();
  });

  it("reads nothing twice and misses nothing across a restart", async () => {
    const count = async () => Number((await server.app.ds.query(`SELECT count(*)::int AS n FROM messages WHERE direction = 'INBOUND'`))[0].n);
    const before = await count();
    await server.app.stop();
    await imap.deliver(rawMail({ from: CLIENT, to: ADDRESS, subject: "Re: Segunda via do boleto", messageId: "carla-4@cliente-exemplo.com.br", inReplyTo: ourReply, text: "Chegou enquanto vocês reiniciavam." }));
    const again = await startTestServer({ databaseUrl: server.env.DATABASE_URL, dataDir: server.dataDir, env: server.env });
    try {
      const polled = async () => (await again.app.ds.query(`SELECT last_polled_at AS at, last_uid AS uid FROM email_mailboxes WHERE inbox_id = $1`, [inbox.id]))[0];
      const restartedAt = new Date();
      await waitFor(async () => (await polled()).at > restartedAt && Number((await again.app.ds.query(`SELECT count(*)::int AS n FROM messages WHERE direction = 'INBOUND'`))[0].n) > before, 30_000, "poll after restart");
      // Two more polls: still exactly one new message.
      const seen = new Date();
      await waitFor(async () => (await polled()).at > seen, 10_000, "another poll");
      const rows = await again.app.ds.query(`SELECT provider_message_id AS id FROM messages WHERE direction = 'INBOUND'`);
      expect(rows).toHaveLength(before + 1);
      expect(new Set(rows.map((r: { id: string }) => r.id)).size).toBe(rows.length);
      expect(rows.map((r: { id: string }) => r.id)).toContain("carla-4@cliente-exemplo.com.br");
    } finally {
      await again.close();
    }
  });
});

run("e-mail channel: inbound-parse webhook and SMTP failures", { timeout: 180_000 }, () => {
  let server: TestServer;
  let smtp: SmtpSink;
  let t: TestTenant;
  let inbox: { webhookPath: string; secret: string };
  beforeAll(async () => {
    smtp = await startSmtpSink();
    server = await startTestServer();
    t = await createTenant(server);
    const created = await t.admin.client.ok(CreateInboxDocument, { input: { name: "Suporte", provider: "EMAIL", email: { address: "suporte@loja-exemplo.com.br", smtp: { host: "127.0.0.1", port: smtp.port } } } });
    inbox = { webhookPath: created.createInbox.inbox.webhookPath, secret: created.createInbox.webhookSecret };
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  const parse = (body: Record<string, unknown>, secret = inbox.secret) => {
    const raw = JSON.stringify(body);
    return post(`${server.url}${inbox.webhookPath}`, raw, webhookHeaders(secret, `evt_${Math.random().toString(36).slice(2)}`, raw));
  };
  const messagesOf = async (email: string) => {
    const s = (await t.supervisor.client.ok(ChannelSessionsDocument, { channel: "EMAIL" })).sessions.edges.map((e) => e.node).find((x) => x.client.email === email);
    return s ? (await t.supervisor.client.ok(ConversationDetailDocument, { id: s.id })).session!.messages.edges.map((e) => e.node) : [];
  };

  it("takes signed inbound-parse JSON once, converts HTML to text safely, and refuses bad signatures", async () => {
    expect(inbox.webhookPath).toMatch(/^\/webhooks\/email\//);
    const body = {
      from: "João Lima <joao@cliente-exemplo.com.br>",
      to: "suporte@loja-exemplo.com.br",
      subject: "Pedido 5512",
      html: "<div>Meu <b>pedido 5512</b> não chegou.<script>alert(1)</script><img src=\"https://rastreio.example/pixel.gif\"></div><blockquote>Em 01/03, Loja escreveu:<br>pedido enviado</blockquote>",
      headers: { "Message-ID": "<joao-1@cliente-exemplo.com.br>" },
    };
    expect((await parse(body, "whsec_" + Buffer.from("errado").toString("base64"))).status).toBe(401);
    expect((await parse(body)).status).toBe(200);
    const dup = await parse(body);
    expect(dup).toMatchObject({ status: 200, body: { status: "duplicate" } });
    expect((await parse({ subject: "sem remetente" })).status).toBe(422);
    const mail = await waitFor(async () => (await messagesOf("joao@cliente-exemplo.com.br")).find((m) => m.email), 20_000, "mail stored");
    expect(mail.text).toBe("Meu pedido 5512 não chegou.");
    expect(mail.email!.originalText).not.toContain("alert(1)");
    expect(mail.email!.originalText).not.toContain("pixel.gif");
    expect((await messagesOf("joao@cliente-exemplo.com.br")).filter((m) => m.direction === "INBOUND")).toHaveLength(1);
  });

  it("retries an SMTP 4xx, fails a 5xx visibly (stored and pushed)", async () => {
    smtp.failNext.push({ code: 451, message: "4.3.0 Tente mais tarde" });
    await parse({ from: "ana@cliente-exemplo.com.br", to: "suporte@loja-exemplo.com.br", subject: "Boleto", text: "oi, preciso da segunda via do boleto", headers: { "Message-ID": "<ana-1@cliente-exemplo.com.br>" } });
    const delivered = await waitFor(async () => (await messagesOf("ana@cliente-exemplo.com.br")).find((m) => m.direction === "OUTBOUND" && m.deliveryStatus === "SENT"), 30_000, "sent after a retry");
    expect(smtp.failNext).toHaveLength(0);
    expect(smtp.mails.filter((m) => m.envelopeTo.includes("ana@cliente-exemplo.com.br"))).toHaveLength(1);
    expect(delivered.deliveryError).toBeNull();

    const updates = new Subscription(wsClient(server.url, { Authorization: `Bearer ${t.supervisor.token}` }), OnMessageUpdatedDocument);
    await updates.ready;
    smtp.failNext.push({ code: 550, message: "5.1.1 Caixa postal inexistente" });
    await parse({ from: "bia@cliente-exemplo.com.br", to: "suporte@loja-exemplo.com.br", subject: "Boleto", text: "oi, preciso da segunda via do boleto", headers: { "Message-ID": "<bia-1@cliente-exemplo.com.br>" } });
    const failed = await waitFor(async () => (await messagesOf("bia@cliente-exemplo.com.br")).find((m) => m.direction === "OUTBOUND" && m.deliveryStatus === "FAILED"), 30_000, "failed");
    expect(failed.deliveryError).toMatch(/550/);
    const pushed = await waitFor(async () => {
      const e = await updates.next(5_000);
      return e.messageUpdated.id === failed.id ? e : null;
    }, 20_000, "messageUpdated");
    expect(pushed.messageUpdated.deliveryStatus).toBe("FAILED");
    updates.close();
  });
});
