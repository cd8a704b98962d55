import { Column, Entity, Index } from "typeorm";
import { Field, Int, ObjectType } from "type-graphql";
import { TenantScopedEntity } from "./tenant-scoped";
import { WebhookDeliveryStatus } from "../schema/followups-enums";

/**
 * An integrator's subscription to domain events, delivered to its URL signed with Standard
 * Webhooks. The signing secret is sealed at rest (SecretBox) and never has a @Field: it is
 * shown once, when the subscription is created.
 */
@ObjectType()
@Entity("webhook_subscriptions")
@Index("webhook_subscriptions_tenant_idx", ["tenantId", "enabled"])
export class WebhookSubscription extends TenantScopedEntity {
  @Field(() => String)
  @Column({ type: "text" })
  url!: string;

  /** Event types (ticket.created, message.created, …). */
  @Field(() => [String])
  @Column({ type: "jsonb", default: () => "'[]'" })
  events!: string[];

  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  description!: string | null;

  @Column({ name: "secret_sealed", type: "text" })
  secretSealed!: string;

  @Field(() => Boolean)
  @Column({ type: "boolean", default: true })
  enabled!: boolean;

  @Field(() => Date, { nullable: true })
  @Column({ name: "disabled_at", type: "timestamptz", precision: 3, nullable: true })
  disabledAt!: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ name: "disabled_reason", type: "text", nullable: true })
  disabledReason!: string | null;

  /** Deliveries given up (every retry failed) since the last success; reaching the limit disables the subscription. */
  @Field(() => Int)
  @Column({ name: "consecutive_failures", type: "int", default: 0 })
  consecutiveFailures!: number;
}

/** One event for one subscription: the delivery log, retried with backoff until it succeeds or is given up. */
@ObjectType()
@Entity("webhook_deliveries")
@Index("webhook_deliveries_subscription_idx", ["subscriptionId", "createdAt"])
@Index("webhook_deliveries_due_idx", ["status", "nextAttemptAt"])
export class WebhookDelivery extends TenantScopedEntity {
  @Field(() => String)
  @Column({ name: "subscription_id", type: "uuid" })
  subscriptionId!: string;

  @Field(() => String)
  @Column({ name: "event_type", type: "text" })
  eventType!: string;

  /** The `webhook-id` header: the same across retries and redeliveries of one event (receivers deduplicate on it). */
  @Field(() => String)
  @Column({ name: "webhook_id", type: "text" })
  webhookId!: string;

  /** The body sent: { type, timestamp, data } with ids and what changed. */
  @Column({ type: "jsonb" })
  payload!: Record<string, unknown>;

  /** PENDING (waiting for an attempt or a retry), SUCCEEDED, FAILED (given up). */
  @Field(() => WebhookDeliveryStatus)
  @Column({ type: "text", default: "PENDING" })
  status!: "PENDING" | "SUCCEEDED" | "FAILED";

  @Field(() => Int)
  @Column({ type: "int", default: 0 })
  attempts!: number;

  @Field(() => Date, { nullable: true })
  @Column({ name: "next_attempt_at", type: "timestamptz", precision: 3, nullable: true })
  nextAttemptAt!: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: "last_attempt_at", type: "timestamptz", precision: 3, nullable: true })
  lastAttemptAt!: Date | null;

  @Field(() => Int, { nullable: true })
  @Column({ name: "response_status", type: "int", nullable: true })
  responseStatus!: number | null;

  @Field(() => String, { nullable: true })
  @Column({ name: "last_error", type: "text", nullable: true })
  lastError!: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: "delivered_at", type: "timestamptz", precision: 3, nullable: true })
  deliveredAt!: Date | null;
}
