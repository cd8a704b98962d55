import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from "typeorm";
import { Tenant } from "./tenant";

export interface BusinessHoursDay { weekday: number; opens: string; closes: string }

/** One row per tenant, created on first update; absent means all defaults. */
@Entity("tenant_settings")
export class TenantSettingsRow {
  @PrimaryColumn({ name: "tenant_id", type: "uuid" })
  tenantId!: string;

  @OneToOne(() => Tenant, { onDelete: "CASCADE" })
  @JoinColumn({ name: "tenant_id" })
  tenant?: Tenant;

  @Column({ type: "text", default: "America/Sao_Paulo" })
  timezone!: string;

  /** Empty = always open. */
  @Column({ name: "business_hours", type: "jsonb", default: () => "'[]'" })
  businessHours!: BusinessHoursDay[];

  /** YYYY-MM-DD dates (tenant timezone) when the team is closed all day. */
  @Column({ type: "jsonb", default: () => "'[]'" })
  holidays!: string[];

  @Column({ name: "out_of_hours_message", type: "text", nullable: true })
  outOfHoursMessage!: string | null;

  @Column({ name: "handoff_keywords", type: "jsonb", default: () => "'[]'" })
  handoffKeywords!: string[];

  /** null = platform default ("openai" when configured, else "rules"). */
  @Column({ name: "ai_provider", type: "text", nullable: true })
  aiProvider!: string | null;

  @Column({ name: "ai_model", type: "text", nullable: true })
  aiModel!: string | null;

  @Column({ name: "ai_system_prompt", type: "text", nullable: true })
  aiSystemPrompt!: string | null;

  @Column({ name: "require_ai_consent", type: "boolean", default: false })
  requireAiConsent!: boolean;

  @Column({ name: "inactivity_timeout_minutes", type: "int", default: 30 })
  inactivityTimeoutMinutes!: number;

  @Column({ name: "auto_assign", type: "boolean", default: false })
  autoAssign!: boolean;

  @Column({ name: "agent_capacity", type: "int", default: 3 })
  agentCapacity!: number;

  @Column({ name: "retention_days", type: "int", default: 90 })
  retentionDays!: number;

  @Column({ name: "deletion_grace_days", type: "int", default: 15 })
  deletionGraceDays!: number;

  /** ADMIN and SUPERVISOR users must enable 2FA; until they do they can only set it up. */
  @Column({ name: "require_two_factor_for_admins", type: "boolean", default: false })
  requireTwoFactorForAdmins!: boolean;
  /** LGPD: reading sensitive personal data (documents, CPF/CNPJ) needs an x-access-justification. */
  @Column({ name: "require_access_justification", type: "boolean", default: false })
  requireAccessJustification!: boolean;

  /** After a handoff is completed the customer is asked "De 1 a 5, …" on the same channel. */
  @Column({ name: "csat_survey", type: "boolean", default: false })
  csatSurvey!: boolean;

  /** NPS (0–10) asked at most once per client per npsIntervalDays, with consent for proactive contact. */
  @Column({ name: "nps_survey", type: "boolean", default: false })
  npsSurvey!: boolean;

  @Column({ name: "nps_interval_days", type: "int", default: 90 })
  npsIntervalDays!: number;
  /** The tenant's ticket categories (Ticket.category must be one of them). */
  @Column({ name: "ticket_categories", type: "jsonb", default: () => "'[]'" })
  ticketCategories!: string[];

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz", precision: 3 })
  updatedAt!: Date;
}
