import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { AgentAvailability } from "../schema/enums";

/** Each change of an agent's availability, from then on (agents' online time in analytics). */
@Entity("agent_availability_log")
@Index("agent_availability_log_tenant_created_idx", ["tenantId", "createdAt"])
export class AgentAvailabilityLog {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ name: "tenant_id", type: "uuid" })
  tenantId!: string;

  @Column({ name: "user_id", type: "uuid" })
  userId!: string;

  @Column({ type: "enum", enum: AgentAvailability, enumName: "agent_availability" })
  availability!: AgentAvailability;

  @CreateDateColumn({ name: "created_at", type: "timestamptz", precision: 3 })
  createdAt!: Date;
}
