import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { ImapFlow } from "imapflow";
// hoodiecrow-imap has no types: a scriptable IMAP4rev1 server, in memory.
// @ts-expect-error untyped module
import hoodiecrow from "hoodiecrow-imap";

export interface SmtpSink {
  port: number;
  mails: Array<ParsedMail & { envelopeTo: string[] }>;
  /** Answers the next DATA commands with this SMTP error (e.g. 451 then 550), one per entry. */
  failNext: Array<{ code: number; message: string }>;
  close(): Promise<void>;
}

/** A real SMTP server (smtp-server) on 127.0.0.1 that keeps every mail it accepts. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const sink: SmtpSink = { port: 0, mails: [], failNext: [], close: async () => undefined };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth: (_auth, _session, cb) => cb(null, { user: "loja" }),
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        const fail = sink.failNext.shift();
        if (fail) return cb(Object.assign(new Error(fail.message), { responseCode: fail.code }));
        const parsed = await simpleParser(Buffer.concat(chunks));
        sink.mails.push(Object.assign(parsed, { envelopeTo: session.envelope.rcptTo.map((r) => r.address) }));
        cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  sink.port = (server.server.address() as AddressInfo).port;
  sink.close = () => new Promise<void>((r) => server.close(() => r()));
  return sink;
}

export interface ImapMailbox {
  port: number;
  user: string;
  password: string;
  /** Delivers a raw RFC 5322 mail into INBOX (what the receiving MTA does). */
  deliver(raw: string | Buffer): Promise<void>;
  close(): Promise<void>;
}

/** A real IMAP server (hoodiecrow) on 127.0.0.1 with one account. */
export async function startImapServer(): Promise<ImapMailbox> {
  const user = "atendimento@loja-exemplo.com.br";
  const password = "senha-imap-123";
  const server = hoodiecrow({ plugins: ["ID", "UIDPLUS", "ENABLE", "LITERALPLUS", "SPECIAL-USE"], users: { [user]: { password } }, storage: { INBOX: { messages: [] } } });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    user,
    password,
    async deliver(raw) {
      const c = new ImapFlow({ host: "127.0.0.1", port, secure: false, auth: { user, pass: password }, logger: false });
      await c.connect();
      await c.append("INBOX", typeof raw === "string" ? Buffer.from(raw.replace(/\r?\n/g, "\r\n")) : raw);
      await c.logout();
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** A multipart mail with an attachment, as a mail client writes it. */
export function rawMail(m: { from: string; to: string; subject: string; messageId: string; text: string; inReplyTo?: string; references?: string[]; attachment?: { name: string; type: string; data: Buffer } }): string {
  const headers = [
    `From: ${m.from}`,
    `To: ${m.to}`,
    `Subject: ${m.subject}`,
    `Message-ID: <${m.messageId}>`,
    `Date: ${new Date().toUTCString()}`,
    "MIME-Version: 1.0",
    ...(m.inReplyTo ? [`In-Reply-To: <${m.inReplyTo}>`] : []),
    ...(m.references?.length ? [`References: ${m.references.map((r) => `<${r}>`).join(" ")}`] : []),
  ];
  const body = Buffer.from(m.text, "utf8").toString("base64").replace(/.{76}/g, "$&\n");
  if (!m.attachment) return [...headers, "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64", "", body, ""].join("\n");
  const b = "=_limite_atende_teste";
  return [
    ...headers,
    `Content-Type: multipart/mixed; boundary="${b}"`,
    "",
    `--${b}`,
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: base64",
    "",
    body,
    `--${b}`,
    `Content-Type: ${m.attachment.type}; name="${m.attachment.name}"`,
    `Content-Disposition: attachment; filename="${m.attachment.name}"`,
    "Content-Transfer-Encoding: base64",
    "",
    m.attachment.data.toString("base64").replace(/.{76}/g, "$&\n"),
    `--${b}--`,
    "",
  ].join("\n");
}
