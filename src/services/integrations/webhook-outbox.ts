import crypto from "node:crypto";
import { afterCommit, type RequestContext } from "../../context";
import { Handoff } from "../../entities/handoff";
import { Message } from "../../entities/message";
import { WebhookDelivery, WebhookSubscription } from "../../entities/webhook-subscription";
import type { JobQueue } from "../../infra/jobs";
import type { WebhookEventType } from "./types";

export const WEBHOOK_JOBS = { deliver: "webhooks.deliver", sweep: "webhooks.sweep" } as const;

/** The job that makes attempt `attempt` of a delivery (one id per attempt: retries are new jobs). */
export function enqueueDelivery(jobs: JobQueue, deliveryId: string, attempt: number, delayMs = 0): Promise<void> {
  return jobs.enqueue(WEBHOOK_JOBS.deliver, { deliveryId }, { jobId: `webhook:${deliveryId}:${attempt}`, delayMs, attempts: 3 });
}

/**
 * The outbox of integrator webhooks: an event becomes one delivery row per matching enabled
 * subscription of the same tenant, written in the transaction of the change (so a rollback
 * leaves nothing to send) and handed to the delivery job after the commit. Personal data is
 * kept out: handoffs and messages are described by ids, status and kind only.
 */
export class WebhookOutbox {
  constructor(private readonly jobs: JobQueue) {}

  readonly emit = async (ctx: Pick<RequestContext, "em" | "afterCommit">, tenantId: string, type: WebhookEventType, data: Record<string, unknown>): Promise<void> => {
    const subs = await ctx.em
      .createQueryBuilder(WebhookSubscription, "w")
      .select(["w.id", "w.events"])
      .where("w.tenant_id = :tenantId AND w.enabled = true", { tenantId })
      .getMany();
    const matching = subs.filter((s) => s.events.includes(type));
    if (!matching.length) return;
    const payload = { type, timestamp: new Date().toISOString(), data: await this.describe(ctx, tenantId, type, data) };
    const webhookId = `msg_${crypto.randomUUID()}`;
    const now = new Date();
    const result = await ctx.em.insert(
      WebhookDelivery,
      matching.map((s) => ({ tenantId, subscriptionId: s.id, eventType: type, webhookId, payload, status: "PENDING" as const, nextAttemptAt: now })),
    );
    const ids = result.identifiers.map((i) => String(i.id));
    await afterCommit(ctx, async () => {
      for (const id of ids) await enqueueDelivery(this.jobs, id, 1);
    });
  };

  /** Completes ids-only events with the non-personal fields an integrator needs to route them. */
  private async describe(ctx: Pick<RequestContext, "em">, tenantId: string, type: WebhookEventType, data: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (type.startsWith("handoff.") && typeof data.handoffId === "string") {
      const h = await ctx.em.findOne(Handoff, { where: { id: data.handoffId, tenantId } });
      if (h) return { ...data, sessionId: h.sessionId, status: h.status, priority: h.priority, agentId: h.agentId ?? null, teamId: h.teamId ?? null };
    }
    if (type === "message.created" && typeof data.messageId === "string") {
      const m = await ctx.em.findOne(Message, { where: { id: data.messageId, tenantId } });
      if (m) return { ...data, direction: m.direction, sender: m.sender, type: m.type };
    }
    return data;
  }
}
