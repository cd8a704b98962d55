import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { Field, ID, ObjectType } from "type-graphql";
import { User } from "./user";

/**
 * Who read which client's personal data, when, from where and why (LGPD Art. 37).
 * Holds ids only. No foreign keys on purpose: entries outlive users, keys and
 * clients, and a trigger keeps them for at least 6 months (Marco Civil Art. 15).
 */
@ObjectType("DataAccessLogEntry")
@Entity("data_access_logs")
@Index("data_access_logs_tenant_created_idx", ["tenantId", "createdAt"])
@Index("data_access_logs_client_idx", ["tenantId", "clientId", "createdAt"])
export class DataAccessLog {
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ name: "tenant_id", type: "uuid" })
  tenantId!: string;

  @Column({ name: "actor_id", type: "uuid", nullable: true })
  actorId!: string | null;

  @Field(() => User, { nullable: true })
  actor?: User | null;

  /** Set when an integrator's API key read the data (then there is no actor user). */
  @Field(() => ID, { nullable: true })
  @Column({ name: "api_key_id", type: "uuid", nullable: true })
  apiKeyId!: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ name: "client_id", type: "uuid", nullable: true })
  clientId!: string | null;

  /** e.g. client.read, client.export, consent.read */
  @Field(() => String)
  @Column({ type: "text" })
  action!: string;

  /** e.g. Client:<id> */
  @Field(() => String)
  @Column({ type: "text" })
  resource!: string;

  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  justification!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  ip!: string | null;

  /** The caller's User-Agent header, recorded with the IP. */
  @Field(() => String, { nullable: true })
  @Column({ name: "user_agent", type: "text", nullable: true })
  userAgent!: string | null;

  @Field(() => Date)
  @CreateDateColumn({ name: "created_at", type: "timestamptz", precision: 3 })
  createdAt!: Date;
}
