import { Column, Entity, Index } from "typeorm";
import { Field, Int, ObjectType } from "type-graphql";
import { TenantScopedEntity } from "./tenant-scoped";
import { FollowUpStatus } from "../schema/followups-enums";

/**
 * A message scheduled for later in a conversation (an agent's follow-up, or "if the customer
 * stays silent for N minutes"). The row is the source of truth: jobs only wake the sender up.
 * Status: SCHEDULED, SENT, CANCELLED (by a person or because the customer wrote first), FAILED.
 */
@ObjectType()
@Entity("follow_ups")
@Index("follow_ups_session_idx", ["sessionId", "status"])
@Index("follow_ups_due_idx", ["status", "dueAt"])
export class FollowUp extends TenantScopedEntity {
  @Field(() => String)
  @Column({ name: "session_id", type: "uuid" })
  sessionId!: string;

  @Column({ name: "client_id", type: "uuid" })
  clientId!: string;

  @Field(() => String, { nullable: true })
  @Column({ name: "created_by_id", type: "uuid", nullable: true })
  createdById!: string | null;

  @Field(() => String)
  @Column({ type: "text" })
  text!: string;

  /** When it was asked to go (sendAt, or the silence deadline). */
  @Field(() => Date)
  @Column({ name: "requested_at", type: "timestamptz", precision: 3 })
  requestedAt!: Date;

  /** When it goes: requestedAt pushed to the tenant's next open business slot. */
  @Field(() => Date)
  @Column({ name: "due_at", type: "timestamptz", precision: 3 })
  dueAt!: Date;

  @Field(() => Int, { nullable: true })
  @Column({ name: "after_silence_minutes", type: "int", nullable: true })
  afterSilenceMinutes!: number | null;

  @Field(() => FollowUpStatus)
  @Column({ type: "text", default: "SCHEDULED" })
  status!: "SCHEDULED" | "SENT" | "CANCELLED" | "FAILED";

  @Field(() => Date, { nullable: true })
  @Column({ name: "sent_at", type: "timestamptz", precision: 3, nullable: true })
  sentAt!: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ name: "message_id", type: "uuid", nullable: true })
  messageId!: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: "cancelled_at", type: "timestamptz", precision: 3, nullable: true })
  cancelledAt!: Date | null;

  /** CLIENT_REPLIED, BY_USER, SESSION_CLOSED. */
  @Field(() => String, { nullable: true })
  @Column({ name: "cancel_reason", type: "text", nullable: true })
  cancelReason!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  error!: string | null;
}
