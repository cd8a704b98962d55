import { Column, Entity, Index } from "typeorm";
import { TenantScopedEntity } from "./tenant-scoped";

/**
 * A rules model retrained for one tenant (the shipped model adapted to its corrected examples),
 * with the figures measured when it was trained. At most one is active per tenant.
 */
@Entity("triage_models")
@Index("triage_models_tenant_version_uq", ["tenantId", "version"], { unique: true })
@Index("triage_models_active_uq", ["tenantId"], { unique: true, where: "active" })
export class TriageModelVersion extends TenantScopedEntity {
  @Column({ type: "int" })
  version!: number;

  /** The serialised model (same format as the shipped model.json). */
  @Column({ type: "jsonb" })
  model!: unknown;

  @Column({ type: "boolean", default: false })
  active!: boolean;

  /** Tenant examples it was trained on. */
  @Column({ type: "int" })
  examples!: number;

  /** Cross-validated on the tenant's examples. */
  @Column({ type: "double precision" })
  accuracy!: number;

  @Column({ name: "needs_human_recall", type: "double precision" })
  needsHumanRecall!: number;

  /** The active model's accuracy on the same examples when this one was trained. */
  @Column({ name: "baseline_accuracy", type: "double precision" })
  baselineAccuracy!: number;

  /** Newest example included (the next training counts new examples from here). */
  @Column({ name: "examples_until", type: "timestamptz", precision: 3 })
  examplesUntil!: Date;
}
