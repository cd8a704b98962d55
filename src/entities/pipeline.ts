import { Column, Entity, Index, JoinColumn, ManyToOne } from "typeorm";
import { Field, Int, ObjectType } from "type-graphql";
import { TenantScopedEntity } from "./tenant-scoped";
import { CriterionOperator, QualificationFieldType, StageKind } from "../schema/crm-enums";

export interface QualificationFieldDef {
  key: string;
  label: string;
  type: QualificationFieldType;
  /** CHOICE: the accepted answers. */
  options?: string[];
  /** Words that announce the value in a conversation ("conta de luz", "energia"). */
  keywords?: string[];
  /** Read from a document the client sent, e.g. UTILITY_BILL.totalAmount. */
  documentField?: string | null;
}

export interface CriterionDef { field: string; op: CriterionOperator; value?: unknown }

/** The tenant's sales pipeline: stages live in pipeline_stages; fields and criteria here. One per tenant. */
@Entity("pipelines")
@Index("pipelines_tenant_uq", ["tenantId"], { unique: true })
export class Pipeline extends TenantScopedEntity {
  @Column({ name: "qualification_fields", type: "jsonb", default: () => "'[]'" })
  qualificationFields!: QualificationFieldDef[];

  /** All must hold for a lead to be qualified automatically. */
  @Column({ type: "jsonb", default: () => "'[]'" })
  criteria!: CriterionDef[];

  /** Where a lead goes when the criteria hold ("qualificado"). */
  @Column({ name: "qualified_stage_id", type: "uuid", nullable: true })
  qualifiedStageId!: string | null;

  /** A WhatsApp (or web chat) conversation from an unknown contact starts as a lead. */
  @Column({ name: "leads_from_conversations", type: "boolean", default: false })
  leadsFromConversations!: boolean;
}

@ObjectType()
@Entity("pipeline_stages")
@Index("pipeline_stages_pipeline_idx", ["pipelineId", "position"])
export class PipelineStage extends TenantScopedEntity {
  @Column({ name: "pipeline_id", type: "uuid" })
  pipelineId!: string;

  @ManyToOne(() => Pipeline, { onDelete: "CASCADE" })
  @JoinColumn({ name: "pipeline_id" })
  pipeline?: Pipeline;

  @Field(() => String) @Column({ type: "text" }) name!: string;
  @Field(() => Int) @Column({ type: "int" }) position!: number;

  @Field(() => StageKind)
  @Column({ type: "enum", enum: StageKind, enumName: "stage_kind", default: StageKind.OPEN })
  kind!: StageKind;
}
