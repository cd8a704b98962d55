import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { TenantScopedEntity } from "./tenant-scoped";

/** A tenant's label (name + colour) for conversations, tickets and clients. */
@ObjectType()
@Entity("labels")
@Index("labels_tenant_name_uq", ["tenantId", "name"], { unique: true })
export class Label extends TenantScopedEntity {
  @Field(() => String)
  @Column({ type: "text" })
  name!: string;

  /** `#rrggbb`. */
  @Field(() => String)
  @Column({ type: "text", default: "#6b7280" })
  color!: string;
}

/** A label put on a target: `SESSION`, `TICKET` or `CLIENT`. */
@Entity("label_links")
@Index("label_links_target_idx", ["tenantId", "targetType", "targetId"])
export class LabelLink {
  @PrimaryColumn({ name: "label_id", type: "uuid" })
  labelId!: string;

  @ManyToOne(() => Label, { onDelete: "CASCADE" })
  @JoinColumn({ name: "label_id" })
  label?: Label;

  @PrimaryColumn({ name: "target_type", type: "text" })
  targetType!: "SESSION" | "TICKET" | "CLIENT";

  @PrimaryColumn({ name: "target_id", type: "uuid" })
  targetId!: string;

  @Column({ name: "tenant_id", type: "uuid" })
  tenantId!: string;

  @CreateDateColumn({ name: "created_at", type: "timestamptz", precision: 3 })
  createdAt!: Date;
}
