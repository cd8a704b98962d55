import { Column, Entity, Index, JoinColumn, ManyToOne } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { TenantScopedEntity } from "./tenant-scoped";
import { User } from "./user";
import { Document } from "./document";

/** A saved answer (`/boleto`): tenant-wide (no owner) or personal to one agent. */
@ObjectType()
@Entity("canned_replies")
@Index("canned_replies_tenant_shortcut_idx", ["tenantId", "shortcut"])
export class CannedReply extends TenantScopedEntity {
  /** Personal replies belong to their author; null = the whole tenant. */
  @Column({ name: "owner_id", type: "uuid", nullable: true })
  ownerId!: string | null;

  @ManyToOne(() => User, { onDelete: "CASCADE" })
  @JoinColumn({ name: "owner_id" })
  owner?: User | null;

  /** Starts with `/`, e.g. `/boleto`. */
  @Field(() => String)
  @Column({ type: "text" })
  shortcut!: string;

  @Field(() => String)
  @Column({ type: "text" })
  title!: string;

  /** May hold {{cliente.nome}}, {{atendente.nome}}, {{empresa.nome}}, {{protocolo}}. */
  @Field(() => String)
  @Column({ type: "text" })
  body!: string;

  @Column({ name: "attachment_document_id", type: "uuid", nullable: true })
  attachmentDocumentId!: string | null;

  @ManyToOne(() => Document, { onDelete: "SET NULL" })
  @JoinColumn({ name: "attachment_document_id" })
  attachmentDocument?: Document | null;
}
