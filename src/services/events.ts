import crypto from "node:crypto";
import { afterCommit, type RequestContext } from "../context";
import type { PubSub } from "../infra/pubsub";
import { counter } from "../infra/metrics";
import type { EntityManager } from "typeorm";
import { QueueEventKind } from "../schema/enums";
import type { IntegrationEmit } from "./integrations/types";

/**
 * Domain events. Topics carry the tenant; payloads carry ids plus what subscribers
 * need to filter without a query (the session's agent). Everything is published
 * after the surrounding transaction commits.
 */
export const Topics = {
  queue: (tenantId: string) => `${tenantId}:queue`,
  message: (tenantId: string) => `${tenantId}:message`,
  messageUpdated: (tenantId: string) => `${tenantId}:message-updated`,
  session: (tenantId: string) => `${tenantId}:session`,
  handoffAssigned: (tenantId: string, userId: string) => `${tenantId}:handoff-assigned:${userId}`,
  document: (tenantId: string) => `${tenantId}:document`,
  inbox: (tenantId: string) => `${tenantId}:inbox`,
  typing: (tenantId: string) => `${tenantId}:typing`,
  sla: (tenantId: string) => `${tenantId}:sla`,
};

interface Base { eventId: string; tenantId: string }
/**
 * `teamId`: the handoff's team (null: the general queue); `previousTeamId` on a transfer, so
 * the queue it left hears of it too; `agentId`: who holds it now. Subscribers filter on these.
 */
export interface QueueEventPayload extends Base { kind: QueueEventKind; handoffId: string; teamId: string | null; previousTeamId?: string | null; agentId?: string | null }
/** An SLA target about to be missed (WARNING) or missed (BREACH). */
export interface SlaEventPayload extends Base { kind: "WARNING" | "BREACH"; target: "FIRST_RESPONSE" | "RESOLUTION"; handoffId: string | null; ticketId: string | null; dueAt: string; teamId: string | null }
export interface MessageEventPayload extends Base { messageId: string; sessionId: string; agentId: string | null }
export interface SessionEventPayload extends Base { sessionId: string; agentId: string | null }
export interface HandoffAssignedPayload extends Base { handoffId: string; agentId: string }
export interface DocumentEventPayload extends Base { documentId: string }
export interface InboxEventPayload extends Base { inboxId: string; state: string }
/** Someone is typing in a session: the client (web chat visitor) or an agent. Not stored. */
export interface TypingEventPayload extends Base { sessionId: string; agentId: string | null; sender: "CLIENT" | "AGENT"; typing: boolean; at: string }

/** What publishing needs of a request: its manager (in a transaction or not) and its after-commit queue. */
export type EventContext = Pick<RequestContext, "em" | "afterCommit">;

/** For jobs and sweeps publishing changes already committed outside any request. */
export const committed = (em: EntityManager): EventContext => ({ em, afterCommit: [] });

const published = counter("atende_events_published_total", "Domain events published after commit, by kind (queue, message, session, …)", ["kind"]);
const publishFailed = counter("atende_events_publish_failed_total", "Domain events whose publication failed after commit (broker unreachable), by kind", ["kind"]);

export class Events {
  /** Integrator webhooks (services/integrations): stored with the change, sent after commit. */
  integrations: IntegrationEmit | null = null;

  constructor(private readonly pubsub: PubSub) {}

  private emit(ctx: EventContext, topic: string, payload: Record<string, unknown> & { tenantId: string }): Promise<void> {
    const event = { eventId: crypto.randomUUID(), ...payload };
    // The kind is the topic without its tenant (and without the agent of handoff-assigned).
    const kind = topic.slice(payload.tenantId.length + 1).split(":")[0] ?? "unknown";
    // Published after the commit but not awaited: the change's own request (the mutation)
    // answers without waiting for the broker, and so never for the fan-out to thousands
    // of consoles that the event triggers in this same process. Order is kept (one
    // publisher connection, commands sent in order); a failure is counted, not thrown
    // (it could not undo the committed change anyway).
    return afterCommit(ctx, () => {
      this.pubsub.publish(topic, event).then(
        () => published.inc({ kind }),
        () => publishFailed.inc({ kind }),
      );
    });
  }

  async queue(ctx: EventContext, tenantId: string, kind: QueueEventKind, handoff: { id: string; teamId: string | null; agentId?: string | null }, previousTeamId?: string | null) {
    const integration = kind === QueueEventKind.CREATED ? "handoff.created" : kind === QueueEventKind.COMPLETED ? "handoff.completed" : null;
    if (integration) await this.integrations?.(ctx, tenantId, integration, { handoffId: handoff.id });
    return this.emit(ctx, Topics.queue(tenantId), { tenantId, kind, handoffId: handoff.id, teamId: handoff.teamId, agentId: handoff.agentId ?? null, ...(previousTeamId !== undefined ? { previousTeamId } : {}) });
  }

  sla(ctx: EventContext, tenantId: string, e: Omit<SlaEventPayload, "eventId" | "tenantId">) {
    return this.emit(ctx, Topics.sla(tenantId), { tenantId, ...e });
  }

  async message(ctx: EventContext, tenantId: string, messageId: string, sessionId: string, agentId: string | null) {
    await this.integrations?.(ctx, tenantId, "message.created", { messageId, sessionId });
    return this.emit(ctx, Topics.message(tenantId), { tenantId, messageId, sessionId, agentId });
  }

  /** Delivery status or error changed (receipts, failures): pushed to the agent's console. */
  messageUpdated(ctx: EventContext, tenantId: string, messageId: string, sessionId: string, agentId: string | null) {
    return this.emit(ctx, Topics.messageUpdated(tenantId), { tenantId, messageId, sessionId, agentId });
  }

  session(ctx: EventContext, tenantId: string, sessionId: string, agentId: string | null) {
    return this.emit(ctx, Topics.session(tenantId), { tenantId, sessionId, agentId });
  }

  async handoffAssigned(ctx: EventContext, tenantId: string, handoffId: string, agentId: string) {
    await this.integrations?.(ctx, tenantId, "handoff.assigned", { handoffId, agentId });
    return this.emit(ctx, Topics.handoffAssigned(tenantId, agentId), { tenantId, handoffId, agentId });
  }

  document(ctx: EventContext, tenantId: string, documentId: string) {
    return this.emit(ctx, Topics.document(tenantId), { tenantId, documentId });
  }

  inbox(ctx: EventContext, tenantId: string, inboxId: string, state: string) {
    return this.emit(ctx, Topics.inbox(tenantId), { tenantId, inboxId, state });
  }

  typing(ctx: EventContext, tenantId: string, e: Omit<TypingEventPayload, "eventId" | "tenantId" | "at">) {
    return this.emit(ctx, Topics.typing(tenantId), { tenantId, ...e, at: new Date().toISOString() });
  }
}

/** Keeps only the events `keep` accepts; closing the result closes the source. */
export function filterEvents<T>(source: AsyncIterableIterator<T>, keep: (event: T) => boolean | Promise<boolean>): AsyncIterableIterator<T> {
  return {
    async next() {
      for (;;) {
        const r = await source.next();
        if (r.done || (await keep(r.value))) return r;
      }
    },
    return: () => source.return?.() ?? Promise.resolve({ done: true, value: undefined }),
    throw: (e) => source.throw?.(e) ?? Promise.reject(e),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/**
 * An event is resolved once per process and the same result goes to every
 * subscriber: concurrent deliveries share one load, kept briefly by event id.
 */
export class EventResolutionCache {
  private readonly entries = new Map<string, { value: Promise<unknown>; at: number }>();
  constructor(private readonly ttlMs = 10_000) {}

  resolve<T>(eventId: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    if (this.entries.size > 1000) for (const [k, v] of this.entries) if (now - v.at > this.ttlMs) this.entries.delete(k);
    const hit = this.entries.get(eventId);
    if (hit && now - hit.at <= this.ttlMs) return hit.value as Promise<T>;
    const value = load();
    this.entries.set(eventId, { value, at: now });
    value.catch(() => this.entries.delete(eventId));
    return value;
  }
}
