import { Column, Entity, Index } from "typeorm";
import { TenantScopedEntity } from "./tenant-scoped";
import { ChannelType } from "../schema/enums";

/**
 * A survey asked of the customer (CSAT 1–5 after a handoff, NPS 0–10 once per period) and, when answered,
 * the customer's own rating — distinct from the satisfaction an agent types on a handoff.
 * `status`: SENT (waiting for the answer), ANSWERED, EXPIRED.
 */
@Entity("survey_responses")
@Index("survey_responses_tenant_answered_idx", ["tenantId", "answeredAt"])
@Index("survey_responses_session_idx", ["sessionId", "status"])
@Index("survey_responses_client_kind_idx", ["tenantId", "clientId", "kind", "sentAt"])
export class SurveyResponse extends TenantScopedEntity {
  /** CSAT | NPS */
  @Column({ type: "text" })
  kind!: "CSAT" | "NPS";

  @Column({ type: "text", default: "SENT" })
  status!: "SENT" | "ANSWERED" | "EXPIRED";

  @Column({ name: "client_id", type: "uuid" })
  clientId!: string;

  @Column({ name: "session_id", type: "uuid", nullable: true })
  sessionId!: string | null;

  @Column({ name: "handoff_id", type: "uuid", nullable: true })
  handoffId!: string | null;

  /** The agent and team that handled the conversation rated. */
  @Column({ name: "agent_id", type: "uuid", nullable: true })
  agentId!: string | null;

  @Column({ name: "team_id", type: "uuid", nullable: true })
  teamId!: string | null;

  @Column({ type: "enum", enum: ChannelType, enumName: "channel_type" })
  channel!: ChannelType;

  @Column({ name: "inbox_id", type: "uuid", nullable: true })
  inboxId!: string | null;

  /** CSAT 1–5, NPS 0–10; null until answered. */
  @Column({ type: "smallint", nullable: true })
  score!: number | null;

  @Column({ type: "text", nullable: true })
  comment!: string | null;

  @Column({ name: "sent_at", type: "timestamptz", precision: 3 })
  sentAt!: Date;

  @Column({ name: "answered_at", type: "timestamptz", precision: 3, nullable: true })
  answeredAt!: Date | null;
}
