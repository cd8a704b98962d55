import type { Express } from "express";
import type { Services } from "./services";
import { webhookRouter } from "./http/webhooks";
import { mediaRouter } from "./http/media";
import { webhookMetrics } from "./http/metrics";
import { PROCESS_INBOUND_JOB } from "./services/channels/intake.service";
import { SEND_JOB } from "./services/channels/outbound.service";
import { registerPrivacyJobs } from "./services/privacy/jobs";
import { DOCUMENT_JOBS } from "./services/documents/documents.service";
import { TEMPLATE_JOBS } from "./services/templates/templates.service";
import { QUALIFY_JOB } from "./services/crm/qualification/qualifier.service";
import { WEB_CHAT_RESPOND_JOB } from "./services/webchat/web-chat.service";
import { EMAIL_JOBS } from "./services/email/mailbox-poller";
import { widgetRouter } from "./http/widget";
import { RETRAIN_JOB } from "./services/triage/learning/models.service";
import { EMBED_JOB } from "./services/knowledge/knowledge.service";
import { FOLLOW_UP_JOBS } from "./services/followups/followups.service";
import { WEBHOOK_JOBS } from "./services/integrations/webhook-outbox";
import { exportsRouter } from "./http/exports";
import { EXPORT_JOB } from "./services/analytics/exports.service";
import { REPORT_JOBS, type ReportJob } from "./services/analytics/scheduled-reports";

/**
 * Wiring of the areas that add REST routes or background jobs. Kept in one place so
 * that app.ts (API) and worker.ts (jobs only) register the same things.
 */
export function registerHttpRoutes(app: Express, services: Services): void {
  app.use("/webhooks", webhookMetrics());
  app.use(webhookRouter(services));
  app.use(mediaRouter(services));
  app.use(exportsRouter(services));
  app.use(widgetRouter());
}

export const JOBS = {
  closeInactiveSessions: "sessions.close-inactive",
  requeueInbound: "inbound.requeue-stale",
  requeueLost: "jobs.requeue-lost",
  slaSweep: "sla.sweep",
} as const;

export function registerJobs(services: Services): void {
  registerPrivacyJobs(services);
  const { jobs } = services.infra;
  // OCR runs here, never inside the upload request.
  jobs.register(DOCUMENT_JOBS.ocr, (data, meta) => services.documents.reader.runOcr(data, meta));
  jobs.register(QUALIFY_JOB, (data) => services.leadQualifier.run(data));
  jobs.register(JOBS.closeInactiveSessions, async () => {
    await services.sessions.closeInactive();
  });
  jobs.register(PROCESS_INBOUND_JOB, async (data, meta) => {
    await services.inbound.process((data as { eventId: string }).eventId, meta.attempt);
  });
  jobs.register(SEND_JOB, async (data, meta) => {
    await services.outbound.send((data as { messageId: string }).messageId, meta.attempt);
  });
  // WhatsApp templates change status at Meta (approved, paused, rejected): refreshed daily.
  jobs.register(TEMPLATE_JOBS.syncAll, async () => {
    await services.templates.syncAll();
  });
  jobs.register(WEB_CHAT_RESPOND_JOB, async (data, meta) => {
    const job = data as { messageId: string; recovered?: boolean };
    // A recovered job is a retry: it checks whether the message was answered meanwhile.
    await services.webChat.respond(job.messageId, job.recovered ? Math.max(2, meta.attempt) : meta.attempt);
  });
  jobs.register(EMAIL_JOBS.pollDue, async () => {
    await services.mailboxes.pollDue();
  });
  jobs.register(EMAIL_JOBS.poll, async (data) => {
    await services.mailboxes.poll((data as { inboxId: string }).inboxId);
  });
  // AI: a tenant's triage model retrained from its corrections; article embeddings.
  jobs.register(RETRAIN_JOB, async (data) => {
    await services.triageModels.retrain((data as { tenantId: string }).tenantId);
  });
  jobs.register(EMBED_JOB, async (data) => {
    await services.knowledge.embeddings?.embedArticle((data as { articleId: string }).articleId);
  });
  // Follow-ups and integrator webhooks: one job per send or attempt, and a sweep of what is due in the database.
  jobs.register(FOLLOW_UP_JOBS.send, async (data) => {
    await services.followUps.send((data as { followUpId: string }).followUpId);
  });
  jobs.register(FOLLOW_UP_JOBS.sweep, async () => {
    await services.followUps.sweep();
    await services.surveys.expire();
  });
  jobs.register(WEBHOOK_JOBS.deliver, async (data) => {
    await services.webhookDispatcher.deliver((data as { deliveryId: string }).deliveryId);
  });
  jobs.register(WEBHOOK_JOBS.sweep, async () => {
    await services.webhookDispatcher.sweep();
  });
  // SLA: warnings before a target, breaches after it (slaUpdated).
  jobs.register(JOBS.slaSweep, async () => {
    await services.sla.sweep();
  });
  // Analytics: exports streamed into storage.
  jobs.register(EXPORT_JOB, async (data, meta) => {
    await services.exports.run((data as { exportId: string }).exportId, meta.attempt);
  });
  jobs.register(REPORT_JOBS.sweep, async () => {
    await services.scheduledReports.sweep();
  });
  jobs.register(REPORT_JOBS.send, async (data, meta) => {
    await services.scheduledReports.send(data as ReportJob, meta.attempt);
  });
  jobs.register(JOBS.requeueInbound, async () => {
    await services.intake.requeueStale();
  });
  // Outbound sends and OCR lost with a crashed process (in-process jobs live in memory).
  jobs.register(JOBS.requeueLost, async () => {
    await services.outbound.requeueStale();
    await services.documents.reader.requeueStale();
    await services.webChat.requeueStale();
  });
}

/** Recurring jobs; started by processes that run jobs. */
export async function scheduleJobs(services: Services): Promise<void> {
  // Embedded mode (PGlite) is one process: whatever was in flight before this start was
  // lost with the previous process, so it is picked up now rather than after the staleness delays.
  if (!services.infra.config.database.url) {
    const startedAt = new Date();
    await services.documents.reader.requeueStale({ orphanedBefore: startedAt });
    await services.intake.requeueStale(0);
    await services.outbound.requeueStale();
    await services.webChat.requeueStale(0);
  }
  await services.infra.jobs.schedule(JOBS.closeInactiveSessions, 60_000);
  await services.infra.jobs.schedule(JOBS.requeueInbound, 60_000);
  await services.infra.jobs.schedule(JOBS.requeueLost, 60_000);
  await services.infra.jobs.schedule(JOBS.slaSweep, 60_000);
  await services.infra.jobs.schedule(TEMPLATE_JOBS.syncAll, 24 * 3600_000);
  await services.infra.jobs.schedule(EMAIL_JOBS.pollDue, services.infra.config.email.pollIntervalMs);
  await services.infra.jobs.schedule(FOLLOW_UP_JOBS.sweep, services.infra.config.followUps.sweepMs);
  await services.infra.jobs.schedule(WEBHOOK_JOBS.sweep, services.infra.config.followUps.sweepMs);
  await services.infra.jobs.schedule(REPORT_JOBS.sweep, services.infra.config.analytics.reportSweepMs);
}
