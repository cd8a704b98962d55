import { Column, Entity, Index, JoinColumn, ManyToOne } from "typeorm";
import { Field, Int, ObjectType } from "type-graphql";
import { TenantScopedEntity } from "./tenant-scoped";
import { Team } from "./team";
import { ChannelType, Priority } from "../schema/enums";

/** What a routing rule matches; every non-empty list must match (any of its values). */
export interface RoutingMatch {
  intents: string[];
  channels: ChannelType[];
  inboxIds: string[];
  /** Folded (lowercase, no accents) words or phrases looked for in the client's message. */
  keywords: string[];
  /** Labels on the conversation or on its client. */
  labelIds: string[];
}

/** Sends a triaged conversation's handoff to a team; the first enabled rule by `position` wins. */
@ObjectType()
@Entity("routing_rules")
@Index("routing_rules_tenant_position_idx", ["tenantId", "position"])
export class RoutingRule extends TenantScopedEntity {
  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  name!: string | null;

  @Column({ name: "team_id", type: "uuid" })
  teamId!: string;

  @ManyToOne(() => Team, { onDelete: "CASCADE" })
  @JoinColumn({ name: "team_id" })
  team?: Team;

  /** When set, the routed handoff gets this priority instead of triage's. */
  @Field(() => Priority, { nullable: true })
  @Column({ type: "enum", enum: Priority, enumName: "priority", nullable: true })
  priority!: Priority | null;

  /** Evaluation order (ascending). */
  @Field(() => Int)
  @Column({ type: "int", default: 0 })
  position!: number;

  @Field(() => Boolean)
  @Column({ type: "boolean", default: true })
  enabled!: boolean;

  @Column({ type: "jsonb" })
  match!: RoutingMatch;
}
