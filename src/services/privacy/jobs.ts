import type { Services } from "..";
import { ERASE_JOB } from "./requests.service";

export const ERASURE_SWEEP_JOB = "lgpd.erasure-sweep";
export const RETENTION_JOB = "lgpd.retention";

const MINUTE = 60_000;

/** LGPD background work: deletions when due (job per request + sweep) and retention. */
export function registerPrivacyJobs(services: Services): void {
  const { jobs, logger } = services.infra;
  jobs.register(ERASE_JOB, async (data) => {
    const { requestId } = data as { requestId?: string };
    // Thrown so the queue runs it again with backoff (the sweep covers beyond the attempts).
    if (typeof requestId === "string" && (await services.erasure.execute(requestId)) === "waiting") throw new Error("lgpd erasure waits for the subject's notice to go out");
  });
  jobs.register(ERASURE_SWEEP_JOB, async () => {
    await services.erasure.sweep();
  });
  jobs.register(RETENTION_JOB, async () => {
    await services.retention.run();
  });
  for (const [name, everyMs] of [[ERASURE_SWEEP_JOB, MINUTE], [RETENTION_JOB, 60 * MINUTE]] as const) {
    jobs.schedule(name, everyMs).catch((err) => logger.error({ err, job: name }, "could not schedule job"));
  }
}
