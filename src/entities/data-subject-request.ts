import { Column, Entity, Index, JoinColumn, ManyToOne } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { GraphQLJSON } from "graphql-scalars";
import { TenantScopedEntity } from "./tenant-scoped";
import { Client } from "./client";
import { DataSubjectRequestStatus, DataSubjectRequestType } from "../schema/enums";

/** A data subject's request under LGPD Art. 18 (access, portability, deletion, rectification). */
@ObjectType()
@Entity("data_subject_requests")
@Index("dsr_tenant_created_idx", ["tenantId", "createdAt"])
@Index("dsr_client_idx", ["tenantId", "clientId"])
// The erasure sweep reads only approved deletions, across tenants.
@Index("dsr_due_deletions_idx", ["executeAfter"], { where: `status = 'APPROVED' AND type = 'DELETION'` })
export class DataSubjectRequest extends TenantScopedEntity {
  // The client row survives a deletion (anonymised), and so does the proof of the request.
  @Column({ name: "client_id", type: "uuid" })
  clientId!: string;

  @ManyToOne(() => Client, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "client_id" })
  client?: Client;

  @Field(() => DataSubjectRequestType)
  @Column({ type: "enum", enum: DataSubjectRequestType, enumName: "dsr_type" })
  type!: DataSubjectRequestType;

  @Field(() => DataSubjectRequestStatus)
  @Column({ type: "enum", enum: DataSubjectRequestStatus, enumName: "dsr_status", default: DataSubjectRequestStatus.PENDING })
  status!: DataSubjectRequestStatus;

  /** What the data subject asked, in their words (scrubbed by the erasure). */
  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  reason!: string | null;

  /** Legal ground of a rejection (Art. 16) or note of an approval. */
  @Field(() => String, { nullable: true })
  @Column({ name: "decision_reason", type: "text", nullable: true })
  decisionReason!: string | null;

  @Column({ name: "decided_by", type: "uuid", nullable: true })
  decidedBy!: string | null;

  @Column({ name: "decided_at", type: "timestamptz", precision: 3, nullable: true })
  decidedAt!: Date | null;

  @Field(() => Date)
  @Column({ name: "due_at", type: "timestamptz", precision: 3 })
  dueAt!: Date;

  @Field(() => Date, { nullable: true })
  @Column({ name: "execute_after", type: "timestamptz", precision: 3, nullable: true })
  executeAfter!: Date | null;

  /** RECTIFICATION: the fields and new values the subject asked for (scrubbed by the erasure). */
  @Field(() => GraphQLJSON, { nullable: true })
  @Column({ type: "jsonb", nullable: true })
  corrections!: Record<string, unknown> | null;

  /** RECTIFICATION: the fields the approval actually changed (names only). */
  @Field(() => [String], { nullable: true })
  @Column({ name: "rectified_fields", type: "jsonb", nullable: true })
  rectifiedFields!: string[] | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: "completed_at", type: "timestamptz", precision: 3, nullable: true })
  completedAt!: Date | null;
}
