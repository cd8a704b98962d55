import { Column, Entity } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { BaseEntity } from "./base";

@ObjectType()
@Entity("tenants")
export class Tenant extends BaseEntity {
  @Field(() => String)
  @Column({ type: "text" })
  name!: string;
}
