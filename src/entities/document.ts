import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { GraphQLJSON } from "graphql-scalars";
import { Client } from "./client";
import { Tenant } from "./tenant";
import { Ticket } from "./ticket";
import { DocumentKind, OcrStatus } from "../schema/enums";

/**
 * An uploaded file (payslip, bill, CNPJ card…) and what OCR read from it. The file
 * itself lives in storage under `storageKey`, a server-generated key that is never
 * exposed through the API.
 */
@ObjectType()
@Entity("documents")
@Index("documents_tenant_created_idx", ["tenantId", "createdAt"])
@Index("documents_ticket_idx", ["ticketId"])
@Index("documents_client_idx", ["tenantId", "clientId"])
@Index("documents_open_ocr_idx", ["updatedAt"], { where: "ocr_status IN ('PENDING', 'PROCESSING')" })
export class Document {
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ name: "tenant_id", type: "uuid" })
  tenantId!: string;

  @ManyToOne(() => Tenant, { onDelete: "CASCADE" })
  @JoinColumn({ name: "tenant_id" })
  tenant?: Tenant;

  @Column({ name: "client_id", type: "uuid", nullable: true })
  clientId!: string | null;

  @ManyToOne(() => Client, { onDelete: "SET NULL" })
  @JoinColumn({ name: "client_id" })
  client?: Client | null;

  @Column({ name: "ticket_id", type: "uuid", nullable: true })
  ticketId!: string | null;

  @ManyToOne(() => Ticket, { onDelete: "SET NULL" })
  @JoinColumn({ name: "ticket_id" })
  ticket?: Ticket | null;

  /** Message the file arrived with (WhatsApp intake); messages.document_id points back. */
  @Column({ name: "message_id", type: "uuid", nullable: true })
  messageId!: string | null;

  /** Original name, sanitised; display only, never a path. */
  @Field(() => String)
  @Column({ type: "text" })
  filename!: string;

  /** Sniffed from the bytes, not the declared type. */
  @Field(() => String)
  @Column({ name: "mime_type", type: "text" })
  mimeType!: string;

  @Field(() => Int)
  @Column({ type: "int" })
  size!: number;

  @Field(() => DocumentKind)
  @Column({ type: "enum", enum: DocumentKind, enumName: "document_kind", default: DocumentKind.OTHER })
  kind!: DocumentKind;

  @Field(() => OcrStatus)
  @Column({ name: "ocr_status", type: "enum", enum: OcrStatus, enumName: "ocr_status", default: OcrStatus.PENDING })
  ocrStatus!: OcrStatus;

  @Field(() => String, { nullable: true })
  @Column({ name: "ocr_text", type: "text", nullable: true })
  ocrText!: string | null;

  /** Mean word confidence, 0..1 (1 for a PDF text layer). */
  @Field(() => Float, { nullable: true })
  @Column({ name: "ocr_confidence", type: "double precision", nullable: true })
  ocrConfidence!: number | null;

  @Field(() => GraphQLJSON, { nullable: true })
  @Column({ type: "jsonb", nullable: true })
  fields!: Record<string, string | number | null> | null;

  /** LGPD: health, union, religion… data detected in the text (Art. 11). */
  @Field(() => Boolean)
  @Column({ type: "boolean", default: false })
  sensitive!: boolean;

  /** Server-generated storage key; null once the file is deleted (LGPD erasure). No @Field: never exposed. */
  @Column({ name: "storage_key", type: "text", nullable: true })
  storageKey!: string | null;

  /** Safe, user-facing reason when OCR failed. */
  @Field(() => String, { nullable: true, description: "Motivo, em português, quando a leitura falhou (ocrStatus FAILED)." })
  @Column({ type: "text", nullable: true })
  error!: string | null;

  @Field(() => Date)
  @CreateDateColumn({ name: "created_at", type: "timestamptz", precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz", precision: 3 })
  updatedAt!: Date;
}
