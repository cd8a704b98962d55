import type { DataSource } from "typeorm";
import { InboundEvent } from "../../entities/inbound-event";
import type { Inbox } from "../../entities/inbox";
import type { JobQueue } from "../../infra/jobs";
import { counter } from "../../infra/metrics";
import type { IntakeItem } from "../../channels/types";
import { limitInboundEvent } from "../../channels/text-limit";

export type { IntakeItem };

export const PROCESS_INBOUND_JOB = "inbound.process";
/** Processing attempts of one event over all its jobs (retries and sweeps). */
export const MAX_ATTEMPTS = 20;
/** Events per grouped INSERT at most (a burst of deliveries is committed in groups up to this size). */
const GROUP_ROWS = 500;

interface Row { eventKey: string; payload: { event: unknown } | null; rawText: string | null; status: InboundEvent["status"]; error: string | null }
interface Stored { id: string; status: InboundEvent["status"] }
const BURST_MS = 300;

const intake = counter("atende_inbound_events_total", "Provider events received, by provider and result (accepted, duplicate, dead, ignored)", ["provider", "result"]);

/**
 * Stores provider events durably (unique per inbox and event key) and enqueues
 * their processing. Returns how many were new; duplicates change nothing.
 */
export class IntakeService {
  constructor(private readonly ds: DataSource, private readonly jobs: JobQueue, private readonly maxTextChars: number) {}

  /** Deliveries being stored right now, and when one last arrived while another was still being stored. */
  private storing = 0;
  private overlapAt = 0;

  /**
   * A burst is under way: within the last BURST_MS, a delivery arrived while another was
   * still being stored. One at a time (a quiet day) never counts, however steady; a
   * campaign reply burst does at once, whatever the rate processing leaves it. Embedded
   * mode then lets intake go first.
   */
  busy(now = Date.now()): boolean {
    return now - this.overlapAt < BURST_MS;
  }

  async store(inbox: Inbox, items: IntakeItem[], rawText: string | null): Promise<{ accepted: number; duplicates: number }> {
    if (!items.length) return { accepted: 0, duplicates: 0 };
    if (this.storing++ > 0) this.overlapAt = Date.now();
    try {
      return await this.storeNow(inbox, items, rawText);
    } finally {
      this.storing--;
    }
  }

  private async storeNow(inbox: Inbox, items: IntakeItem[], rawText: string | null): Promise<{ accepted: number; duplicates: number }> {
    const rows: Row[] = items.map((i) => ({
      eventKey: i.key.slice(0, 300),
      payload: i.event ? { event: limitInboundEvent(i.event, this.maxTextChars) } : null,
      rawText: i.dead ? rawText : null,
      status: (i.dead ? "DEAD" : i.event?.kind === "ignored" ? "IGNORED" : "PENDING") as InboundEvent["status"],
      error: i.dead ?? (i.event?.kind === "ignored" ? i.event.reason : null),
    }));
    // Committed before the webhook answers (group commit: see insert); ON CONFLICT makes redeliveries no-ops.
    const inserted = await this.insert(inbox, rows);
    for (const row of inserted) {
      intake.inc({ provider: inbox.provider, result: row.status === "PENDING" ? "accepted" : row.status.toLowerCase() });
      if (row.status === "PENDING") await this.enqueue(row.id);
    }
    if (rows.length > inserted.length) intake.inc({ provider: inbox.provider, result: "duplicate" }, rows.length - inserted.length);
    return { accepted: inserted.length, duplicates: rows.length - inserted.length };
  }

  /** Deliveries waiting for the insert in flight; they go in together when it commits. */
  private queue: Array<{ inbox: Inbox; rows: Row[]; resolve(r: Stored[]): void; reject(err: unknown): void }> = [];
  private flushing = false;

  /**
   * Group commit: the first delivery is inserted at once; deliveries that arrive while
   * an insert is in flight are inserted together by the next one, as one statement
   * and one commit. No delivery waits for a timer, each is answered only once its own
   * rows are committed, and a burst costs a few commits instead of one per webhook.
   */
  private insert(inbox: Inbox, rows: Row[]): Promise<Stored[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ inbox, rows, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length) {
        let n = 0;
        let count = 0;
        while (n < this.queue.length && (n === 0 || count + this.queue[n]!.rows.length <= GROUP_ROWS)) count += this.queue[n++]!.rows.length;
        const batch = this.queue.splice(0, n);
        try {
          const results = await this.insertGroup(batch);
          batch.forEach((d, i) => d.resolve(results[i]!));
        } catch (err) {
          // One bad delivery must not fail the others: alone, each gets its own answer.
          if (batch.length === 1) batch[0]!.reject(err);
          else for (const d of batch) await this.insertGroup([d]).then((r) => d.resolve(r[0]!), (e: unknown) => d.reject(e));
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /** One INSERT for the deliveries' events (as arrays); returns, per delivery, the rows that were new. */
  private async insertGroup(batch: Array<{ inbox: Inbox; rows: Row[] }>): Promise<Stored[][]> {
    const all = batch.flatMap((d) => d.rows.map((r) => ({ ...r, tenantId: d.inbox.tenantId, inboxId: d.inbox.id })));
    const returned: Array<Stored & { inbox_id: string; event_key: string }> = await this.ds.query(
      `INSERT INTO inbound_events (tenant_id, inbox_id, event_key, payload, raw_text, status, error)
       SELECT e.tenant_id, e.inbox_id, e.event_key, e.payload::jsonb, e.raw_text, e.status, e.error
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS e(tenant_id, inbox_id, event_key, payload, raw_text, status, error)
       ON CONFLICT (inbox_id, event_key) DO NOTHING
       RETURNING id, status, inbox_id, event_key`,
      [all.map((r) => r.tenantId), all.map((r) => r.inboxId), all.map((r) => r.eventKey), all.map((r) => (r.payload ? JSON.stringify(r.payload) : null)), all.map((r) => r.rawText), all.map((r) => r.status), all.map((r) => r.error ?? null)],
    );
    // A key given twice in the group is new once: the first delivery that carries it gets the row.
    const byKey = new Map(returned.map((r) => [`${r.inbox_id} ${r.event_key}`, r]));
    return batch.map((d) => d.rows.flatMap((r) => {
      const key = `${d.inbox.id} ${r.eventKey}`;
      const hit = byKey.get(key);
      if (!hit) return [];
      byKey.delete(key);
      return [{ id: hit.id, status: hit.status }];
    }));
  }

  enqueue(eventId: string): Promise<void> {
    return this.jobs.enqueue(PROCESS_INBOUND_JOB, { eventId }, { jobId: `inbound:${eventId}`, attempts: 10 });
  }

  /**
   * Safety net for jobs lost with a crashed process (the in-process runner keeps
   * them in memory): re-enqueue events still PENDING after a while.
   */
  async requeueStale(olderThanMs = 60_000): Promise<number> {
    // An event that failed every attempt is given up, visibly (FAILED with its last error), never retried forever.
    await this.ds.query(`UPDATE inbound_events SET status = 'FAILED', processed_at = now() WHERE status = 'PENDING' AND attempts >= $1`, [MAX_ATTEMPTS]);
    const rows: Array<{ id: string }> = await this.ds.query(
      `SELECT id FROM inbound_events WHERE status = 'PENDING' AND received_at < now() - make_interval(secs => $1) AND attempts < $2 ORDER BY received_at LIMIT 500`,
      [olderThanMs / 1000, MAX_ATTEMPTS],
    );
    for (const r of rows) await this.enqueue(r.id);
    return rows.length;
  }
}
