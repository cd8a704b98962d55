import type { EntityManager } from "typeorm";
import type { RequestContext } from "../../context";

/** Events an integrator may subscribe to. Payloads carry ids and what changed, never message text or contact data. */
export const WEBHOOK_EVENT_TYPES = [
  "ticket.created",
  "ticket.updated",
  "handoff.created",
  "handoff.assigned",
  "handoff.completed",
  "message.created",
  "client.created",
  "survey.answered",
  "dsr.completed",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/**
 * Where domain services announce an event for integrators. Called inside the transaction that
 * makes the change (the deliveries are stored with it) and sent only after it commits.
 */
export type IntegrationEmit = (ctx: Pick<RequestContext, "em" | "afterCommit">, tenantId: string, type: WebhookEventType, data: Record<string, unknown>) => Promise<void>;

/** For code that has only a manager (already committed work). */
export const committedCtx = (em: EntityManager): Pick<RequestContext, "em" | "afterCommit"> => ({ em, afterCommit: [] });
