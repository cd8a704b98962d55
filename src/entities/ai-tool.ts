import { Column, Entity, Index } from "typeorm";
import { Field, Int, ObjectType } from "type-graphql";
import { GraphQLJSON } from "graphql-scalars";
import { TenantScopedEntity } from "./tenant-scoped";

/**
 * An HTTP endpoint of the tenant's business the assistant may call ("consultar_pedido",
 * "segunda_via_boleto"): the model fills the arguments, the platform validates them against
 * the JSON Schema, signs the request (Standard Webhooks) and returns the JSON to the model.
 */
@ObjectType()
@Entity("ai_tools")
@Index("ai_tools_tenant_name_uq", ["tenantId", "name"], { unique: true })
export class AiTool extends TenantScopedEntity {
  @Field(() => String)
  @Column({ type: "text" })
  name!: string;

  @Field(() => String)
  @Column({ type: "text" })
  description!: string;

  /** JSON Schema of the arguments (an object schema). */
  @Field(() => GraphQLJSON)
  @Column({ name: "parameters_schema", type: "jsonb" })
  parametersSchema!: Record<string, unknown>;

  @Field(() => String)
  @Column({ type: "text" })
  url!: string;

  @Field(() => String)
  @Column({ type: "text", default: "POST" })
  method!: string;

  @Field(() => Int)
  @Column({ name: "timeout_ms", type: "int", default: 5000 })
  timeoutMs!: number;

  @Field(() => Int)
  @Column({ name: "max_response_bytes", type: "int", default: 65536 })
  maxResponseBytes!: number;

  @Field(() => Boolean)
  @Column({ type: "boolean", default: true })
  enabled!: boolean;

  /** Sealed signing secret (whsec_…); shown once, in the create answer. */
  @Column({ name: "secret_sealed", type: "text" })
  secretSealed!: string;

  /** Only set on the object returned by createAiTool. */
  @Field(() => String, { nullable: true, description: "Segredo de assinatura (whsec_…); aparece só na criação." })
  secret?: string | null;
}
