import { Column, Entity, Index } from "typeorm";
import { TenantScopedEntity } from "./tenant-scoped";

export type ExportKind = "MEASURES" | "CONVERSATIONS" | "TICKETS" | "MESSAGES" | "SURVEYS";
export type ExportFormat = "CSV" | "JSON";
export type ExportStatus = "PENDING" | "RUNNING" | "DONE" | "FAILED";

/** What an export was asked for: the period, the filter and the granularity (measures). */
export interface ExportParams {
  from: string;
  to: string;
  granularity?: string | null;
  filter?: Record<string, string[] | null | undefined> | null;
}

/**
 * A CSV or JSON file produced by a job from a period of a tenant's data, downloaded through a
 * signed, expiring link. `personalData`: whether the requester's role allowed the client's
 * name, phone and e-mail in it (decided when it was asked for).
 */
@Entity("analytics_exports")
@Index("analytics_exports_tenant_created_idx", ["tenantId", "createdAt", "id"])
export class AnalyticsExport extends TenantScopedEntity {
  @Column({ type: "text" })
  kind!: ExportKind;

  @Column({ type: "text" })
  format!: ExportFormat;

  @Column({ type: "text", default: "PENDING" })
  status!: ExportStatus;

  @Column({ type: "jsonb" })
  params!: ExportParams;

  @Column({ name: "personal_data", type: "boolean", default: false })
  personalData!: boolean;

  /** The user or API key that asked for it. */
  @Column({ name: "requested_by", type: "text" })
  requestedBy!: string;

  @Column({ name: "storage_key", type: "text", nullable: true })
  storageKey!: string | null;

  @Column({ type: "int", default: 0 })
  rows!: number;

  @Column({ type: "bigint", default: 0, transformer: { to: (v: number) => v, from: (v: string | null) => (v == null ? 0 : Number(v)) } })
  bytes!: number;

  @Column({ type: "text", nullable: true })
  error!: string | null;

  @Column({ name: "completed_at", type: "timestamptz", precision: 3, nullable: true })
  completedAt!: Date | null;
}
