import { Column, Entity, Index, JoinColumn, ManyToOne } from "typeorm";
import { TenantScopedEntity } from "./tenant-scoped";
import { Client } from "./client";
import { Inbox } from "./inbox";
import { Session } from "./session";

/**
 * A web chat visitor's grant: the one session its token may read and write. The
 * token itself is never stored (only its SHA-256). What the visitor typed about
 * themselves is kept here as given (unverified: it is never merged into another
 * client's record). Erased with the client (LGPD).
 */
@Entity("web_visitors")
@Index("web_visitors_session_idx", ["sessionId"])
@Index("web_visitors_client_idx", ["clientId"])
export class WebVisitor extends TenantScopedEntity {
  @Column({ name: "inbox_id", type: "uuid" })
  inboxId!: string;

  @ManyToOne(() => Inbox, { onDelete: "CASCADE" })
  @JoinColumn({ name: "inbox_id" })
  inbox?: Inbox;

  @Column({ name: "session_id", type: "uuid" })
  sessionId!: string;

  @ManyToOne(() => Session, { onDelete: "CASCADE" })
  @JoinColumn({ name: "session_id" })
  session?: Session;

  @Column({ name: "client_id", type: "uuid" })
  clientId!: string;

  @ManyToOne(() => Client, { onDelete: "CASCADE" })
  @JoinColumn({ name: "client_id" })
  client?: Client;

  @Index("web_visitors_token_uq", { unique: true })
  @Column({ name: "token_hash", type: "text" })
  tokenHash!: string;

  @Column({ name: "expires_at", type: "timestamptz" })
  expiresAt!: Date;

  @Column({ name: "revoked_at", type: "timestamptz", nullable: true })
  revokedAt!: Date | null;

  /** The site the conversation started on (from the allow-list). */
  @Column({ type: "text" })
  origin!: string;

  /** What the visitor said about themselves, as typed (personal data). */
  @Column({ type: "jsonb", default: () => "'{}'" })
  contact!: { name?: string | null; email?: string | null; phone?: string | null };

  @Column({ type: "text", nullable: true })
  ip!: string | null;
}
