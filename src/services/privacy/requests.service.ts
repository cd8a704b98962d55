import { In, type DataSource } from "typeorm";
import { afterCommit, inTransaction, requirePrincipal, type RequestContext } from "../../context";
import { Client } from "../../entities/client";
import { DataSubjectRequest } from "../../entities/data-subject-request";
import { Errors } from "../../schema/errors";
import { DataSubjectRequestStatus as Status, DataSubjectRequestType as Type } from "../../schema/enums";
import type { JobQueue } from "../../infra/jobs";
import { SubjectNotificationEvent as Notice } from "../../schema/privacy-enums";
import type { AuditService } from "../audit.service";
import type { ClientInput, ClientsService } from "../clients/clients.service";
import type { SettingsService } from "../settings/settings.service";
import { findOwned } from "../scoped";
import { optionalText, requiredText } from "../validation/input";
import type { SubjectNotices } from "./notices";
import { applyCorrections, parseCorrections } from "./rectification";

const DAY_MS = 86_400_000;
/** LGPD Art. 19 II: complete answer within 15 days of the request. */
export const ANSWER_DEADLINE_DAYS = 15;
import type { IntegrationEmit } from "../integrations/types";

export const ERASE_JOB = "lgpd.erase";
/** setTimeout (in-process queue) overflows past ~24.8 days; the sweep covers anything later. */
const MAX_JOB_DELAY_MS = 2_147_483_647;

export interface RequestInput { clientId: string; type: Type; reason?: string | null; corrections?: unknown }

/**
 * Data-subject requests (LGPD Art. 18). ACCESS and EXPORT are answered at once
 * (the answer is `exportClientData`); DELETION and RECTIFICATION wait for an
 * ADMIN's decision. An approved deletion runs after the tenant's grace period
 * (ErasureService), through a delayed job and, should that be lost, the sweep.
 * An approved rectification applies the corrections captured with the request. The
 * subject is told of every step on their channel (SubjectNotices).
 */
export class DataSubjectRequestsService {
  /** Integrator webhooks (dsr.completed), inside the transaction that completes the request. */
  integrations: IntegrationEmit | null = null;

  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly settings: SettingsService,
    private readonly jobs: JobQueue,
    private readonly clients: ClientsService,
    private readonly notices: SubjectNotices,
  ) {}

  list(ctx: RequestContext, status?: Status | null): Promise<DataSubjectRequest[]> {
    const p = requirePrincipal(ctx);
    return ctx.em.find(DataSubjectRequest, { where: { tenantId: p.tenantId, ...(status ? { status } : {}) }, order: { createdAt: "DESC", id: "DESC" } });
  }

  async create(ctx: RequestContext, input: RequestInput): Promise<DataSubjectRequest> {
    const p = requirePrincipal(ctx);
    const reason = optionalText("reason", input.reason, 2000, "O motivo");
    let corrections: ClientInput | null = null;
    if (input.corrections != null) {
      if (input.type !== Type.RECTIFICATION) throw Errors.badInput("corrections", "Correções só valem para pedidos de retificação (RECTIFICATION).");
      corrections = parseCorrections(this.clients, input.corrections);
    }
    return inTransaction(this.ds, ctx, async (tx) => {
      const client = await findOwned(tx, Client, input.clientId, "Cliente", { lock: true });
      if (client.anonymizedAt) throw Errors.notFound("Cliente");
      if (input.type === Type.DELETION) {
        const open = await tx.em.count(DataSubjectRequest, { where: { tenantId: p.tenantId, clientId: client.id, type: Type.DELETION, status: In([Status.PENDING, Status.APPROVED]) } });
        if (open) throw Errors.conflict("Já existe um pedido de exclusão em andamento para este cliente.", "type");
      }
      const now = new Date();
      const immediate = input.type === Type.ACCESS || input.type === Type.EXPORT;
      const request = await tx.em.save(
        tx.em.create(DataSubjectRequest, {
          tenantId: p.tenantId,
          clientId: client.id,
          type: input.type,
          status: immediate ? Status.COMPLETED : Status.PENDING,
          reason,
          corrections: corrections as Record<string, unknown> | null,
          createdAt: now,
          dueAt: new Date(now.getTime() + ANSWER_DEADLINE_DAYS * DAY_MS),
          completedAt: immediate ? now : null,
        }),
      );
      await this.audit.log(tx, "lgpd.request_created", { requestId: request.id, clientId: client.id, type: request.type, status: request.status, correctedFields: corrections ? Object.keys(corrections) : undefined }, request.type === Type.DELETION ? "warning" : "info");
      await this.notices.notify(tx, request, immediate ? Notice.COMPLETED : Notice.RECEIVED);
      if (immediate) await this.integrations?.(tx, p.tenantId, "dsr.completed", { requestId: request.id, clientId: request.clientId, type: request.type });
      return request;
    });
  }

  /** ADMIN only (resolver). Deletion: scheduled after the grace period; rectification: corrections applied in this transaction. */
  async approve(ctx: RequestContext, id: string): Promise<DataSubjectRequest> {
    const p = requirePrincipal(ctx);
    const request = await inTransaction(this.ds, ctx, async (tx) => {
      const r = await this.lockPending(tx, id);
      const now = new Date();
      r.decidedBy = p.userId;
      r.decidedAt = now;
      if (r.type === Type.DELETION) {
        const { deletionGraceDays } = await this.settings.get(tx, p.tenantId);
        r.status = Status.APPROVED;
        r.executeAfter = new Date(now.getTime() + deletionGraceDays * DAY_MS);
      } else {
        if (r.type === Type.RECTIFICATION && r.corrections) r.rectifiedFields = await applyCorrections(tx, this.clients, r.clientId, r.corrections as ClientInput);
        r.status = Status.COMPLETED;
        r.completedAt = now;
      }
      await tx.em.save(r);
      await this.audit.log(tx, "lgpd.request_approved", { requestId: r.id, clientId: r.clientId, type: r.type, executeAfter: r.executeAfter?.toISOString() ?? null, rectifiedFields: r.rectifiedFields ?? undefined }, r.type === Type.DELETION ? "critical" : "warning");
      if (r.type === Type.DELETION) await this.notices.notify(tx, r, Notice.APPROVED, { executeAfter: r.executeAfter });
      else await this.notices.notify(tx, r, Notice.COMPLETED, { fields: r.rectifiedFields });
      if (r.status === Status.COMPLETED) await this.integrations?.(tx, r.tenantId, "dsr.completed", { requestId: r.id, clientId: r.clientId, type: r.type });
      if (r.type === Type.DELETION) {
        const delayMs = Math.min(MAX_JOB_DELAY_MS, Math.max(0, r.executeAfter!.getTime() - Date.now()));
        // Enqueued after commit so the job never sees the request still PENDING; if this
        // fails, the sweep (every minute) runs the deletion anyway.
        await afterCommit(tx, () => this.jobs.enqueue(ERASE_JOB, { requestId: r.id }, { jobId: `lgpd-erase:${r.id}`, delayMs }));
      }
      return r;
    });
    return request;
  }

  /** ADMIN only (resolver). `reason` is the legal ground (LGPD Art. 16) and is required. */
  async reject(ctx: RequestContext, id: string, reason: string): Promise<DataSubjectRequest> {
    const p = requirePrincipal(ctx);
    const decisionReason = requiredText("reason", reason ?? "", 2000, "O fundamento legal da recusa");
    if (decisionReason.length < 10) throw Errors.badInput("reason", "Informe o fundamento legal da recusa (LGPD Art. 16), por exemplo: cumprimento de obrigação legal ou regulatória.");
    return inTransaction(this.ds, ctx, async (tx) => {
      const r = await this.lockPending(tx, id);
      Object.assign(r, { status: Status.REJECTED, decisionReason, decidedBy: p.userId, decidedAt: new Date(), completedAt: new Date() });
      await tx.em.save(r);
      await this.audit.log(tx, "lgpd.request_rejected", { requestId: r.id, clientId: r.clientId, type: r.type }, "warning");
      await this.notices.notify(tx, r, Notice.REJECTED, { reason: decisionReason });
      return r;
    });
  }

  private async lockPending(tx: RequestContext, id: string): Promise<DataSubjectRequest> {
    const r = await findOwned(tx, DataSubjectRequest, id, "Pedido do titular", { lock: true });
    if (r.status !== Status.PENDING) throw Errors.conflict(`O pedido já foi decidido (status ${r.status}).`, "id");
    return r;
  }
}
