import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { Field, ID, ObjectType } from "type-graphql";
import { Handoff } from "./handoff";

/** Internal note between agents; never sent to the client. */
@ObjectType()
@Entity("handoff_notes")
@Index("handoff_notes_handoff_idx", ["handoffId", "createdAt"])
export class HandoffNote {
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ name: "tenant_id", type: "uuid" })
  tenantId!: string;

  @Column({ name: "handoff_id", type: "uuid" })
  handoffId!: string;

  @ManyToOne(() => Handoff, { onDelete: "CASCADE" })
  @JoinColumn({ name: "handoff_id" })
  handoff?: Handoff;

  @Column({ name: "author_id", type: "uuid" })
  authorId!: string;

  @Field(() => String)
  @Column({ type: "text" })
  text!: string;

  @Field(() => Date)
  @CreateDateColumn({ name: "created_at", type: "timestamptz", precision: 3 })
  createdAt!: Date;
}
