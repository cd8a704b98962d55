import type { DataSource } from "typeorm";
import { WebhookDelivery, WebhookSubscription } from "../../entities/webhook-subscription";
import type { SecretBox } from "../../infra/crypto";
import type { JobQueue } from "../../infra/jobs";
import type { Logger } from "../../infra/logger";
import { counter } from "../../infra/metrics";
import { returnedRows } from "../../infra/database";
import { webhookHeaders } from "../../infra/standard-webhooks";
import type { AuditService } from "../audit.service";
import type { TenantUrlGuards } from "../ai/url-guards";
import { enqueueDelivery } from "./webhook-outbox";

const attemptsTotal = counter("atende_webhook_attempts_total", "Integrator webhook delivery attempts, by outcome (success, failure)", ["outcome"]);

export interface WebhookDispatchConfig { retryDelaysMs: number[]; disableAfterFailures: number; timeoutMs: number }

/**
 * Sends stored deliveries: signed with Standard Webhooks, one attempt per job, retried with the
 * configured backoff (≈ a day by default) and given up after the last delay. A subscription whose
 * deliveries are given up `disableAfterFailures` times in a row is disabled, with an audit entry.
 * Every attempt first claims the row (a lease on next_attempt_at), so a job and the sweep never send twice at once.
 */
export class WebhookDispatcher {
  constructor(
    private readonly ds: DataSource,
    private readonly box: SecretBox,
    private readonly guards: TenantUrlGuards,
    private readonly jobs: JobQueue,
    private readonly audit: AuditService,
    private readonly logger: Logger,
    private readonly config: WebhookDispatchConfig,
  ) {}

  async deliver(deliveryId: string): Promise<void> {
    const lease = this.config.timeoutMs * 2 + 5_000;
    const claimed = returnedRows<{ id: string }>(await this.ds.query(
      `UPDATE webhook_deliveries SET next_attempt_at = now() + make_interval(secs => $2::double precision / 1000), updated_at = now()
       WHERE id = $1 AND status = 'PENDING' AND (next_attempt_at IS NULL OR next_attempt_at <= now()) RETURNING id`,
      [deliveryId, lease],
    ));
    if (!claimed.length) return;
    const delivery = await this.ds.manager.findOneByOrFail(WebhookDelivery, { id: deliveryId });
    const sub = await this.ds.manager.findOneBy(WebhookSubscription, { id: delivery.subscriptionId, tenantId: delivery.tenantId });
    if (!sub || !sub.enabled) {
      await this.ds.manager.update(WebhookDelivery, { id: delivery.id }, { status: "FAILED", nextAttemptAt: null, lastError: sub ? "Assinatura desativada." : "Assinatura removida." });
      return;
    }
    const body = JSON.stringify(delivery.payload);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await this.guards.for(sub.tenantId).fetch(sub.url, {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": "Atende-Webhooks/1.0", ...webhookHeaders(this.box.open(sub.secretSealed), delivery.webhookId, body) },
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
      status = res.status;
      // Only the status matters: the body (of any size) is not read.
      await res.body?.cancel().catch(() => undefined);
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (err) {
      error = String((err as Error).message ?? err).slice(0, 300);
    }
    attemptsTotal.inc({ outcome: error ? "failure" : "success" });
    const attempts = delivery.attempts + 1;
    const now = new Date();
    if (!error) {
      await this.ds.manager.update(WebhookDelivery, { id: delivery.id }, { status: "SUCCEEDED", attempts, responseStatus: status, lastError: null, lastAttemptAt: now, deliveredAt: now, nextAttemptAt: null });
      if (sub.consecutiveFailures) await this.ds.manager.update(WebhookSubscription, { id: sub.id }, { consecutiveFailures: 0 });
      return;
    }
    const delay = this.config.retryDelaysMs[attempts - 1];
    if (delay !== undefined) {
      await this.ds.manager.update(WebhookDelivery, { id: delivery.id }, { attempts, responseStatus: status, lastError: error, lastAttemptAt: now, nextAttemptAt: new Date(now.getTime() + delay) });
      await enqueueDelivery(this.jobs, delivery.id, attempts + 1, delay).catch((err) => this.logger.warn({ err, deliveryId }, "webhook retry not enqueued; the sweep will send it"));
      return;
    }
    await this.ds.manager.update(WebhookDelivery, { id: delivery.id }, { status: "FAILED", attempts, responseStatus: status, lastError: error, lastAttemptAt: now, nextAttemptAt: null });
    await this.givenUp(sub);
  }

  /** Deliveries due (retries whose job was lost, embedded restarts): sent from here, a batch per run. */
  async sweep(limit = 50): Promise<number> {
    const due = returnedRows<{ id: string }>(await this.ds.query(
      `SELECT id FROM webhook_deliveries WHERE status = 'PENDING' AND next_attempt_at <= now() ORDER BY next_attempt_at LIMIT $1`,
      [limit],
    ));
    for (const { id } of due) await this.deliver(id).catch((err) => this.logger.warn({ err, deliveryId: id }, "webhook delivery failed in the sweep"));
    // The delivery log keeps 30 days of finished deliveries.
    await this.ds.query(`DELETE FROM webhook_deliveries WHERE id IN (SELECT id FROM webhook_deliveries WHERE status <> 'PENDING' AND created_at < now() - interval '30 days' LIMIT 1000)`);
    return due.length;
  }

  private async givenUp(sub: WebhookSubscription): Promise<void> {
    const rows = returnedRows<{ consecutive_failures: number; enabled: boolean }>(await this.ds.query(
      `UPDATE webhook_subscriptions SET consecutive_failures = consecutive_failures + 1, updated_at = now() WHERE id = $1 RETURNING consecutive_failures, enabled`,
      [sub.id],
    ));
    const failures = rows[0]?.consecutive_failures ?? 0;
    if (!rows[0]?.enabled || failures < this.config.disableAfterFailures) return;
    const reason = `Desativada automaticamente: ${failures} entrega(s) seguida(s) falharam em todas as tentativas.`;
    await this.ds.transaction(async (em) => {
      const done = await em.update(WebhookSubscription, { id: sub.id, enabled: true }, { enabled: false, disabledAt: new Date(), disabledReason: reason });
      if (done.affected) {
        await this.audit.record(em, { tenantId: sub.tenantId, actorId: null, event: "webhook.subscription_disabled", severity: "warning", detail: { subscriptionId: sub.id, consecutiveFailures: failures, host: new URL(sub.url).host } });
      }
    });
    this.logger.warn({ subscriptionId: sub.id, tenantId: sub.tenantId }, "webhook subscription disabled after persistent failure");
  }
}
