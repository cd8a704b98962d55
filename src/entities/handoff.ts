import { Column, Entity, Index, JoinColumn, ManyToOne } from "typeorm";
import { Field, Int, ObjectType } from "type-graphql";
import { BaseEntity } from "./base";
import { Session } from "./session";
import { User } from "./user";
import { Team } from "./team";
import { HandoffStatus, Priority } from "../schema/enums";

@ObjectType()
@Entity("handoffs")
@Index("handoffs_open_uq", ["sessionId"], { unique: true, where: "status IN ('PENDING', 'ASSIGNED')" })
@Index("handoffs_queue_idx", ["tenantId", "status", "priorityRank", "createdAt"])
@Index("handoffs_agent_idx", ["agentId", "status"])
@Index("handoffs_tenant_created_idx", ["tenantId", "createdAt"])
@Index("handoffs_session_idx", ["sessionId"])
export class Handoff extends BaseEntity {
  @Column({ name: "tenant_id", type: "uuid" })
  tenantId!: string;

  @Column({ name: "session_id", type: "uuid" })
  sessionId!: string;

  @ManyToOne(() => Session, { onDelete: "CASCADE" })
  @JoinColumn({ name: "session_id" })
  session?: Session;

  @Field(() => String)
  @Column({ type: "text" })
  reason!: string;

  @Field(() => Priority)
  @Column({ type: "enum", enum: Priority, enumName: "priority" })
  priority!: Priority;

  /** URGENT 4 … LOW 1: the queue orders by rank, then age. */
  @Column({ name: "priority_rank", type: "smallint" })
  priorityRank!: number;

  @Field(() => HandoffStatus)
  @Column({ type: "enum", enum: HandoffStatus, enumName: "handoff_status", default: HandoffStatus.PENDING })
  status!: HandoffStatus;

  @Column({ name: "agent_id", type: "uuid", nullable: true })
  agentId!: string | null;

  @ManyToOne(() => User, { onDelete: "SET NULL" })
  @JoinColumn({ name: "agent_id" })
  agent?: User | null;

  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  resolution!: string | null;

  @Field(() => Int, { nullable: true })
  @Column({ type: "smallint", nullable: true })
  satisfaction!: number | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: "assigned_at", type: "timestamptz", precision: 3, nullable: true })
  assignedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: "completed_at", type: "timestamptz", precision: 3, nullable: true })
  completedAt!: Date | null;

  /** How it was opened: triage, keyword, client_request, ai_tool, manual, out_of_hours… */
  @Column({ type: "text", default: "manual" })
  source!: string;

  /** Team it is routed to (routing rules, transfers); null = the tenant's general queue. */
  @Column({ name: "team_id", type: "uuid", nullable: true })
  teamId!: string | null;

  @ManyToOne(() => Team, { onDelete: "SET NULL" })
  @JoinColumn({ name: "team_id" })
  team?: Team | null;

  /** SLA targets (business minutes from the tenant's policy) and what happened against them. */
  @Field(() => Date, { nullable: true })
  @Column({ name: "first_response_due_at", type: "timestamptz", precision: 3, nullable: true })
  firstResponseDueAt!: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: "resolution_due_at", type: "timestamptz", precision: 3, nullable: true })
  resolutionDueAt!: Date | null;

  /** First message of an agent after the handoff was opened. */
  @Field(() => Date, { nullable: true })
  @Column({ name: "first_response_at", type: "timestamptz", precision: 3, nullable: true })
  firstResponseAt!: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: "first_response_breached_at", type: "timestamptz", precision: 3, nullable: true })
  firstResponseBreachedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: "resolution_breached_at", type: "timestamptz", precision: 3, nullable: true })
  resolutionBreachedAt!: Date | null;

  @Field(() => Int)
  @Column({ name: "transfer_count", type: "int", default: 0 })
  transferCount!: number;

  /** When the WARNING before each target was raised (once). */
  @Column({ name: "first_response_warned_at", type: "timestamptz", precision: 3, nullable: true })
  firstResponseWarnedAt!: Date | null;

  @Column({ name: "resolution_warned_at", type: "timestamptz", precision: 3, nullable: true })
  resolutionWarnedAt!: Date | null;

  /** Set while the resolution clock is paused (the agent answered, the customer is awaited). */
  @Column({ name: "sla_paused_at", type: "timestamptz", precision: 3, nullable: true })
  slaPausedAt!: Date | null;
}
