import { Column, Entity, Index, JoinColumn, ManyToOne } from "typeorm";
import { Field, Int, ObjectType } from "type-graphql";
import { BaseEntity } from "./base";
import { Document } from "./document";
import { Session } from "./session";
import { DeliveryStatus, MessageDirection, MessageSender, MessageType } from "../schema/enums";

/** A contact card the client shared (WhatsApp vCard). */
export interface SharedContactData {
  name: string;
  phones: string[];
}

/** An approved WhatsApp template this message was sent as (Cloud API). */
export interface MessageTemplateRef {
  name: string;
  language: string;
  parameters: string[];
}

export interface MessageMedia {
  storageKey?: string | null;
  mimeType?: string | null;
  fileName?: string | null;
  caption?: string | null;
  size?: number | null;
  /** Provider reference to fetch the media later (Cloud API media id, Evolution key). */
  providerMediaId?: string | null;
  voice?: boolean;
  seconds?: number | null;
}

/** E-mail headers and the full text as received (quoted history and signature included). */
export interface MessageEmail {
  subject: string | null;
  from: string | null;
  to: string[];
  cc: string[];
  /** Message-ID without angle brackets (also the message's providerMessageId). */
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  /** The text before quoted history and signature were stripped; for the agent. */
  originalText: string | null;
}

@ObjectType()
@Entity("messages")
@Index("messages_session_created_idx", ["sessionId", "createdAt", "id"])
// Covers the analytics counts (messages in/out per period, per conversation) without reading the rows.
@Index("messages_tenant_created_cover_idx", ["tenantId", "createdAt", "direction", "sessionId"])
// The assistant's replies of a tenant's period (bot resolution) without reading every message.
@Index("messages_ai_tenant_created_idx", ["tenantId", "createdAt", "sessionId"], { where: "sender = 'AI'" })
@Index("messages_outbound_pending_idx", ["createdAt"], { where: "delivery_status = 'PENDING' AND direction = 'OUTBOUND'" })
@Index("messages_provider_uq", ["tenantId", "providerMessageId"], { unique: true, where: "provider_message_id IS NOT NULL" })
export class Message extends BaseEntity {
  @Column({ name: "tenant_id", type: "uuid" })
  tenantId!: string;

  @Column({ name: "session_id", type: "uuid" })
  sessionId!: string;

  @ManyToOne(() => Session, { onDelete: "CASCADE" })
  @JoinColumn({ name: "session_id" })
  session?: Session;

  @Field(() => MessageDirection)
  @Column({ type: "enum", enum: MessageDirection, enumName: "message_direction" })
  direction!: MessageDirection;

  @Field(() => MessageSender)
  @Column({ type: "enum", enum: MessageSender, enumName: "message_sender" })
  sender!: MessageSender;

  @Column({ name: "author_id", type: "uuid", nullable: true })
  authorId!: string | null;

  @Field(() => MessageType)
  @Column({ type: "enum", enum: MessageType, enumName: "message_type", default: MessageType.TEXT })
  type!: MessageType;

  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  text!: string | null;

  /** Set when the received text passed INBOUND_TEXT_MAX_CHARS and was cut: its original length. */
  @Field(() => Int, { nullable: true, description: "Quando o texto recebido passou do limite e foi truncado: o tamanho original (caracteres)." })
  @Column({ name: "original_length", type: "int", nullable: true })
  originalLength!: number | null;

  @Field(() => String, { nullable: true })
  @Column({ name: "extracted_text", type: "text", nullable: true })
  extractedText!: string | null;

  @Column({ type: "jsonb", nullable: true })
  media!: MessageMedia | null;

  @Column({ type: "jsonb", nullable: true })
  location!: { latitude: number; longitude: number; name?: string | null; address?: string | null } | null;

  @Column({ name: "document_id", type: "uuid", nullable: true })
  documentId!: string | null;

  @ManyToOne(() => Document, { onDelete: "SET NULL" })
  @JoinColumn({ name: "document_id" })
  document?: Document | null;

  @Field(() => DeliveryStatus)
  @Column({ name: "delivery_status", type: "enum", enum: DeliveryStatus, enumName: "delivery_status", default: DeliveryStatus.PENDING })
  deliveryStatus!: DeliveryStatus;

  @Field(() => String, { nullable: true })
  @Column({ name: "delivery_error", type: "text", nullable: true })
  deliveryError!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: "provider_message_id", type: "text", nullable: true })
  providerMessageId!: string | null;

  /** Provider message this one quotes (WhatsApp reply context). */
  @Column({ name: "reply_to_provider_id", type: "text", nullable: true })
  replyToProviderId!: string | null;

  /** The quoted message when it is known here (resolved from the provider id or chosen by the agent). */
  @Column({ name: "reply_to_message_id", type: "uuid", nullable: true })
  replyToMessageId!: string | null;

  /** Machine-readable reason of a failed delivery (e.g. WINDOW_CLOSED) for the console. */
  @Field(() => String, { nullable: true })
  @Column({ name: "delivery_error_code", type: "text", nullable: true })
  deliveryErrorCode!: string | null;

  /** When the read receipt of this inbound message was sent to the provider (sent once). */
  @Column({ name: "read_receipt_at", type: "timestamptz", nullable: true })
  readReceiptAt!: Date | null;

  @Column({ type: "jsonb", nullable: true })
  contacts!: SharedContactData[] | null;

  @Column({ type: "jsonb", nullable: true })
  template!: MessageTemplateRef | null;

  /** E-mail channel: headers (threading) and the original text. */
  @Column({ type: "jsonb", nullable: true })
  email!: MessageEmail | null;

  @Column({ name: "tokens_input", type: "int", default: 0 })
  tokensInput!: number;

  @Column({ name: "tokens_output", type: "int", default: 0 })
  tokensOutput!: number;

  /** What triage decided for this inbound message (intent, gate reasons); correctTriage reads it. */
  @Column({ type: "jsonb", nullable: true })
  triage!: Record<string, unknown> | null;
}
