import { Column, JoinColumn, ManyToOne } from "typeorm";
import { ObjectType } from "type-graphql";
import { BaseEntity } from "./base";
import { Tenant } from "./tenant";

/** A row that belongs to one tenant (and goes with it). Every query scopes by `tenantId`. */
@ObjectType()
export class TenantScopedEntity extends BaseEntity {
  @Column({ name: "tenant_id", type: "uuid" })
  tenantId!: string;

  @ManyToOne(() => Tenant, { onDelete: "CASCADE" })
  @JoinColumn({ name: "tenant_id" })
  tenant?: Tenant;
}
