import { LessThanOrEqual, type DataSource } from "typeorm";
import { inTransaction, type RequestContext } from "../../context";
import { DataSubjectRequest } from "../../entities/data-subject-request";
import { DataSubjectRequestStatus as Status, DataSubjectRequestType as Type } from "../../schema/enums";
import { SubjectNotificationEvent as Notice } from "../../schema/privacy-enums";
import type { Logger } from "../../infra/logger";
import type { AuditService } from "../audit.service";
import type { SessionsService } from "../conversations/sessions.service";
import type { SubjectNotices } from "./notices";
import type { ErasureRun, PersonalDataRegistry } from "./registry";

/** "waiting": the subject's last notice is still with the provider; run again shortly. */
import type { IntegrationEmit } from "../integrations/types";

export type ErasureOutcome = "completed" | "skipped" | "waiting";

const SWEEP_BATCH = 50;
/** How long the erasure waits for its notice to leave; past this it erases anyway (the law's deadline wins). */
const NOTICE_WAIT_MS = 10 * 60_000;

export interface ErasureDeps {
  sessions: Pick<SessionsService, "closeForClient">;
  notices: SubjectNotices;
  systemContext: (tenantId: string) => RequestContext;
}

/**
 * Executes approved LGPD deletions: every registered eraser in one transaction
 * (with `app.lgpd_erasure = 'on'`, the only state in which the consents trigger
 * lets personal data in consents be scrubbed), then the storage deletions, then
 * the request becomes COMPLETED. Idempotent and safe to run concurrently: the
 * request row is locked with SKIP LOCKED, so a job and the sweep never erase the
 * same request at once, and a retry simply erases again.
 *
 * Before anything is erased, the subject's open conversations are closed and their
 * handoffs cancelled (out of the queue, never auto-assigned), and the subject is told
 * on their channel while the platform can still reach them; the erasure waits
 * (bounded) for that notice to leave.
 */
export class ErasureService {
  /** Integrator webhooks (dsr.completed when the deletion ran): sent after the commit. */
  integrations: IntegrationEmit | null = null;

  constructor(private readonly ds: DataSource, private readonly registry: PersonalDataRegistry, private readonly audit: AuditService, private readonly logger: Logger, private readonly deps: ErasureDeps) {}

  async execute(requestId: string, now = new Date()): Promise<ErasureOutcome> {
    const due = await this.ds.manager.findOne(DataSubjectRequest, { where: { id: requestId } });
    if (!due || due.type !== Type.DELETION || due.status !== Status.APPROVED || !due.executeAfter || due.executeAfter > now) return "skipped";
    const ctx = this.deps.systemContext(due.tenantId);
    const closeConversations = () => inTransaction(this.ds, ctx, (tx) => this.deps.sessions.closeForClient(tx, due.tenantId, due.clientId, "lgpd_erasure"));
    await closeConversations();
    const notice = await inTransaction(this.ds, ctx, (tx) => this.deps.notices.notify(tx, due, Notice.COMPLETED));
    if (!(await this.deps.notices.settled(notice)) && Date.now() - notice.createdAt.getTime() < NOTICE_WAIT_MS) return "waiting";
    // The notice may have opened a conversation of its own.
    await closeConversations();

    const run = await this.ds.transaction(async (em) => {
      await em.query(`SELECT set_config('app.lgpd_erasure', 'on', true)`);
      const request = await em
        .createQueryBuilder(DataSubjectRequest, "r")
        .setLock("pessimistic_write")
        .setOnLocked("skip_locked")
        .where("r.id = :requestId", { requestId })
        .getOne();
      if (!request || request.type !== Type.DELETION || request.status !== Status.APPROVED) return null;
      // A job that fires early (clock skew, capped delay) leaves it to a later run.
      if (!request.executeAfter || request.executeAfter > now) return null;
      const run: ErasureRun = { tenantId: request.tenantId, clientId: request.clientId, requestId, afterErase: [] };
      for (const { erase } of this.registry.erasersInOrder()) await erase(em, request.tenantId, request.clientId, run);
      return run;
    });
    if (!run) return "skipped";
    // Files cannot roll back: they go only after the rows are committed. A failure
    // throws, the request stays APPROVED, and the next attempt erases again.
    for (const hook of run.afterErase) await hook();
    const afterCommit: Array<() => void | Promise<void>> = [];
    await this.ds.transaction(async (em) => {
      const done = await em.update(DataSubjectRequest, { id: requestId, status: Status.APPROVED }, { status: Status.COMPLETED, completedAt: new Date() });
      if (done.affected) {
        await this.integrations?.({ em, afterCommit }, run.tenantId, "dsr.completed", { requestId, clientId: run.clientId, type: Type.DELETION });
        await this.audit.record(em, {
          tenantId: run.tenantId,
          actorId: null,
          event: "lgpd.deletion_executed",
          severity: "critical",
          detail: { requestId, clientId: run.clientId, areas: this.registry.erasersInOrder().map((e) => e.name) },
        });
      }
    });
    for (const hook of afterCommit) await Promise.resolve(hook()).catch(() => undefined);
    this.logger.info({ requestId, tenantId: run.tenantId }, "lgpd deletion executed");
    return "completed";
  }

  /**
   * Runs every approved deletion whose time has come (scheduled every minute), so a
   * lost or failed job never leaves personal data behind. One failure does not stop
   * the others; it is reported and retried on the next sweep.
   */
  async sweep(now = new Date()): Promise<number> {
    const due = await this.ds.manager.find(DataSubjectRequest, {
      select: { id: true },
      where: { type: Type.DELETION, status: Status.APPROVED, executeAfter: LessThanOrEqual(now) },
      order: { executeAfter: "ASC" },
      take: SWEEP_BATCH,
    });
    let completed = 0;
    // "waiting" requests are picked up again by the next sweep.
    let failed: unknown;
    for (const { id } of due) {
      try {
        if ((await this.execute(id, now)) === "completed") completed++;
      } catch (err) {
        this.logger.error({ err, requestId: id }, "lgpd deletion failed");
        failed ??= err;
      }
    }
    if (failed) throw failed;
    return completed;
  }
}
