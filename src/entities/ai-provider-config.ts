import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from "typeorm";
import { Tenant } from "./tenant";

const numeric = { to: (v: number | null) => v, from: (v: string | null) => (v == null ? null : Number(v)) };

/**
 * A tenant's own AI provider (absent: the server-wide OPENAI_* default). The API key is
 * sealed (AES-GCM) like inbox secrets and has no GraphQL field.
 */
@Entity("ai_provider_settings")
export class AiProviderConfig {
  @PrimaryColumn({ name: "tenant_id", type: "uuid" })
  tenantId!: string;

  @OneToOne(() => Tenant, { onDelete: "CASCADE" })
  @JoinColumn({ name: "tenant_id" })
  tenant?: Tenant;

  /** RULES, OPENAI, GROQ, GEMINI or OPENAI_COMPATIBLE. */
  @Column({ type: "text" })
  kind!: string;

  @Column({ name: "base_url", type: "text", nullable: true })
  baseUrl!: string | null;

  @Column({ name: "api_key_sealed", type: "text", nullable: true })
  apiKeySealed!: string | null;

  @Column({ name: "triage_model", type: "text", nullable: true })
  triageModel!: string | null;

  @Column({ name: "reply_model", type: "text", nullable: true })
  replyModel!: string | null;

  @Column({ name: "transcription_model", type: "text", nullable: true })
  transcriptionModel!: string | null;

  @Column({ name: "embedding_model", type: "text", nullable: true })
  embeddingModel!: string | null;

  @Column({ name: "input_price_brl_per_million", type: "numeric", precision: 12, scale: 4, nullable: true, transformer: numeric })
  inputPriceBrlPerMillion!: number | null;

  @Column({ name: "output_price_brl_per_million", type: "numeric", precision: 12, scale: 4, nullable: true, transformer: numeric })
  outputPriceBrlPerMillion!: number | null;

  @Column({ name: "timeout_ms", type: "int", nullable: true })
  timeoutMs!: number | null;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz", precision: 3 })
  updatedAt!: Date;
}
