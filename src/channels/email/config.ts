import { Errors } from "../../schema/errors";
import { emailOrThrow, intInRange, optionalText, requiredText } from "../../services/validation/input";
import type { ConfigureTools } from "../channel";

export interface MailServer { host: string; port: number; secure: boolean; user: string | null; password: string | null }
export type EmailConfig = {
  kind: "email";
  /** The inbox's address: mails go out From it and mails from it are never taken as a client's. */
  address: string;
  smtp: MailServer;
  /** IMAP polling; without it mail comes in through the inbound-parse webhook only. */
  imap: (MailServer & { mailbox: string }) | null;
};

type ServerInput = { host?: string | null; port?: number | null; secure?: boolean | null; user?: string | null; password?: string | null; mailbox?: string | null };

async function server(field: string, s: ServerInput, defaults: { port: number; securePort: number }, tools: ConfigureTools): Promise<MailServer> {
  const host = await tools.checkHost(`${field}.host`, requiredText(`${field}.host`, s.host ?? "", 253, "O servidor"));
  const secure = s.secure ?? s.port === defaults.securePort;
  const port = intInRange(`${field}.port`, s.port ?? (secure ? defaults.securePort : defaults.port), 1, 65535, "A porta");
  const user = optionalText(`${field}.user`, s.user, 320, "O usuário");
  const password = s.password ? String(s.password) : null;
  if (password && password.length > 1000) throw Errors.badInput(`${field}.password`, "Senha longa demais.");
  if (Boolean(user) !== Boolean(password)) throw Errors.badInput(`${field}.${user ? "password" : "user"}`, "Informe usuário e senha juntos.");
  return { host, port, secure, user, password };
}

export async function configureEmail(input: Record<string, unknown>, tools: ConfigureTools): Promise<EmailConfig> {
  const e = input.email as { address?: string; smtp?: ServerInput | null; imap?: ServerInput | null } | null | undefined;
  if (!e) throw Errors.badInput("email", "Informe a configuração de e-mail.");
  const address = emailOrThrow("email.address", e.address ?? "");
  if (!e.smtp) throw Errors.badInput("email.smtp", "Informe o servidor SMTP para o envio das respostas.");
  const smtp = await server("email.smtp", e.smtp, { port: 587, securePort: 465 }, tools);
  const imap = e.imap ? { ...(await server("email.imap", e.imap, { port: 143, securePort: 993 }, tools)), mailbox: optionalText("email.imap.mailbox", e.imap.mailbox, 200, "A pasta") ?? "INBOX" } : null;
  if (imap && !imap.user) throw Errors.badInput("email.imap.user", "Informe usuário e senha do IMAP.");
  return { kind: "email", address, smtp, imap };
}
