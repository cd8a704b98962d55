import { Column, Entity, Index, JoinColumn, ManyToOne } from "typeorm";
import { Field, Int, ObjectType } from "type-graphql";
import { TenantScopedEntity } from "./tenant-scoped";
import { Team } from "./team";
import { Priority } from "../schema/enums";

/**
 * SLA targets of a tenant for one priority (and optionally one team; a team's policy wins
 * over the tenant-wide one), in business minutes of the tenant's hours and holidays.
 */
@ObjectType()
@Entity("sla_policies")
@Index("sla_policies_tenant_priority_idx", ["tenantId", "priority"])
export class SlaPolicy extends TenantScopedEntity {
  @Field(() => Priority)
  @Column({ type: "enum", enum: Priority, enumName: "priority" })
  priority!: Priority;

  @Column({ name: "team_id", type: "uuid", nullable: true })
  teamId!: string | null;

  @ManyToOne(() => Team, { onDelete: "CASCADE" })
  @JoinColumn({ name: "team_id" })
  team?: Team | null;

  @Field(() => Int)
  @Column({ name: "first_response_minutes", type: "int" })
  firstResponseMinutes!: number;

  @Field(() => Int)
  @Column({ name: "resolution_minutes", type: "int" })
  resolutionMinutes!: number;

  /** The resolution clock stops while the last word is the agent's (waiting on the customer). */
  @Field(() => Boolean)
  @Column({ name: "pause_while_waiting_customer", type: "boolean", default: false })
  pauseWhileWaitingCustomer!: boolean;

  /** A WARNING event is raised this many (wall-clock) minutes before a target is breached. */
  @Field(() => Int)
  @Column({ name: "warn_before_minutes", type: "int", default: 15 })
  warnBeforeMinutes!: number;
}
