import type { DataSource } from "typeorm";
import { inTransaction, requirePrincipal, type RequestContext } from "../../context";
import { WebhookDelivery, WebhookSubscription } from "../../entities/webhook-subscription";
import type { SecretBox } from "../../infra/crypto";
import type { JobQueue } from "../../infra/jobs";
import { newWebhookSecret } from "../../infra/standard-webhooks";
import { UrlGuardError } from "../../infra/url-guard";
import { paginate, type Connection, type PageArgs } from "../../schema/connection";
import { Errors } from "../../schema/errors";
import type { AuditService } from "../audit.service";
import type { TenantUrlGuards } from "../ai/url-guards";
import { findOwned } from "../scoped";
import { optionalText } from "../validation/input";
import { WEBHOOK_EVENT_TYPES } from "./types";
import { enqueueDelivery } from "./webhook-outbox";

export interface WebhookSubscriptionData { url: string; events: string[]; description?: string | null; enabled?: boolean | null }

const MAX_SUBSCRIPTIONS = 20;

/** Integrators' webhook subscriptions (ADMIN only, in the resolver): create, change, list, delivery log, redelivery. */
export class WebhookSubscriptionsService {
  constructor(
    private readonly ds: DataSource,
    private readonly box: SecretBox,
    private readonly guards: TenantUrlGuards,
    private readonly jobs: JobQueue,
    private readonly audit: AuditService,
  ) {}

  list(ctx: RequestContext): Promise<WebhookSubscription[]> {
    return ctx.em.find(WebhookSubscription, { where: { tenantId: requirePrincipal(ctx).tenantId }, order: { createdAt: "ASC", id: "ASC" } });
  }

  /** The secret is returned here only; it is kept sealed and never readable again. */
  async create(ctx: RequestContext, input: WebhookSubscriptionData): Promise<{ subscription: WebhookSubscription; secret: string }> {
    const p = requirePrincipal(ctx);
    const values = await this.validate(p.tenantId, input);
    const secret = newWebhookSecret();
    const subscription = await inTransaction(this.ds, ctx, async (tx) => {
      if ((await tx.em.count(WebhookSubscription, { where: { tenantId: p.tenantId } })) >= MAX_SUBSCRIPTIONS) {
        throw Errors.conflict(`Limite de ${MAX_SUBSCRIPTIONS} assinaturas de webhook por empresa atingido.`);
      }
      const saved = await tx.em.save(tx.em.create(WebhookSubscription, { tenantId: p.tenantId, ...values, secretSealed: this.box.seal(secret), enabled: input.enabled ?? true }));
      await this.audit.log(tx, "webhook.subscription_created", { subscriptionId: saved.id, events: saved.events, host: new URL(saved.url).host });
      return saved;
    });
    return { subscription, secret };
  }

  /** Re-enabling a disabled subscription starts its failure count over. */
  async update(ctx: RequestContext, id: string, input: WebhookSubscriptionData): Promise<WebhookSubscription> {
    const p = requirePrincipal(ctx);
    const values = await this.validate(p.tenantId, input);
    return inTransaction(this.ds, ctx, async (tx) => {
      const sub = await findOwned(tx, WebhookSubscription, id, "Assinatura de webhook", { lock: true });
      Object.assign(sub, values);
      if (input.enabled === false && sub.enabled) Object.assign(sub, { enabled: false, disabledAt: new Date(), disabledReason: "Desativada por um administrador." });
      if (input.enabled === true && !sub.enabled) Object.assign(sub, { enabled: true, disabledAt: null, disabledReason: null, consecutiveFailures: 0 });
      const saved = await tx.em.save(sub);
      await this.audit.log(tx, "webhook.subscription_updated", { subscriptionId: saved.id, events: saved.events, enabled: saved.enabled, host: new URL(saved.url).host });
      return saved;
    });
  }

  async remove(ctx: RequestContext, id: string): Promise<boolean> {
    return inTransaction(this.ds, ctx, async (tx) => {
      const sub = await findOwned(tx, WebhookSubscription, id, "Assinatura de webhook", { lock: true });
      await tx.em.delete(WebhookDelivery, { subscriptionId: sub.id, tenantId: sub.tenantId });
      await tx.em.delete(WebhookSubscription, { id: sub.id });
      await this.audit.log(tx, "webhook.subscription_deleted", { subscriptionId: sub.id });
      return true;
    });
  }

  /** Newest first. */
  async deliveries(ctx: RequestContext, subscriptionId: string, args: PageArgs): Promise<Connection<WebhookDelivery>> {
    const sub = await findOwned(ctx, WebhookSubscription, subscriptionId, "Assinatura de webhook");
    const qb = ctx.em.createQueryBuilder(WebhookDelivery, "d").where("d.tenant_id = :tenantId AND d.subscription_id = :id", { tenantId: sub.tenantId, id: sub.id });
    return paginate(qb, args, { sortColumn: "d.created_at", idColumn: "d.id", sortValue: (d) => d.createdAt });
  }

  /**
   * Sends an event again as a new delivery with its own attempts, keeping the event's
   * `webhook-id` (receivers that already processed it can recognise it).
   */
  async redeliver(ctx: RequestContext, deliveryId: string): Promise<WebhookDelivery> {
    const original = await findOwned(ctx, WebhookDelivery, deliveryId, "Entrega de webhook");
    const sub = await findOwned(ctx, WebhookSubscription, original.subscriptionId, "Assinatura de webhook");
    if (!sub.enabled) throw Errors.conflict("A assinatura está desativada: reative-a (updateWebhookSubscription com enabled: true) antes de reenviar.");
    const copy = await inTransaction(this.ds, ctx, async (tx) => {
      const saved = await tx.em.save(tx.em.create(WebhookDelivery, {
        tenantId: original.tenantId, subscriptionId: sub.id, eventType: original.eventType, webhookId: original.webhookId, payload: original.payload, status: "PENDING", nextAttemptAt: new Date(),
      }));
      await this.audit.log(tx, "webhook.redelivered", { subscriptionId: sub.id, deliveryId: original.id, newDeliveryId: saved.id });
      return saved;
    });
    await enqueueDelivery(this.jobs, copy.id, 1);
    return copy;
  }

  private async validate(tenantId: string, input: WebhookSubscriptionData): Promise<Pick<WebhookSubscription, "url" | "events" | "description">> {
    const url = (input.url ?? "").trim();
    if (!url || url.length > 2000) throw Errors.badInput("url", "Informe a URL do webhook (até 2000 caracteres).");
    try {
      await this.guards.for(tenantId).check(url);
    } catch (err) {
      if (err instanceof UrlGuardError) throw Errors.badInput("url", err.message);
      throw err;
    }
    const events = [...new Set((input.events ?? []).map((e) => e.trim()))];
    if (!events.length) throw Errors.badInput("events", "Escolha pelo menos um evento.");
    const unknown = events.filter((e) => !(WEBHOOK_EVENT_TYPES as readonly string[]).includes(e));
    if (unknown.length) throw Errors.badInput("events", `Evento(s) desconhecido(s): ${unknown.join(", ")}. Use: ${WEBHOOK_EVENT_TYPES.join(", ")}.`);
    return { url, events, description: optionalText("description", input.description, 200, "A descrição") };
  }
}
