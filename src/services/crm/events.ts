import crypto from "node:crypto";
import { afterCommit } from "../../context";
import type { PubSub } from "../../infra/pubsub";
import type { EventContext } from "../events";

/** `<tenantId>:lead`: every change of a tenant's leads, for the sales console (leadUpdated). */
export const leadTopic = (tenantId: string) => `${tenantId}:lead`;

export interface LeadEventPayload { eventId: string; tenantId: string; leadId: string }

/** Published after the surrounding transaction commits, like every domain event. */
export class LeadEvents {
  constructor(private readonly pubsub: PubSub) {}

  updated(ctx: EventContext, tenantId: string, leadId: string): Promise<void> {
    const event: LeadEventPayload = { eventId: crypto.randomUUID(), tenantId, leadId };
    return afterCommit(ctx, () => this.pubsub.publish(leadTopic(tenantId), event));
  }
}
