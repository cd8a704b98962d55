import type { Express } from "express";
import type { Services } from "./services";
import { registerPrivacyJobs } from "./services/privacy/jobs";
import { DOCUMENT_JOBS } from "./services/documents/documents.service";

/**
 * Wiring of the areas that add REST routes or background jobs. Kept in one place so
 * that app.ts (API) and worker.ts (jobs only) register the same things.
 */
export function registerHttpRoutes(_app: Express, _services: Services): void {}

export const JOBS = {
  closeInactiveSessions: "sessions.close-inactive",
} as const;

export function registerJobs(services: Services): void {
  registerPrivacyJobs(services);
  const { jobs } = services.infra;
  // OCR runs here, never inside the upload request.
  jobs.register(DOCUMENT_JOBS.ocr, (data, meta) => services.documents.runOcr(data, meta));
  jobs.register(JOBS.closeInactiveSessions, async () => {
    await services.sessions.closeInactive();
  });
}

/** Recurring jobs; started by processes that run jobs. */
export async function scheduleJobs(services: Services): Promise<void> {
  await services.infra.jobs.schedule(JOBS.closeInactiveSessions, 60_000);
}
