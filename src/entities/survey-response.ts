import { Column, Entity, Index } from "typeorm";
import { Field, Int, ObjectType } from "type-graphql";
import { TenantScopedEntity } from "./tenant-scoped";
import { ChannelType } from "../schema/enums";
import { SurveyKind, SurveyStatus } from "../schema/followups-enums";

/**
 * A survey asked of the customer (CSAT 1–5 after a handoff, NPS 0–10 once per period) and, when answered,
 * the customer's own rating — distinct from the satisfaction an agent types on a handoff.
 * `status`: SENT (waiting for the answer), ANSWERED, EXPIRED.
 */
@ObjectType()
@Entity("survey_responses")
@Index("survey_responses_tenant_answered_idx", ["tenantId", "answeredAt"])
@Index("survey_responses_session_idx", ["sessionId", "status"])
@Index("survey_responses_client_kind_idx", ["tenantId", "clientId", "kind", "sentAt"])
export class SurveyResponse extends TenantScopedEntity {
  /** CSAT | NPS */
  @Field(() => SurveyKind)
  @Column({ type: "text" })
  kind!: "CSAT" | "NPS";

  @Field(() => SurveyStatus)
  @Column({ type: "text", default: "SENT" })
  status!: "SENT" | "ANSWERED" | "EXPIRED";

  @Field(() => String)
  @Column({ name: "client_id", type: "uuid" })
  clientId!: string;

  @Field(() => String, { nullable: true })
  @Column({ name: "session_id", type: "uuid", nullable: true })
  sessionId!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: "handoff_id", type: "uuid", nullable: true })
  handoffId!: string | null;

  /** The agent and team that handled the conversation rated. */
  @Field(() => String, { nullable: true })
  @Column({ name: "agent_id", type: "uuid", nullable: true })
  agentId!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: "team_id", type: "uuid", nullable: true })
  teamId!: string | null;

  @Field(() => ChannelType)
  @Column({ type: "enum", enum: ChannelType, enumName: "channel_type" })
  channel!: ChannelType;

  @Field(() => String, { nullable: true })
  @Column({ name: "inbox_id", type: "uuid", nullable: true })
  inboxId!: string | null;

  /** CSAT 1–5, NPS 0–10; null until answered. */
  @Field(() => Int, { nullable: true })
  @Column({ type: "smallint", nullable: true })
  score!: number | null;

  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  comment!: string | null;

  @Field(() => Date)
  @Column({ name: "sent_at", type: "timestamptz", precision: 3 })
  sentAt!: Date;

  @Field(() => Date, { nullable: true })
  @Column({ name: "answered_at", type: "timestamptz", precision: 3, nullable: true })
  answeredAt!: Date | null;
}
