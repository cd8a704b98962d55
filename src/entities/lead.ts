import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { Field, Float, ID, ObjectType } from "type-graphql";
import { GraphQLJSON } from "graphql-scalars";
import { TenantScopedEntity } from "./tenant-scoped";
import { Client } from "./client";
import { PipelineStage } from "./pipeline";
import { User } from "./user";
import { LeadEventKind, LeadSource } from "../schema/crm-enums";

export type QualificationValue = string | number | boolean | null;
/** Where each qualification value came from; manual values are never overwritten by automation. */
export interface QualificationSource { source: "manual" | "document" | "message" | "llm"; at: string; messageId?: string; documentId?: string }

/**
 * A person or company not yet a client. Personal data (name, contacts, document,
 * qualification answers, notes) is read through access-logged field resolvers and
 * anonymised with the client or by retention.
 */
@ObjectType()
@Entity("leads")
@Index("leads_tenant_created_idx", ["tenantId", "createdAt", "id"])
@Index("leads_tenant_stage_idx", ["tenantId", "stageId"])
@Index("leads_open_client_uq", ["tenantId", "clientId"], { unique: true, where: "client_id IS NOT NULL AND converted_at IS NULL AND anonymized_at IS NULL" })
export class Lead extends TenantScopedEntity {
  @Column({ type: "text" }) name!: string;
  @Column({ type: "text", nullable: true }) email!: string | null;
  @Column({ type: "text", nullable: true }) phone!: string | null;
  @Column({ type: "text", nullable: true }) document!: string | null;
  @Column({ name: "company_name", type: "text", nullable: true }) companyName!: string | null;

  @Field(() => LeadSource)
  @Column({ type: "enum", enum: LeadSource, enumName: "lead_source", default: LeadSource.MANUAL })
  source!: LeadSource;

  @Field(() => String, { nullable: true }) @Column({ type: "text", nullable: true }) campaign!: string | null;

  @Column({ name: "owner_id", type: "uuid", nullable: true }) ownerId!: string | null;
  @ManyToOne(() => User, { onDelete: "SET NULL" }) @JoinColumn({ name: "owner_id" }) owner?: User | null;

  @Column({ name: "stage_id", type: "uuid" }) stageId!: string;
  @ManyToOne(() => PipelineStage, { onDelete: "RESTRICT" }) @JoinColumn({ name: "stage_id" }) stage?: PipelineStage;

  @Field(() => Date) @Column({ name: "stage_entered_at", type: "timestamptz", precision: 3 }) stageEnteredAt!: Date;

  @Field(() => Float, { nullable: true })
  @Column({ type: "numeric", precision: 14, scale: 2, nullable: true, transformer: { to: (v: number | null) => v, from: (v: string | null) => (v == null ? null : Number(v)) } })
  value!: number | null;

  @Column({ type: "jsonb", default: () => "'{}'" }) qualification!: Record<string, QualificationValue>;
  @Column({ name: "qualification_sources", type: "jsonb", default: () => "'{}'" }) qualificationSources!: Record<string, QualificationSource>;
  @Column({ type: "text", nullable: true }) notes!: string | null;
  @Field(() => Date, { nullable: true }) @Column({ name: "next_action_at", type: "timestamptz", precision: 3, nullable: true }) nextActionAt!: Date | null;

  @Column({ name: "client_id", type: "uuid", nullable: true }) clientId!: string | null;
  @ManyToOne(() => Client, { onDelete: "SET NULL" }) @JoinColumn({ name: "client_id" }) client?: Client | null;
  /** The conversation the lead came from. */
  @Column({ name: "session_id", type: "uuid", nullable: true }) sessionId!: string | null;

  @Field(() => Date, { nullable: true }) @Column({ name: "qualified_at", type: "timestamptz", precision: 3, nullable: true }) qualifiedAt!: Date | null;
  @Field(() => Date, { nullable: true }) @Column({ name: "converted_at", type: "timestamptz", precision: 3, nullable: true }) convertedAt!: Date | null;
  @Column({ name: "anonymized_at", type: "timestamptz", nullable: true }) anonymizedAt!: Date | null;

  @Field(() => Date, { description: "Última alteração." }) get changedAt(): Date { return this.updatedAt; }
}

/** The lead's history: creation, edits (field names only), stage moves, qualification, conversion. */
@ObjectType()
@Entity("lead_events")
@Index("lead_events_lead_idx", ["leadId", "createdAt"])
@Index("lead_events_tenant_idx", ["tenantId", "createdAt"])
export class LeadEvent {
  @Field(() => ID) @PrimaryGeneratedColumn("uuid") id!: string;
  @Column({ name: "tenant_id", type: "uuid" }) tenantId!: string;
  @Column({ name: "lead_id", type: "uuid" }) leadId!: string;
  @ManyToOne(() => Lead, { onDelete: "CASCADE" }) @JoinColumn({ name: "lead_id" }) lead?: Lead;
  @Field(() => LeadEventKind) @Column({ type: "enum", enum: LeadEventKind, enumName: "lead_event_kind" }) kind!: LeadEventKind;
  @Column({ name: "actor_id", type: "uuid", nullable: true }) actorId!: string | null;
  @Column({ name: "from_stage_id", type: "uuid", nullable: true }) fromStageId!: string | null;
  @Column({ name: "to_stage_id", type: "uuid", nullable: true }) toStageId!: string | null;
  /** Ids and field names only (kept after the lead is anonymised). */
  @Field(() => GraphQLJSON, { nullable: true }) @Column({ type: "jsonb", nullable: true }) detail!: Record<string, unknown> | null;
  @Field(() => Date) @CreateDateColumn({ name: "created_at", type: "timestamptz", precision: 3 }) createdAt!: Date;
}
