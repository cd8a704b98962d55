import { Column, Entity, Index } from "typeorm";
import { TenantScopedEntity } from "./tenant-scoped";

export type ReportFrequency = "DAILY" | "WEEKLY";

/**
 * A tenant's periodic report: the main measures of the last day or week against the one
 * before, sent at `time` (HH:MM in the tenant's time zone; WEEKLY on `weekday`, 0 = Sunday)
 * by e-mail and/or to a WhatsApp number or group through `inboxId`.
 */
@Entity("scheduled_reports")
@Index("scheduled_reports_tenant_uq", ["tenantId"], { unique: true })
export class ScheduledReport extends TenantScopedEntity {
  @Column({ type: "text" })
  frequency!: ReportFrequency;

  @Column({ type: "smallint", nullable: true })
  weekday!: number | null;

  /** HH:MM, tenant's time zone. */
  @Column({ type: "text" })
  time!: string;

  @Column({ type: "text", nullable: true })
  email!: string | null;

  /** Phone (E.164 digits) or a WhatsApp group id (`…@g.us`). */
  @Column({ name: "whatsapp_to", type: "text", nullable: true })
  whatsappTo!: string | null;

  /** WhatsApp inbox the report goes out through. */
  @Column({ name: "inbox_id", type: "uuid", nullable: true })
  inboxId!: string | null;

  @Column({ type: "boolean", default: true })
  enabled!: boolean;

  /** Start (ISO) of the last period reported: the same period is never sent twice. */
  @Column({ name: "last_period_start", type: "text", nullable: true })
  lastPeriodStart!: string | null;

  @Column({ name: "last_sent_at", type: "timestamptz", precision: 3, nullable: true })
  lastSentAt!: Date | null;

  @Column({ name: "last_error", type: "text", nullable: true })
  lastError!: string | null;
}
