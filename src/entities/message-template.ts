import { Column, Entity, Index } from "typeorm";
import { Field, Int, ObjectType } from "type-graphql";
import { TenantScopedEntity } from "./tenant-scoped";

/** A WhatsApp message template of an inbox, as last synced from the Graph API. */
@ObjectType()
@Entity("message_templates")
@Index("message_templates_inbox_uq", ["inboxId", "name", "language"], { unique: true })
export class MessageTemplate extends TenantScopedEntity {
  @Column({ name: "inbox_id", type: "uuid" })
  inboxId!: string;

  @Field(() => String)
  @Column({ type: "text" })
  name!: string;

  @Field(() => String)
  @Column({ type: "text" })
  language!: string;

  @Field(() => String, { description: "MARKETING, UTILITY ou AUTHENTICATION." })
  @Column({ type: "text" })
  category!: string;

  @Field(() => String, { description: "APPROVED, PENDING, REJECTED, PAUSED…" })
  @Column({ type: "text" })
  status!: string;

  @Field(() => Int, { description: "Quantos parâmetros ({{1}}, {{2}}…) o corpo espera." })
  @Column({ name: "parameter_count", type: "int", default: 0 })
  parameterCount!: number;

  @Field(() => String, { nullable: true, description: "Texto do corpo, com os marcadores {{n}}." })
  @Column({ name: "body_text", type: "text", nullable: true })
  bodyText!: string | null;

  @Column({ name: "provider_id", type: "text", nullable: true })
  providerId!: string | null;

  @Field(() => Date)
  @Column({ name: "synced_at", type: "timestamptz" })
  syncedAt!: Date;
}
