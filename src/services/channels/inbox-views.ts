import type { DataSource } from "typeorm";
import type { Inbox } from "../../entities/inbox";
import { EmailMailbox } from "../../entities/email-mailbox";
import type { EmailConfig, GenericConfig, WebChatConfig } from "../../channels";
import { InboxProvider } from "../../schema/enums";
import type { InboxesService } from "./inboxes.service";

/** What admins may read of an inbox's provider settings: never a password, token or secret. */
export class InboxViews {
  constructor(private readonly ds: DataSource, private readonly inboxes: InboxesService) {}

  webChat(inbox: Inbox): Omit<WebChatConfig, "kind"> | null {
    if (inbox.provider !== InboxProvider.WEB_CHAT) return null;
    const { kind: _kind, ...settings } = this.inboxes.config<WebChatConfig>(inbox);
    return settings;
  }

  async email(inbox: Inbox) {
    if (inbox.provider !== InboxProvider.EMAIL) return null;
    const c = this.inboxes.config<EmailConfig>(inbox);
    const state = c.imap ? await this.ds.manager.findOne(EmailMailbox, { where: { inboxId: inbox.id } }) : null;
    return { address: c.address, smtpHost: c.smtp.host, smtpPort: c.smtp.port, imapHost: c.imap?.host ?? null, imapMailbox: c.imap?.mailbox ?? null, lastPolledAt: state?.lastPolledAt ?? null, pollError: state?.lastError ?? null };
  }

  callbackUrl(inbox: Inbox): string | null {
    return inbox.provider === InboxProvider.GENERIC_WEBHOOK ? (this.inboxes.config<GenericConfig>(inbox).callbackUrl ?? null) : null;
  }
}
