import { Column, Entity, Index, JoinColumn, ManyToOne } from "typeorm";
import { Field, Float, Int, ObjectType } from "type-graphql";
import { TenantScopedEntity } from "./tenant-scoped";
import { Client } from "./client";
import { Inbox } from "./inbox";
import { ChannelType, SessionStatus } from "../schema/enums";

/** A conversation with one client on one channel; at most one open per client, channel and inbox. */
@ObjectType()
@Entity("sessions")
@Index("sessions_tenant_created_idx", ["tenantId", "createdAt", "id"])
@Index("sessions_open_uq", ["tenantId", "clientId", "channel", "inboxKey"], { unique: true, where: "status <> 'CLOSED'" })
@Index("sessions_inactive_idx", ["status", "lastMessageAt"])
export class Session extends TenantScopedEntity {
  @Column({ name: "client_id", type: "uuid" })
  clientId!: string;

  @ManyToOne(() => Client, { onDelete: "CASCADE" })
  @JoinColumn({ name: "client_id" })
  client?: Client;

  @Column({ name: "inbox_id", type: "uuid", nullable: true })
  inboxId!: string | null;

  @ManyToOne(() => Inbox, { onDelete: "SET NULL" })
  @JoinColumn({ name: "inbox_id" })
  inbox?: Inbox | null;

  /** inbox id or '' (unique indexes treat NULLs as distinct). */
  @Column({ name: "inbox_key", type: "text", default: "" })
  inboxKey!: string;

  @Field(() => ChannelType)
  @Column({ type: "enum", enum: ChannelType, enumName: "channel_type" })
  channel!: ChannelType;

  @Field(() => SessionStatus)
  @Column({ type: "enum", enum: SessionStatus, enumName: "session_status", default: SessionStatus.ACTIVE })
  status!: SessionStatus;

  /** The agent of the open handoff, kept here so visibility checks need no join. */
  @Column({ name: "assigned_agent_id", type: "uuid", nullable: true })
  assignedAgentId!: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: "ended_at", type: "timestamptz", precision: 3, nullable: true })
  endedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: "last_message_at", type: "timestamptz", precision: 3, nullable: true })
  lastMessageAt!: Date | null;

  /** Last message the client wrote: WhatsApp's 24-hour customer-service window counts from it. */
  @Column({ name: "last_client_message_at", type: "timestamptz", precision: 3, nullable: true })
  lastClientMessageAt!: Date | null;

  @Column({ name: "first_response_at", type: "timestamptz", precision: 3, nullable: true })
  firstResponseAt!: Date | null;

  @Field(() => Int)
  @Column({ name: "message_count", type: "int", default: 0 })
  messageCount!: number;

  @Field(() => Int)
  @Column({ name: "tokens_input", type: "int", default: 0 })
  tokensInput!: number;

  @Field(() => Int)
  @Column({ name: "tokens_output", type: "int", default: 0 })
  tokensOutput!: number;

  @Field(() => Float)
  @Column({ name: "cost_brl", type: "numeric", precision: 14, scale: 6, default: 0, transformer: { to: (v: number) => v, from: (v: string | null) => (v == null ? 0 : Number(v)) } })
  costBrl!: number;

  @Field(() => String, { nullable: true })
  @Column({ name: "ai_provider", type: "text", nullable: true })
  aiProvider!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: "ai_model", type: "text", nullable: true })
  aiModel!: string | null;

  /** Intent of the first triaged client message (analytics filter and grouping). */
  @Column({ type: "text", nullable: true })
  intent!: string | null;

  @Column({ name: "closed_reason", type: "text", nullable: true })
  closedReason!: string | null;

  /** Set when retention or an LGPD deletion anonymised the conversation. */
  @Column({ name: "anonymized_at", type: "timestamptz", nullable: true })
  anonymizedAt!: Date | null;

  @Field(() => Date)
  get startedAt(): Date {
    return this.createdAt;
  }
}
