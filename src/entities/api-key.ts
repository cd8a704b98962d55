import { Column, Entity, Index } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { TenantScopedEntity } from "./tenant-scoped";
import { Role } from "../schema/enums";

@ObjectType()
@Entity("api_keys")
@Index("api_keys_tenant_idx", ["tenantId"])
export class ApiKey extends TenantScopedEntity {
  @Field(() => String)
  @Column({ type: "text" })
  name!: string;

  @Field(() => Role)
  @Column({ type: "enum", enum: Role, enumName: "user_role" })
  role!: Role;

  /** SHA-256 of the token; the token itself is shown once and never stored. */
  @Index("api_keys_hash_uq", { unique: true })
  @Column({ name: "token_hash", type: "text" })
  tokenHash!: string;

  @Column({ name: "created_by_id", type: "uuid", nullable: true })
  createdById!: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: "last_used_at", type: "timestamptz", nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: "revoked_at", type: "timestamptz", nullable: true })
  revokedAt!: Date | null;
}
