import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { Field, ID, ObjectType } from "type-graphql";
import { GraphQLJSON } from "graphql-scalars";
import { User } from "./user";

/** Security-relevant events (logins, 2FA, roles, keys, approvals). Never holds personal data in `detail`. */
@ObjectType("AuditLogEntry")
@Entity("audit_logs")
@Index("audit_logs_tenant_created_idx", ["tenantId", "createdAt"])
export class AuditLog {
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ name: "tenant_id", type: "uuid", nullable: true })
  tenantId!: string | null;

  @Column({ name: "actor_id", type: "uuid", nullable: true })
  actorId!: string | null;

  @Field(() => User, { nullable: true })
  actor?: User | null;

  @Field(() => String)
  @Column({ type: "text" })
  event!: string;

  @Field(() => String)
  @Column({ type: "text", default: "info" })
  severity!: "info" | "warning" | "critical";

  @Field(() => GraphQLJSON, { nullable: true })
  @Column({ type: "jsonb", nullable: true })
  detail!: Record<string, unknown> | null;

  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  ip!: string | null;

  @Field(() => Date)
  @CreateDateColumn({ name: "created_at", type: "timestamptz", precision: 3 })
  createdAt!: Date;
}
