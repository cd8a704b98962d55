import { Column, Entity, Index } from "typeorm";
import { TenantScopedEntity } from "./tenant-scoped";

/** An admin-initiated password reset: a one-time code (hash only) with an expiry and an attempt count. */
@Entity("password_resets")
@Index("password_resets_user_idx", ["userId"])
export class PasswordReset extends TenantScopedEntity {
  @Column({ name: "user_id", type: "uuid" })
  userId!: string;

  @Column({ name: "code_hash", type: "text" })
  codeHash!: string;

  @Column({ name: "created_by_id", type: "uuid", nullable: true })
  createdById!: string | null;

  @Column({ name: "expires_at", type: "timestamptz", precision: 3 })
  expiresAt!: Date;

  @Column({ name: "used_at", type: "timestamptz", precision: 3, nullable: true })
  usedAt!: Date | null;

  @Column({ type: "int", default: 0 })
  attempts!: number;
}
