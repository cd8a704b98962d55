import { Column, Entity, Index } from "typeorm";
import { TenantScopedEntity } from "./tenant-scoped";

/**
 * A message whose intent a person confirmed or corrected: a labelled example of the tenant.
 * The text is personal data: erased with the client and dropped when the conversation it came
 * from expires (see services/triage/learning/personal-data.ts).
 */
@Entity("triage_examples")
@Index("triage_examples_tenant_created_idx", ["tenantId", "createdAt"])
@Index("triage_examples_client_idx", ["clientId"])
@Index("triage_examples_source_uq", ["tenantId", "sourceKey"], { unique: true })
export class TriageExample extends TenantScopedEntity {
  @Column({ name: "client_id", type: "uuid", nullable: true })
  clientId!: string | null;

  @Column({ name: "session_id", type: "uuid", nullable: true })
  sessionId!: string | null;

  @Column({ name: "ticket_id", type: "uuid", nullable: true })
  ticketId!: string | null;

  /** One example per source message or ticket: a second correction replaces the first. */
  @Column({ name: "source_key", type: "text" })
  sourceKey!: string;

  @Column({ type: "text" })
  text!: string;

  @Column({ type: "text", nullable: true })
  channel!: string | null;

  @Column({ type: "text" })
  intent!: string;

  /** What triage had said. */
  @Column({ name: "predicted_intent", type: "text", nullable: true })
  predictedIntent!: string | null;

  @Column({ name: "author_id", type: "uuid", nullable: true })
  authorId!: string | null;
}
