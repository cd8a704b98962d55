import { Column, Entity, Index } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { TenantScopedEntity } from "./tenant-scoped";
import { ChannelType, DocumentType } from "../schema/enums";
import type { CompanyRegistrationData } from "./cnpj-registration";

/**
 * A customer of a tenant. Personal data fields (name, email, phone, document) are
 * guarded: reading them is access-logged (LGPD). Uniqueness is per tenant.
 */
@ObjectType()
@Entity("clients")
@Index("clients_tenant_email_uq", ["tenantId", "email"], { unique: true, where: "email IS NOT NULL" })
@Index("clients_tenant_phone_uq", ["tenantId", "phone"], { unique: true, where: "phone IS NOT NULL" })
@Index("clients_tenant_document_uq", ["tenantId", "document"], { unique: true, where: "document IS NOT NULL" })
@Index("clients_tenant_created_idx", ["tenantId", "createdAt", "id"])
export class Client extends TenantScopedEntity {
  @Field(() => String)
  @Column({ type: "text" })
  name!: string;

  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  email!: string | null;

  /** E.164, e.g. +5511987654321. */
  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  phone!: string | null;

  /** WhatsApp id exactly as the provider sent it (12-digit Brazilian ids are not "fixed"). */
  @Column({ name: "wa_id", type: "text", nullable: true })
  waId!: string | null;

  /** CPF (11) or CNPJ (14), digits only. */
  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  document!: string | null;

  @Field(() => DocumentType, { nullable: true })
  @Column({ name: "document_type", type: "enum", enum: DocumentType, enumName: "document_type", nullable: true })
  documentType!: DocumentType | null;

  @Field(() => ChannelType)
  @Column({ name: "preferred_channel", type: "enum", enum: ChannelType, enumName: "channel_type", default: ChannelType.WEB })
  preferredChannel!: ChannelType;

  /** Lowercased, accent-free name/email/phone/document, for search; erased with the client. */
  @Column({ name: "search_text", type: "text", default: "" })
  searchText!: string;

  /** Public registration of a company client (CRM enrichClient), with where and when it was read. */
  @Column({ type: "jsonb", nullable: true })
  company!: (CompanyRegistrationData & { source: string; fetchedAt: string }) | null;

  /** Set when LGPD deletion anonymised this client. */
  @Column({ name: "anonymized_at", type: "timestamptz", nullable: true })
  anonymizedAt!: Date | null;
}
