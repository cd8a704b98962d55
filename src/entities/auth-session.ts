import { Column, Entity, Index } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { TenantScopedEntity } from "./tenant-scoped";

/**
 * One signed-in device: a login starts it, every refresh token of its family and
 * every access token it issues point to it (`sid`). Revoking it ends them all at once.
 */
@ObjectType("AuthSession", { description: "Uma sessão de login (um dispositivo ou navegador)." })
@Entity("auth_sessions")
@Index("auth_sessions_user_idx", ["userId"])
export class AuthSession extends TenantScopedEntity {
  @Column({ name: "user_id", type: "uuid" })
  userId!: string;

  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  ip!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: "user_agent", type: "text", nullable: true })
  userAgent!: string | null;

  @Field(() => Date)
  @Column({ name: "last_used_at", type: "timestamptz", precision: 3, default: () => "now()" })
  lastUsedAt!: Date;

  /** Moves forward with every refresh (the refresh token lifetime). */
  @Field(() => Date)
  @Column({ name: "expires_at", type: "timestamptz", precision: 3 })
  expiresAt!: Date;

  @Column({ name: "revoked_at", type: "timestamptz", precision: 3, nullable: true })
  revokedAt!: Date | null;
}
