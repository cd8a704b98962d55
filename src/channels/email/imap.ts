import { ImapFlow } from "imapflow";
import type { EmailConfig } from "./config";

export interface MailboxCursor {
  uidValidity: string | null;
  lastUid: number;
}

export interface PollResult {
  /** The cursor after the last mail handed to `onMail`. */
  cursor: MailboxCursor;
  read: number;
  /** More mail is waiting (the batch was full). */
  more: boolean;
}

/**
 * Reads the mails after `cursor` from the inbox's IMAP mailbox (read-only: flags are
 * not touched), oldest first, and hands each source to `onMail`; the cursor moves
 * past a mail only after `onMail` resolved, so a failure or a crash re-reads it and
 * never skips it. A changed UIDVALIDITY invalidates every UID: the mailbox is read
 * again from `since` (`onMail` stores by Message-ID, so nothing is taken twice).
 */
export async function pollMailbox(
  cfg: NonNullable<EmailConfig["imap"]>,
  connectTo: string,
  cursor: MailboxCursor,
  since: Date,
  onMail: (source: Buffer, at: { uid: number; uidValidity: string }) => Promise<void>,
  opts: { batch?: number; timeoutMs?: number } = {},
): Promise<PollResult> {
  const batch = opts.batch ?? 50;
  const client = new ImapFlow({
    host: connectTo,
    port: cfg.port,
    secure: cfg.secure,
    servername: cfg.host,
    auth: { user: cfg.user ?? "", pass: cfg.password ?? "" },
    logger: false,
    connectionTimeout: opts.timeoutMs ?? 20_000,
    greetingTimeout: opts.timeoutMs ?? 20_000,
    socketTimeout: 60_000,
    disableAutoIdle: true,
  });
  client.on("error", () => undefined);
  await client.connect();
  try {
    const lock = await client.getMailboxLock(cfg.mailbox, { readOnly: true });
    try {
      const box = client.mailbox;
      if (!box) throw new Error("mailbox not selected");
      const validity = String(box.uidValidity);
      let last = cursor.uidValidity === validity ? cursor.lastUid : 0;
      let uids: number[];
      if (cursor.uidValidity === validity) {
        uids = ((await client.search({ uid: `${last + 1}:*` }, { uid: true })) || []).filter((u) => u > last);
      } else {
        uids = (await client.search({ since }, { uid: true })) || [];
      }
      uids.sort((a, b) => a - b);
      const todo = uids.slice(0, batch);
      let read = 0;
      for (const uid of todo) {
        const msg = await client.fetchOne(String(uid), { source: true }, { uid: true });
        if (msg && msg.source) await onMail(msg.source, { uid, uidValidity: validity });
        last = uid;
        read++;
      }
      // Nothing new: remember the validity (and skip what the search left out) so the next poll starts from here.
      if (!todo.length && cursor.uidValidity !== validity) last = Math.max(0, Number(box.uidNext ?? 1) - 1);
      return { cursor: { uidValidity: validity, lastUid: last }, read, more: uids.length > todo.length };
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
}
