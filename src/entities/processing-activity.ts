import { Column, Entity, Index } from "typeorm";
import { Field, Int, ObjectType } from "type-graphql";
import { TenantScopedEntity } from "./tenant-scoped";

/**
 * One entry of the tenant's record of processing activities (LGPD Art. 37).
 * Prefilled from what the platform does for the tenant; while `customized` is false
 * it follows the platform (e.g. a change of AI provider), once edited it is the
 * tenant's text.
 */
@ObjectType()
@Entity("processing_activities")
@Index("processing_activities_tenant_key_uq", ["tenantId", "key"], { unique: true })
export class ProcessingActivity extends TenantScopedEntity {
  /** Stable identifier of the platform activity, e.g. support_conversations. */
  @Field(() => String) @Column({ type: "text" }) key!: string;
  @Field(() => Int) @Column({ type: "int", default: 0 }) position!: number;
  @Field(() => String) @Column({ type: "text" }) name!: string;
  @Field(() => String) @Column({ type: "text" }) purpose!: string;
  @Field(() => String) @Column({ name: "legal_basis", type: "text" }) legalBasis!: string;
  @Field(() => [String]) @Column({ name: "data_categories", type: "jsonb", default: () => "'[]'" }) dataCategories!: string[];
  @Field(() => [String]) @Column({ name: "data_subjects", type: "jsonb", default: () => "'[]'" }) dataSubjects!: string[];
  /** Who else receives the data (operators, providers). */
  @Field(() => [String]) @Column({ type: "jsonb", default: () => "'[]'" }) recipients!: string[];
  @Field(() => String, { nullable: true }) @Column({ name: "international_transfer", type: "text", nullable: true }) internationalTransfer!: string | null;
  @Field(() => String) @Column({ type: "text" }) retention!: string;
  @Field(() => String) @Column({ name: "security_measures", type: "text" }) securityMeasures!: string;
  @Field(() => Boolean) @Column({ type: "boolean", default: true }) active!: boolean;
  @Field(() => Boolean) @Column({ type: "boolean", default: false }) customized!: boolean;
  @Field(() => Date, { description: "Última alteração." }) get changedAt(): Date { return this.updatedAt; }
}
