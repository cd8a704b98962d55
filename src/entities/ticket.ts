import { Column, Entity, Index, JoinColumn, ManyToOne } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { TenantScopedEntity } from "./tenant-scoped";
import { Client } from "./client";
import { User } from "./user";
import { Team } from "./team";
import { ChannelType, Priority, TicketStatus } from "../schema/enums";

/** What triage decided for a ticket or a message; stored as JSON on the ticket. */
export interface TriageRecord {
  intent: string;
  priority: Priority;
  needsHuman: boolean;
  autoResolved: boolean;
  confidence: number;
  response: string | null;
  provider: string;
  /** Why the gate sent it to a person (services/triage/gate.ts). */
  reasons?: string[];
}

@ObjectType()
@Entity("tickets")
@Index("tickets_tenant_created_idx", ["tenantId", "createdAt", "id"])
@Index("tickets_tenant_status_idx", ["tenantId", "status"])
@Index("tickets_client_idx", ["clientId"])
export class Ticket extends TenantScopedEntity {
  @Column({ name: "client_id", type: "uuid" })
  clientId!: string;

  @ManyToOne(() => Client, { onDelete: "CASCADE" })
  @JoinColumn({ name: "client_id" })
  client?: Client;

  @Field(() => ChannelType)
  @Column({ type: "enum", enum: ChannelType, enumName: "channel_type" })
  channel!: ChannelType;

  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  subject!: string | null;

  @Field(() => String)
  @Column({ type: "text" })
  message!: string;

  @Field(() => TicketStatus)
  @Column({ type: "enum", enum: TicketStatus, enumName: "ticket_status", default: TicketStatus.OPEN })
  status!: TicketStatus;

  @Field(() => Priority)
  @Column({ type: "enum", enum: Priority, enumName: "priority", default: Priority.MEDIUM })
  priority!: Priority;

  @Column({ type: "text", default: "other" })
  intent!: string;

  @Column({ type: "jsonb" })
  triage!: TriageRecord;

  @Column({ name: "assignee_id", type: "uuid", nullable: true })
  assigneeId!: string | null;

  @ManyToOne(() => User, { onDelete: "SET NULL" })
  @JoinColumn({ name: "assignee_id" })
  assignee?: User | null;

  /** Conversation the ticket came from, if any. */
  @Column({ name: "session_id", type: "uuid", nullable: true })
  sessionId!: string | null;

  /** Team it is routed/assigned to. */
  @Column({ name: "team_id", type: "uuid", nullable: true })
  teamId!: string | null;

  @ManyToOne(() => Team, { onDelete: "SET NULL" })
  @JoinColumn({ name: "team_id" })
  team?: Team | null;

  /** The tenant's own category list (free text validated against the tenant's settings). */
  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  category!: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: "due_at", type: "timestamptz", precision: 3, nullable: true })
  dueAt!: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: "first_response_due_at", type: "timestamptz", precision: 3, nullable: true })
  firstResponseDueAt!: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: "resolution_due_at", type: "timestamptz", precision: 3, nullable: true })
  resolutionDueAt!: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: "first_response_at", type: "timestamptz", precision: 3, nullable: true })
  firstResponseAt!: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: "resolved_at", type: "timestamptz", precision: 3, nullable: true })
  resolvedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: "first_response_breached_at", type: "timestamptz", precision: 3, nullable: true })
  firstResponseBreachedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: "resolution_breached_at", type: "timestamptz", precision: 3, nullable: true })
  resolutionBreachedAt!: Date | null;

  @Column({ name: "first_response_warned_at", type: "timestamptz", precision: 3, nullable: true })
  firstResponseWarnedAt!: Date | null;

  @Column({ name: "resolution_warned_at", type: "timestamptz", precision: 3, nullable: true })
  resolutionWarnedAt!: Date | null;
}
