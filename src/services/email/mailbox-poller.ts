import crypto from "node:crypto";
import type { DataSource } from "typeorm";
import { Inbox } from "../../entities/inbox";
import type { EmailConfig } from "../../channels";
import { pollMailbox } from "../../channels/email/imap";
import { mailToItems, parseMime } from "../../channels/email/parse";
import { returnedRows } from "../../infra/database";
import type { JobQueue } from "../../infra/jobs";
import type { Logger } from "../../infra/logger";
import { InboxProvider } from "../../schema/enums";
import type { InboxesService } from "../channels/inboxes.service";
import type { IntakeService } from "../channels/intake.service";

export const EMAIL_JOBS = { pollDue: "email.poll-due", poll: "email.poll" } as const;

/** A poll holds its mailbox this long at most (renewed per batch); a crashed poller's lease simply runs out. */
const LEASE_S = 300;
const ROUNDS = 10;

/**
 * IMAP polling of e-mail inboxes. Every tick enqueues one job per mailbox (job id
 * per inbox); a lease row makes sure only one process reads a mailbox at a time,
 * and the UID cursor only moves past a mail once it is stored (by Message-ID), so
 * restarts neither lose nor duplicate mail.
 */
export class MailboxPoller {
  private readonly owner = `${process.pid}-${crypto.randomUUID().slice(0, 8)}`;

  constructor(private readonly ds: DataSource, private readonly deps: { inboxes: InboxesService; intake: IntakeService; jobs: JobQueue; logger: Logger }) {}

  /** The scheduled tick: a poll job for every enabled inbox that reads a mailbox. */
  async pollDue(): Promise<number> {
    const inboxes = await this.ds.manager.find(Inbox, { where: { provider: InboxProvider.EMAIL } });
    let n = 0;
    for (const inbox of inboxes) {
      if (inbox.disabledAt || !this.deps.inboxes.config<EmailConfig>(inbox).imap) continue;
      await this.deps.jobs.enqueue(EMAIL_JOBS.poll, { inboxId: inbox.id }, { jobId: `imap-poll:${inbox.id}`, attempts: 1 });
      n++;
    }
    return n;
  }

  /** Reads what is new in one inbox's mailbox; returns how many mails were taken (null: another process holds it). */
  async poll(inboxId: string): Promise<number | null> {
    const inbox = await this.ds.manager.findOne(Inbox, { where: { id: inboxId, provider: InboxProvider.EMAIL } });
    const imap = inbox && !inbox.disabledAt ? this.deps.inboxes.config<EmailConfig>(inbox).imap : null;
    if (!inbox || !imap) return 0;
    const cfg = this.deps.inboxes.config<EmailConfig>(inbox);
    await this.ds.query(`INSERT INTO email_mailboxes (inbox_id, tenant_id, mailbox) VALUES ($1, $2, $3) ON CONFLICT (inbox_id) DO NOTHING`, [inbox.id, inbox.tenantId, imap.mailbox]);
    let lease = await this.lease(inbox.id);
    if (!lease) return null;
    let total = 0;
    try {
      // Another mailbox name than last time: its UIDs mean nothing here.
      let cursor = { uidValidity: lease.mailbox === imap.mailbox ? lease.uid_validity : null, lastUid: Number(lease.last_uid) };
      const connectTo = await this.deps.inboxes.runtime(inbox).resolveHost(imap.host);
      for (let round = 0; round < ROUNDS; round++) {
        const result = await pollMailbox(imap, connectTo, cursor, inbox.createdAt, async (source, at) => {
          const items = await mailToItems(await parseMime(source), cfg.address);
          await this.deps.intake.store(inbox, items, null);
          // Stored (committed) first, then the cursor moves: a crash in between re-reads one mail, de-duplicated by its key.
          await this.ds.query(`UPDATE email_mailboxes SET uid_validity = $2, last_uid = $3, mailbox = $4 WHERE inbox_id = $1 AND lease_owner = $5`, [inbox.id, at.uidValidity, at.uid, imap.mailbox, this.owner]);
        });
        cursor = result.cursor;
        total += result.read;
        await this.ds.query(
          `UPDATE email_mailboxes SET uid_validity = $2, last_uid = $3, mailbox = $4, last_polled_at = now(), last_error = NULL, lease_until = now() + make_interval(secs => $6) WHERE inbox_id = $1 AND lease_owner = $5`,
          [inbox.id, cursor.uidValidity, cursor.lastUid, imap.mailbox, this.owner, LEASE_S],
        );
        if (!result.more) break;
      }
    } catch (err) {
      this.deps.logger.warn({ err, inboxId: inbox.id }, "imap poll failed");
      await this.ds.query(`UPDATE email_mailboxes SET last_error = $2, last_polled_at = now() WHERE inbox_id = $1`, [inbox.id, String((err as Error).message ?? err).slice(0, 500)]);
    } finally {
      await this.ds.query(`UPDATE email_mailboxes SET lease_until = NULL, lease_owner = NULL WHERE inbox_id = $1 AND lease_owner = $2`, [inbox.id, this.owner]);
      lease = null;
    }
    return total;
  }

  private async lease(inboxId: string): Promise<{ mailbox: string; uid_validity: string | null; last_uid: string } | null> {
    const rows = await this.ds
      .query(
        `UPDATE email_mailboxes SET lease_until = now() + make_interval(secs => $3), lease_owner = $2
         WHERE inbox_id = $1 AND (lease_until IS NULL OR lease_until < now())
         RETURNING mailbox, uid_validity, last_uid`,
        [inboxId, this.owner, LEASE_S],
      )
      .then((r: unknown) => returnedRows<{ mailbox: string; uid_validity: string | null; last_uid: string }>(r));
    return rows[0] ?? null;
  }
}
