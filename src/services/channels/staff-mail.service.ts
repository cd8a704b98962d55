import { IsNull, type DataSource } from "typeorm";
import { sendEmailNotice, type EmailConfig } from "../../channels/email";
import { Inbox, Tenant, TenantSettingsRow } from "../../entities";
import type { Logger } from "../../infra/logger";
import { InboxProvider } from "../../schema/enums";
import type { InboxesService } from "./inboxes.service";

/**
 * E-mail from the platform to the tenant's own staff (password-reset codes), through the tenant's
 * e-mail inbox (its SMTP server). A tenant without an enabled e-mail inbox has no way to mail: the
 * callers then fall back (the reset code is shown once to the admin).
 */
export class StaffMailService {
  constructor(
    private readonly ds: DataSource,
    private readonly inboxes: InboxesService,
    private readonly logger: Logger,
    private readonly publicUrl: string | null,
  ) {}

  /** True when the mail was accepted by the tenant's SMTP server. */
  async send(tenantId: string, to: string, subject: string, text: string): Promise<boolean> {
    const inbox = await this.ds.getRepository(Inbox).findOne({ where: { tenantId, provider: InboxProvider.EMAIL, disabledAt: IsNull() }, order: { createdAt: "ASC" } });
    if (!inbox) return false;
    try {
      await sendEmailNotice(this.inboxes.runtime<EmailConfig>(inbox), to, subject, text);
      return true;
    } catch (err) {
      this.logger.warn({ tenantId, inboxId: inbox.id, err: (err as Error).message }, "staff e-mail not sent");
      return false;
    }
  }

  /** The admin-initiated password reset: the one-time code (and the console's page for it) by e-mail. */
  async passwordReset(user: { tenantId: string; email: string; name: string }, code: string, expiresAt: Date): Promise<boolean> {
    const tenant = await this.ds.getRepository(Tenant).findOne({ where: { id: user.tenantId } });
    const settings = await this.ds.getRepository(TenantSettingsRow).findOne({ where: { tenantId: user.tenantId } });
    const when = new Intl.DateTimeFormat("pt-BR", { dateStyle: "short", timeStyle: "short", timeZone: settings?.timezone ?? "America/Sao_Paulo" }).format(expiresAt);
    const link = this.publicUrl ? `\nRedefina em: ${this.publicUrl}/redefinir-senha\n` : "";
    const text = `Olá, ${user.name}.\n\nUm administrador de ${tenant?.name ?? "sua empresa"} pediu a redefinição da sua senha no Atende.\n\nCódigo (uso único, válido até ${when}): ${code}\n${link}\nSe não esperava esta mensagem, avise o administrador.\n`;
    return this.send(user.tenantId, user.email, "Redefinição de senha no Atende", text);
  }
}
