import crypto from "node:crypto";
import { parseAddress } from "./parse";
import { sendMail } from "./smtp";
import type { PlatformSmtp } from "../../config";
import type { Logger } from "../../infra/logger";

/**
 * Mail from the platform itself (not from a tenant): e.g. telling the owner of an e-mail address
 * that someone tried to sign up with it. Configured by PLATFORM_SMTP_URL (an operator's own server,
 * so not behind the tenant SSRF guard), sent by the same SMTP sender as the e-mail channel and the
 * scheduled reports; without it, nothing is sent.
 */
export class PlatformMail {
  private readonly from: { name: string; address: string };

  constructor(private readonly smtp: PlatformSmtp | null, from: string, private readonly logger: Logger) {
    const parsed = parseAddress(from);
    this.from = { name: parsed?.name ?? "Atende", address: parsed?.address ?? "nao-responda@atende.local" };
  }

  get enabled(): boolean {
    return Boolean(this.smtp);
  }

  async send(to: string, subject: string, text: string): Promise<boolean> {
    if (!this.smtp) return false;
    try {
      await sendMail(this.smtp, this.smtp.host, { from: this.from, to, subject, text, messageId: `${crypto.randomUUID()}@${this.from.address.split("@")[1]}`, inReplyTo: null, references: [], automatic: true });
      return true;
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, "platform mail not sent");
      return false;
    }
  }
}
