import type { Express } from "express";
import type { Services } from "./services";
import { webhookRouter } from "./http/webhooks";
import { PROCESS_INBOUND_JOB } from "./services/channels/intake.service";
import { SEND_JOB } from "./services/channels/outbound.service";
import { registerPrivacyJobs } from "./services/privacy/jobs";
import { DOCUMENT_JOBS } from "./services/documents/documents.service";
import { RETRAIN_JOB } from "./services/triage/learning/models.service";
import { EMBED_JOB } from "./services/knowledge/knowledge.service";

/**
 * Wiring of the areas that add REST routes or background jobs. Kept in one place so
 * that app.ts (API) and worker.ts (jobs only) register the same things.
 */
export function registerHttpRoutes(app: Express, services: Services): void {
  app.use(webhookRouter(services));
}

export const JOBS = {
  closeInactiveSessions: "sessions.close-inactive",
  requeueInbound: "inbound.requeue-stale",
  requeueLost: "jobs.requeue-lost",
} as const;

export function registerJobs(services: Services): void {
  registerPrivacyJobs(services);
  const { jobs } = services.infra;
  // OCR runs here, never inside the upload request.
  jobs.register(DOCUMENT_JOBS.ocr, (data, meta) => services.documents.runOcr(data, meta));
  jobs.register(JOBS.closeInactiveSessions, async () => {
    await services.sessions.closeInactive();
  });
  jobs.register(PROCESS_INBOUND_JOB, async (data, meta) => {
    await services.inbound.process((data as { eventId: string }).eventId, meta.attempt);
  });
  jobs.register(SEND_JOB, async (data, meta) => {
    await services.outbound.send((data as { messageId: string }).messageId, meta.attempt);
  });
  // AI: a tenant's triage model retrained from its corrections; article embeddings.
  jobs.register(RETRAIN_JOB, async (data) => {
    await services.triageModels.retrain((data as { tenantId: string }).tenantId);
  });
  jobs.register(EMBED_JOB, async (data) => {
    await services.knowledge.embeddings?.embedArticle((data as { articleId: string }).articleId);
  });
  jobs.register(JOBS.requeueInbound, async () => {
    await services.intake.requeueStale();
  });
  // Outbound sends and OCR lost with a crashed process (in-process jobs live in memory).
  jobs.register(JOBS.requeueLost, async () => {
    await services.outbound.requeueStale();
    await services.documents.requeueStale();
  });
}

/** Recurring jobs; started by processes that run jobs. */
export async function scheduleJobs(services: Services): Promise<void> {
  await services.infra.jobs.schedule(JOBS.closeInactiveSessions, 60_000);
  await services.infra.jobs.schedule(JOBS.requeueInbound, 60_000);
  await services.infra.jobs.schedule(JOBS.requeueLost, 60_000);
}
