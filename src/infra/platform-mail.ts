import nodemailer from "nodemailer";
import type { Logger } from "./logger";

/**
 * Mail from the platform itself (not from a tenant): e.g. telling the owner of an e-mail address
 * that someone tried to sign up with it. Configured by PLATFORM_SMTP_URL (an operator's own server,
 * so not behind the tenant SSRF guard); without it, nothing is sent.
 */
export class PlatformMail {
  constructor(private readonly smtpUrl: string | null, private readonly from: string, private readonly logger: Logger) {}

  get enabled(): boolean {
    return Boolean(this.smtpUrl);
  }

  async send(to: string, subject: string, text: string): Promise<boolean> {
    if (!this.smtpUrl) return false;
    const transport = nodemailer.createTransport(this.smtpUrl);
    try {
      await transport.sendMail({ from: this.from, to, subject, text, headers: { "Auto-Submitted": "auto-generated" } });
      return true;
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, "platform mail not sent");
      return false;
    } finally {
      transport.close();
    }
  }
}
