import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { Inbox } from "./inbox";

export type InboundEventStatus = "PENDING" | "PROCESSED" | "IGNORED" | "FAILED" | "DEAD";

/**
 * A provider event as received, stored (and committed) before the webhook answers.
 * Unique per inbox and provider event key: a redelivery is a no-op. Processing
 * happens in a job that may run more than once.
 */
@Entity("inbound_events")
@Index("inbound_events_key_uq", ["inboxId", "eventKey"], { unique: true })
@Index("inbound_events_pending_idx", ["status", "receivedAt"])
export class InboundEvent {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ name: "tenant_id", type: "uuid" })
  tenantId!: string;

  @Column({ name: "inbox_id", type: "uuid" })
  inboxId!: string;

  @ManyToOne(() => Inbox, { onDelete: "CASCADE" })
  @JoinColumn({ name: "inbox_id" })
  inbox?: Inbox;

  @Column({ name: "event_key", type: "text" })
  eventKey!: string;

  /** The event's JSON (for Cloud API batches: this element's envelope); raw text for dead letters. */
  @Column({ type: "jsonb", nullable: true })
  payload!: unknown;

  @Column({ name: "raw_text", type: "text", nullable: true })
  rawText!: string | null;

  @Column({ type: "text", default: "PENDING" })
  status!: InboundEventStatus;

  @Column({ type: "int", default: 0 })
  attempts!: number;

  @Column({ type: "text", nullable: true })
  error!: string | null;

  @CreateDateColumn({ name: "received_at", type: "timestamptz", precision: 3 })
  receivedAt!: Date;

  @Column({ name: "processed_at", type: "timestamptz", precision: 3, nullable: true })
  processedAt!: Date | null;
}
