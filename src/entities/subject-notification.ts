import { Column, Entity, Index, JoinColumn, ManyToOne } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { TenantScopedEntity } from "./tenant-scoped";
import { DataSubjectRequest } from "./data-subject-request";
import { ChannelType } from "../schema/enums";
import { SubjectNotificationEvent } from "../schema/privacy-enums";

/**
 * A notice sent to the data subject about their request (LGPD Art. 18/19: the subject
 * is kept informed). The text lives in the conversation (`messageId`), so an erasure
 * blanks it with the rest of the conversation; this row keeps the proof: what was
 * told, when, on which channel, and the delivery state.
 */
@ObjectType()
@Entity("subject_notifications")
@Index("subject_notifications_request_event_uq", ["requestId", "event"], { unique: true })
export class SubjectNotification extends TenantScopedEntity {
  @Column({ name: "request_id", type: "uuid" })
  requestId!: string;

  @ManyToOne(() => DataSubjectRequest, { onDelete: "CASCADE" })
  @JoinColumn({ name: "request_id" })
  request?: DataSubjectRequest;

  @Field(() => SubjectNotificationEvent)
  @Column({ type: "enum", enum: SubjectNotificationEvent, enumName: "subject_notification_event" })
  event!: SubjectNotificationEvent;

  @Field(() => ChannelType, { nullable: true })
  @Column({ type: "enum", enum: ChannelType, enumName: "channel_type", nullable: true })
  channel!: ChannelType | null;

  /** The outbound message carrying the notice; null when it could not be sent (no channel). */
  @Column({ name: "message_id", type: "uuid", nullable: true })
  messageId!: string | null;

  /** Why no message went out (SKIPPED). */
  @Column({ name: "skipped_reason", type: "text", nullable: true })
  skippedReason!: string | null;
}
