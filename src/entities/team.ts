import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { TenantScopedEntity } from "./tenant-scoped";
import { User } from "./user";

/** A department (Financeiro, Suporte…): handoffs and tickets are routed to it; agents belong to one or more. */
@ObjectType()
@Entity("teams")
@Index("teams_tenant_name_uq", ["tenantId", "name"], { unique: true })
export class Team extends TenantScopedEntity {
  @Field(() => String)
  @Column({ type: "text" })
  name!: string;

  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  description!: string | null;
}

/** Membership of an agent (user) in a team. */
@Entity("team_members")
@Index("team_members_user_idx", ["userId"])
export class TeamMember {
  @PrimaryColumn({ name: "team_id", type: "uuid" })
  teamId!: string;

  @ManyToOne(() => Team, { onDelete: "CASCADE" })
  @JoinColumn({ name: "team_id" })
  team?: Team;

  @PrimaryColumn({ name: "user_id", type: "uuid" })
  userId!: string;

  @ManyToOne(() => User, { onDelete: "CASCADE" })
  @JoinColumn({ name: "user_id" })
  user?: User;

  @Column({ name: "tenant_id", type: "uuid" })
  tenantId!: string;
}
