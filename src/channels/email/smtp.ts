import nodemailer from "nodemailer";
import { ProviderError } from "../../infra/providers";
import type { MailServer } from "./config";

export interface OutgoingMail {
  from: { name: string; address: string };
  to: string;
  subject: string;
  text: string;
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  automatic: boolean;
}

/**
 * Sends one mail. `connectTo` is the address the SSRF guard resolved the host to
 * (TLS still checks the certificate against the host name). SMTP 4xx answers and
 * network failures are retryable; 5xx and bad credentials are final.
 */
export async function sendMail(server: MailServer, connectTo: string, mail: OutgoingMail, timeoutMs = 20_000): Promise<void> {
  const transport = nodemailer.createTransport({
    host: connectTo,
    port: server.port,
    secure: server.secure,
    auth: server.user ? { user: server.user, pass: server.password ?? "" } : undefined,
    tls: { servername: server.host },
    name: mail.from.address.split("@")[1],
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  try {
    await transport.sendMail({
      from: mail.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      messageId: `<${mail.messageId}>`,
      ...(mail.inReplyTo ? { inReplyTo: `<${mail.inReplyTo}>` } : {}),
      ...(mail.references.length ? { references: mail.references.map((r) => `<${r}>`) } : {}),
      // RFC 3834: the assistant's replies are automatic; the client's auto-responders then stay quiet (no loops).
      ...(mail.automatic ? { headers: { "Auto-Submitted": "auto-replied" } } : {}),
    });
  } catch (err) {
    throw smtpError(err, server);
  } finally {
    transport.close();
  }
}

export function smtpError(err: unknown, server: Pick<MailServer, "password">): ProviderError {
  const e = err as { responseCode?: number; code?: string; response?: string; message?: string };
  const reply = (e.response ?? e.message ?? "").replace(server.password ?? "\u0000", "***").slice(0, 300);
  if (typeof e.responseCode === "number" && e.responseCode >= 400) {
    const temporary = e.responseCode < 500;
    return new ProviderError(
      temporary ? `O servidor SMTP recusou temporariamente (${reply}).` : `O servidor SMTP recusou a mensagem (${reply}).`,
      { provider: "smtp", status: e.responseCode, code: temporary ? "SERVER_ERROR" : e.code === "EAUTH" ? "UNAUTHORIZED" : "BAD_REQUEST", retryable: temporary, providerCode: String(e.responseCode), cause: err },
    );
  }
  if (e.code === "EAUTH") return new ProviderError("O servidor SMTP recusou o usuário ou a senha.", { provider: "smtp", status: null, code: "UNAUTHORIZED", retryable: false, cause: err });
  const timeout = e.code === "ETIMEDOUT";
  return new ProviderError(timeout ? "O servidor SMTP não respondeu a tempo." : "Não foi possível conectar ao servidor SMTP.", { provider: "smtp", status: null, code: timeout ? "TIMEOUT" : "NETWORK", retryable: true, cause: err });
}
