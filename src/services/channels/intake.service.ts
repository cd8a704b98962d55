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
const BURST = 32;
const BURST_MS = 300;

const intake = counter("atende_inbound_events_total", "Provider events received, by provider and result (accepted, duplicate, dead, ignored)", ["provider", "result"]);

/**
 * Stores provider events durably (unique per inbox and event key) and enqueues
 * their processing. Returns how many were new; duplicates change nothing.
 */
export class IntakeService {
  constructor(private readonly ds: DataSource, private readonly jobs: JobQueue, private readonly maxTextChars: number) {}

  /** When the last BURST deliveries were stored (a ring): a burst is BURST of them within BURST_MS. */
  private readonly recent = new Array<number>(BURST).fill(0);
  private next = 0;

  /** A burst is under way (32 deliveries within 300 ms, ~100/s): embedded mode lets intake go first. */
  busy(now = Date.now()): boolean {
    return now - this.recent[this.next]! < BURST_MS;
  }

  async store(inbox: Inbox, items: IntakeItem[], rawText: string | null): Promise<{ accepted: number; duplicates: number }> {
    if (!items.length) return { accepted: 0, duplicates: 0 };
    this.recent[this.next] = Date.now();
    this.next = (this.next + 1) % BURST;
    const rows = items.map((i) => ({
      eventKey: i.key.slice(0, 300),
      payload: i.event ? { event: limitInboundEvent(i.event, this.maxTextChars) } : null,
      rawText: i.dead ? rawText : null,
      status: (i.dead ? "DEAD" : i.event?.kind === "ignored" ? "IGNORED" : "PENDING") as InboundEvent["status"],
      error: i.dead ?? (i.event?.kind === "ignored" ? i.event.reason : null),
    }));
    // Committed before the webhook answers; ON CONFLICT makes redeliveries no-ops. One raw
    // statement for the whole delivery (the events as arrays): TypeORM's insert builder
    // cost more CPU than the insert itself.
    const inserted: Array<{ id: string; status: InboundEvent["status"] }> = await this.ds.query(
      `INSERT INTO inbound_events (tenant_id, inbox_id, event_key, payload, raw_text, status, error)
       SELECT $1::uuid, $2::uuid, e.event_key, e.payload::jsonb, e.raw_text, e.status, e.error
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS e(event_key, payload, raw_text, status, error)
       ON CONFLICT (inbox_id, event_key) DO NOTHING
       RETURNING id, status`,
      [inbox.tenantId, inbox.id, rows.map((r) => r.eventKey), rows.map((r) => (r.payload ? JSON.stringify(r.payload) : null)), rows.map((r) => r.rawText), rows.map((r) => r.status), rows.map((r) => r.error ?? null)],
    );
    for (const row of inserted) {
      intake.inc({ provider: inbox.provider, result: row.status === "PENDING" ? "accepted" : row.status.toLowerCase() });
      if (row.status === "PENDING") await this.enqueue(row.id);
    }
    if (rows.length > inserted.length) intake.inc({ provider: inbox.provider, result: "duplicate" }, rows.length - inserted.length);
    return { accepted: inserted.length, duplicates: rows.length - inserted.length };
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
