import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/**
 * One call to an AI provider or a tenant tool: who, what for, which provider and model,
 * tokens, BRL cost, latency and outcome (a fallback to the rules is an outcome too). No
 * message text is kept here, so the table can be aggregated freely.
 */
@Entity("ai_calls")
@Index("ai_calls_tenant_created_idx", ["tenantId", "createdAt"])
export class AiCall {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ name: "tenant_id", type: "uuid" })
  tenantId!: string;

  @Column({ name: "session_id", type: "uuid", nullable: true })
  sessionId!: string | null;

  @Column({ name: "ticket_id", type: "uuid", nullable: true })
  ticketId!: string | null;

  /** RULES, OPENAI, GROQ, GEMINI, OPENAI_COMPATIBLE, or TOOL for a tenant HTTP tool. */
  @Column({ name: "provider_kind", type: "text" })
  providerKind!: string;

  /** Model name, or the tool's name for tool calls. */
  @Column({ type: "text" })
  model!: string;

  /** triage, reply, transcription, embedding or tool. */
  @Column({ type: "text" })
  purpose!: string;

  @Column({ name: "input_tokens", type: "int", default: 0 })
  inputTokens!: number;

  @Column({ name: "output_tokens", type: "int", default: 0 })
  outputTokens!: number;

  @Column({ name: "cost_brl", type: "numeric", precision: 14, scale: 6, default: 0, transformer: { to: (v: number) => v, from: (v: string | null) => (v == null ? 0 : Number(v)) } })
  costBrl!: number;

  @Column({ name: "latency_ms", type: "int", default: 0 })
  latencyMs!: number;

  /** ok, fallback (the rules answered instead), or error. */
  @Column({ type: "text" })
  outcome!: string;

  /** Short reason for a fallback or error: timeout, http 500, invalid json… */
  @Column({ type: "text", nullable: true })
  error!: string | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz", precision: 3 })
  createdAt!: Date;
}
