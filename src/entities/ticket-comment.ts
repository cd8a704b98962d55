import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { Field, ID, ObjectType } from "type-graphql";
import { Ticket } from "./ticket";
import { User } from "./user";

@ObjectType()
@Entity("ticket_comments")
@Index("ticket_comments_ticket_idx", ["ticketId", "createdAt"])
export class TicketComment {
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ name: "tenant_id", type: "uuid" })
  tenantId!: string;

  @Column({ name: "ticket_id", type: "uuid" })
  ticketId!: string;

  @ManyToOne(() => Ticket, { onDelete: "CASCADE" })
  @JoinColumn({ name: "ticket_id" })
  ticket?: Ticket;

  @Column({ name: "author_id", type: "uuid", nullable: true })
  authorId!: string | null;

  @ManyToOne(() => User, { onDelete: "SET NULL" })
  @JoinColumn({ name: "author_id" })
  author?: User | null;

  @Field(() => String)
  @Column({ type: "text" })
  text!: string;

  /** Written by the platform (triage answers, document summaries), not by a person. */
  @Field(() => Boolean)
  @Column({ type: "boolean", default: false })
  system!: boolean;

  @Field(() => Date)
  @CreateDateColumn({ name: "created_at", type: "timestamptz", precision: 3 })
  createdAt!: Date;
}
