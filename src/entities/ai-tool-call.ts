import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { GraphQLJSON } from "graphql-scalars";

/**
 * A tool the assistant called in a conversation, with its arguments and result, so the agent who
 * takes over sees what the AI looked up or did. Personal data: blanked with the conversation.
 */
@ObjectType()
@Entity("ai_tool_calls")
@Index("ai_tool_calls_session_idx", ["sessionId", "createdAt"])
export class AiToolCall {
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ name: "tenant_id", type: "uuid" })
  tenantId!: string;

  @Column({ name: "session_id", type: "uuid" })
  sessionId!: string;

  @Field(() => String)
  @Column({ type: "text" })
  name!: string;

  /** A tenant HTTP tool (false: one of the platform's ticket tools). */
  @Field(() => Boolean)
  @Column({ type: "boolean", default: false })
  external!: boolean;

  @Field(() => GraphQLJSON, { nullable: true })
  @Column({ type: "jsonb", nullable: true })
  arguments!: unknown;

  @Field(() => GraphQLJSON, { nullable: true })
  @Column({ type: "jsonb", nullable: true })
  result!: unknown;

  /** ok, invalid_arguments, timeout, too_large, refused, http_error, error. */
  @Field(() => String)
  @Column({ type: "text" })
  outcome!: string;

  @Field(() => Int)
  @Column({ name: "latency_ms", type: "int", default: 0 })
  latencyMs!: number;

  @Field(() => Date)
  @CreateDateColumn({ name: "created_at", type: "timestamptz", precision: 3 })
  createdAt!: Date;
}
