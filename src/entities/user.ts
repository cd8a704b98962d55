import { Column, Entity, Index } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { TenantScopedEntity } from "./tenant-scoped";
import { AgentAvailability, Role } from "../schema/enums";

@ObjectType()
@Entity("users")
@Index("users_tenant_idx", ["tenantId"])
@Index("users_email_uq", ["email"], { unique: true })
export class User extends TenantScopedEntity {
  @Field(() => String)
  @Column({ type: "text" })
  name!: string;

  /** Stored lower-case; unique across the platform because logIn takes only an email. */
  @Field(() => String)
  @Column({ type: "text" })
  email!: string;

  @Field(() => Role)
  @Column({ type: "enum", enum: Role, enumName: "user_role" })
  role!: Role;

  @Column({ name: "password_hash", type: "text" })
  passwordHash!: string;

  /** AES-GCM sealed base32 secret; set by setupTwoFactor, active once enabled. */
  @Column({ name: "totp_secret", type: "text", nullable: true })
  totpSecret!: string | null;

  @Column({ name: "totp_enabled_at", type: "timestamptz", nullable: true })
  totpEnabledAt!: Date | null;

  /** Last accepted TOTP time step: a code is accepted once. */
  @Column({ name: "totp_last_step", type: "bigint", nullable: true })
  totpLastStep!: string | null;

  @Field(() => AgentAvailability)
  @Column({ type: "enum", enum: AgentAvailability, enumName: "agent_availability", default: AgentAvailability.OFFLINE })
  availability!: AgentAvailability;

  @Field(() => Date, { nullable: true, description: "Quando o acesso foi desativado (null: ativo)." })
  @Column({ name: "deactivated_at", type: "timestamptz", nullable: true })
  deactivatedAt!: Date | null;

  @Field(() => Boolean)
  get twoFactorEnabled(): boolean {
    return this.totpEnabledAt != null;
  }
}
