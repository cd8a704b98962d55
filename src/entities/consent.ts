import { Column, CreateDateColumn, Entity, Generated, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { Field, ID, ObjectType } from "type-graphql";
import { Client } from "./client";
import { Tenant } from "./tenant";
import { ConsentPurpose } from "../schema/enums";

/**
 * One entry of a client's consent history (LGPD Art. 8: the controller must prove
 * consent). Append-only, enforced by a trigger (migration LgpdConsents): a
 * revocation is a new row with granted=false. The only change ever allowed is
 * the LGPD erasure scrubbing `source` and `reason`, see services/privacy.
 */
@ObjectType()
@Entity("consents")
@Index("consents_client_purpose_idx", ["tenantId", "clientId", "purpose", "seq"])
@Index("consents_tenant_created_idx", ["tenantId", "createdAt"])
export class Consent {
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  /** Insertion order: "latest record" must not depend on clock precision or transaction start times. */
  @Column({ type: "bigint" })
  @Generated("increment")
  seq!: string;

  @Column({ name: "tenant_id", type: "uuid" })
  tenantId!: string;

  // RESTRICT: the history outlives everything; LGPD deletion anonymises the client row instead.
  @ManyToOne(() => Tenant, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "tenant_id" })
  tenant?: Tenant;

  @Column({ name: "client_id", type: "uuid" })
  clientId!: string;

  @ManyToOne(() => Client, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "client_id" })
  client?: Client;

  @Field(() => ConsentPurpose)
  @Column({ type: "enum", enum: ConsentPurpose, enumName: "consent_purpose" })
  purpose!: ConsentPurpose;

  @Field(() => Boolean)
  @Column({ type: "boolean" })
  granted!: boolean;

  /** The exact text the client agreed to (for a revocation: the text being revoked). */
  @Field(() => String)
  @Column({ type: "text" })
  text!: string;

  @Field(() => String)
  @Column({ name: "text_version", type: "text" })
  textVersion!: string;

  /** Where it came from: channel, IP or provider message id. Personal data: scrubbed by LGPD erasure. */
  @Field(() => String)
  @Column({ type: "text" })
  source!: string;

  /** Why it was revoked, when given. Free text, so scrubbed by LGPD erasure too. */
  @Column({ type: "text", nullable: true })
  reason!: string | null;

  @Field(() => Date)
  @CreateDateColumn({ name: "created_at", type: "timestamptz", precision: 3 })
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  @Column({ name: "revoked_at", type: "timestamptz", precision: 3, nullable: true })
  revokedAt!: Date | null;
}
