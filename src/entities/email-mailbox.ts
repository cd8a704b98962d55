import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from "typeorm";
import { Inbox } from "./inbox";

/**
 * IMAP bookkeeping of an e-mail inbox: how far the mailbox was read
 * (`UIDVALIDITY` + last UID taken) and a lease so that one process polls it at a
 * time. A mail is stored (unique by Message-ID) before `lastUid` passes it, so a
 * crash re-reads at most what was not yet recorded, and nothing is lost.
 */
@Entity("email_mailboxes")
export class EmailMailbox {
  @PrimaryColumn({ name: "inbox_id", type: "uuid" })
  inboxId!: string;

  @OneToOne(() => Inbox, { onDelete: "CASCADE" })
  @JoinColumn({ name: "inbox_id" })
  inbox?: Inbox;

  @Column({ name: "tenant_id", type: "uuid" })
  tenantId!: string;

  @Column({ type: "text" })
  mailbox!: string;

  /** IMAP UIDVALIDITY (a 32-bit unsigned number); null before the first poll. */
  @Column({ name: "uid_validity", type: "bigint", nullable: true })
  uidValidity!: string | null;

  @Column({ name: "last_uid", type: "bigint", default: 0 })
  lastUid!: string;

  @Column({ name: "lease_until", type: "timestamptz", nullable: true })
  leaseUntil!: Date | null;

  @Column({ name: "lease_owner", type: "text", nullable: true })
  leaseOwner!: string | null;

  @Column({ name: "last_polled_at", type: "timestamptz", nullable: true })
  lastPolledAt!: Date | null;

  @Column({ name: "last_error", type: "text", nullable: true })
  lastError!: string | null;
}
