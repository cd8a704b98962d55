import { Column, Entity, Index } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { TenantScopedEntity } from "./tenant-scoped";
import { ChannelType, InboxConnectionState, InboxProvider } from "../schema/enums";

/**
 * A configured channel (a WhatsApp number through Evolution or the Cloud API, or a
 * signed generic webhook). Provider credentials and the webhook secret are sealed
 * (AES-GCM) and have no GraphQL field.
 */
@ObjectType()
@Entity("inboxes")
@Index("inboxes_tenant_idx", ["tenantId"])
@Index("inboxes_external_idx", ["provider", "externalId"])
export class Inbox extends TenantScopedEntity {
  @Field(() => String)
  @Column({ type: "text" })
  name!: string;

  @Field(() => InboxProvider)
  @Column({ type: "enum", enum: InboxProvider, enumName: "inbox_provider" })
  provider!: InboxProvider;

  @Field(() => ChannelType)
  @Column({ type: "enum", enum: ChannelType, enumName: "channel_type" })
  channel!: ChannelType;

  /** SHA-256 of the secret path key: webhooks are routed by it. */
  @Index("inboxes_key_hash_uq", { unique: true })
  @Column({ name: "webhook_key_hash", type: "text" })
  webhookKeyHash!: string;

  /** Sealed path key (shown in webhookPath to admins). */
  @Column({ name: "webhook_key_sealed", type: "text" })
  webhookKeySealed!: string;

  /** Sealed webhook secret (HMAC key / Evolution header token or JWT key); shown once. */
  @Column({ name: "webhook_secret_sealed", type: "text" })
  webhookSecretSealed!: string;

  /** Sealed provider configuration (base URL, instance, API key / access token, app secret…). */
  @Column({ name: "config_sealed", type: "text" })
  configSealed!: string;

  /** Cloud API routing: metadata.phone_number_id; Evolution: instance name; web chat: the widget's public key. Not secret. */
  @Column({ name: "external_id", type: "text", nullable: true })
  externalId!: string | null;

  @Field(() => InboxConnectionState)
  @Column({ name: "connection_state", type: "enum", enum: InboxConnectionState, enumName: "inbox_connection_state", default: InboxConnectionState.UNKNOWN })
  connectionState!: InboxConnectionState;

  @Field(() => Date, { nullable: true, description: "Desativada: webhooks respondem 404 e nada é enviado." })
  @Column({ name: "disabled_at", type: "timestamptz", nullable: true })
  disabledAt!: Date | null;

  /** The secret replaced by the last rotation, still accepted until `previousSecretExpiresAt`. */
  @Column({ name: "previous_secret_sealed", type: "text", nullable: true })
  previousSecretSealed!: string | null;

  @Field(() => Date, { nullable: true, description: "Até quando o segredo anterior (rotacionado) ainda é aceito." })
  @Column({ name: "previous_secret_expires_at", type: "timestamptz", nullable: true })
  previousSecretExpiresAt!: Date | null;
}
