import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import type { DataSource } from "typeorm";
import { requirePrincipal, type RequestContext } from "../../context";
import { AnalyticsExport, type ExportFormat, type ExportKind } from "../../entities/analytics-export";
import { isUuid } from "../../infra/ids";
import type { JobQueue } from "../../infra/jobs";
import type { Logger } from "../../infra/logger";
import type { Storage } from "../../infra/storage";
import { paginate, type PageArgs } from "../../schema/connection";
import { Role } from "../../schema/enums";
import { Errors } from "../../schema/errors";
import type { AccessLogService } from "../privacy/access-log.service";
import type { AnalyticsService } from "./analytics.service";
import type { Dimension } from "./facts";
import type { AnalyticsFilterValues, Granularity, Measures } from "./measures";
import { listPageSql, RowFileWriter, writeList, type ListQuery } from "./export-writer";
import type { ExportUrls } from "./export-urls";

export const EXPORT_JOB = "analytics.export";
const ATTEMPTS = 3;
/** Roles that read clients' phone and e-mail through the API: only they get them in files. */
const PERSONAL_DATA_ROLES = new Set<Role>([Role.ADMIN, Role.SUPERVISOR]);
const MEASURE_COLUMNS: Array<keyof Measures> = [
  "conversations", "messagesIn", "messagesOut", "tickets", "ticketsResolved", "ticketBacklog", "autoResolved", "handedOff", "botResolutionRate", "handoffRate", "waitP50Seconds", "waitP90Seconds",
  "waitMaxSeconds", "firstResponseP50Seconds", "resolutionP50Seconds", "transfers", "slaCompliance", "slaBreaches", "csatAverage", "csatResponses", "nps", "npsResponses",
  "agentSatisfactionAverage", "aiCostBrl", "aiTokensInput", "aiTokensOutput", "aiCalls", "aiFallbacks",
];

export interface ExportInputData {
  kind: ExportKind;
  format: ExportFormat;
  from: Date;
  to: Date;
  granularity?: Granularity | null;
  filter?: AnalyticsFilterValues | null;
}

export interface ExportDeps {
  ds: DataSource;
  jobs: JobQueue;
  storage: Storage;
  urls: ExportUrls;
  analytics: AnalyticsService;
  accessLog: AccessLogService;
  logger: Logger;
  systemContext: (tenantId: string) => RequestContext;
}

/**
 * CSV and JSON exports of the measures and of raw lists. Asked for by a mutation, produced by
 * a job that streams the rows page by page into a temporary file and then into storage
 * (constant memory at any size), downloaded through a signed, expiring link. Every export is
 * written to the data access log; personal columns only for roles that may read them.
 */
export class ExportsService {
  constructor(private readonly d: ExportDeps) {}

  async start(ctx: RequestContext, input: ExportInputData): Promise<AnalyticsExport> {
    const p = requirePrincipal(ctx);
    this.d.analytics.validate({ from: input.from, to: input.to, filter: input.filter }, input.kind === "MEASURES" ? input.granularity ?? "DAY" : null);
    const personalData = input.kind !== "MEASURES" && PERSONAL_DATA_ROLES.has(p.role);
    if (personalData) await this.d.accessLog.requireJustification(ctx);
    const row = ctx.em.create(AnalyticsExport, {
      tenantId: p.tenantId,
      kind: input.kind,
      format: input.format,
      status: "PENDING",
      params: { from: input.from.toISOString(), to: input.to.toISOString(), granularity: input.granularity ?? null, filter: (input.filter ?? null) as Record<string, string[]> | null },
      personalData,
      requestedBy: p.id,
    });
    await ctx.em.save(row);
    await this.d.accessLog.record(ctx, { clientId: null, action: personalData ? "analytics.export.personal" : "analytics.export", resource: `Export:${row.id}:${input.kind}` });
    await this.d.jobs.enqueue(EXPORT_JOB, { exportId: row.id }, { jobId: `export:${row.id}`, attempts: ATTEMPTS });
    return row;
  }

  /** The caller's own exports (admins: the tenant's), newest first. */
  list(ctx: RequestContext, page: PageArgs) {
    const p = requirePrincipal(ctx);
    const qb = ctx.em.createQueryBuilder(AnalyticsExport, "e").where("e.tenant_id = :tenantId", { tenantId: p.tenantId });
    if (p.role !== Role.ADMIN) qb.andWhere("e.requested_by = :me", { me: p.id });
    return paginate(qb, page, { sortColumn: "e.created_at", idColumn: "e.id", sortValue: (e) => e.createdAt });
  }

  view(row: AnalyticsExport) {
    const link = row.status === "DONE" ? this.d.urls.url(row.id, row.tenantId) : null;
    return {
      id: row.id, kind: row.kind, format: row.format, status: row.status, from: new Date(row.params.from), to: new Date(row.params.to), personalData: row.personalData,
      rows: row.rows, url: link?.url ?? null, urlExpiresAt: link?.expiresAt ?? null, error: row.error, createdAt: row.createdAt, completedAt: row.completedAt,
    };
  }

  /** The job. Idempotent: a finished export is left alone; a retried one starts its file over. */
  async run(exportId: string, attempt: number): Promise<void> {
    const em = this.d.ds.manager;
    const row = await em.findOne(AnalyticsExport, { where: { id: exportId } });
    if (!row || row.status === "DONE") return;
    await em.update(AnalyticsExport, { id: row.id }, { status: "RUNNING", error: null });
    const ext = row.format === "CSV" ? "csv" : "json";
    const tmp = path.join(os.tmpdir(), `atende-export-${row.id}-${process.pid}-${attempt}.${ext}`);
    const q = { tenantId: row.tenantId, from: new Date(row.params.from), to: new Date(row.params.to), filter: (row.params.filter ?? {}) as AnalyticsFilterValues, personalData: row.personalData };
    try {
      const writer = row.kind === "MEASURES" ? await this.writeMeasures(row, q, tmp) : await this.writeRaw(row, q, tmp);
      const now = new Date();
      const key = `${row.tenantId}/exports/${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, "0")}/${row.id}.${ext}`;
      const { size } = await fs.stat(tmp);
      await this.d.storage.putFile(key, tmp, contentType(row.format));
      await em.update(AnalyticsExport, { id: row.id }, { status: "DONE", storageKey: key, rows: writer.rows, bytes: size, completedAt: now, error: null });
    } catch (err) {
      this.d.logger.warn({ err, exportId, attempt }, "export failed");
      if (attempt >= ATTEMPTS) await em.update(AnalyticsExport, { id: row.id }, { status: "FAILED", error: "Não foi possível gerar a exportação. Tente novamente." });
      throw err;
    } finally {
      await fs.rm(tmp, { force: true });
    }
  }

  private async writeRaw(row: AnalyticsExport, q: ListQuery, tmp: string): Promise<RowFileWriter> {
    const kind = row.kind as Exclude<ExportKind, "MEASURES">;
    const writer = new RowFileWriter(tmp, row.format, listPageSql(kind, q).columns);
    try {
      await writer.start();
      await writeList(this.d.ds.manager, kind, q, writer);
      await writer.finish();
      return writer;
    } catch (err) {
      writer.destroy();
      throw err;
    }
  }

  private async writeMeasures(row: AnalyticsExport, q: { from: Date; to: Date; filter: AnalyticsFilterValues }, tmp: string): Promise<RowFileWriter> {
    const ctx = this.d.systemContext(row.tenantId);
    const data = await this.d.analytics.analytics(ctx, { from: q.from, to: q.to, granularity: (row.params.granularity as Granularity | null) ?? "DAY", groupBy: [] as Dimension[], filter: q.filter });
    const writer = new RowFileWriter(tmp, row.format, ["bucket", "bucket_local", ...MEASURE_COLUMNS]);
    await writer.start();
    for (const point of data.series) await writer.row({ bucket: point.bucket, bucket_local: point.bucketLabel, ...point.measures });
    await writer.finish();
    return writer;
  }

  /** A signed link's file: null when the link is invalid, expired, or the export is not there. */
  async download(id: string, exp: unknown, sig: unknown): Promise<{ stream: Readable; contentType: string; fileName: string; size: number } | null> {
    if (!isUuid(id)) return null;
    const row = await this.d.ds.manager.findOne(AnalyticsExport, { where: { id } });
    if (!row || row.status !== "DONE" || !row.storageKey || !this.d.urls.verify(row.id, row.tenantId, exp, sig)) return null;
    const day = row.params.from.slice(0, 10);
    return { stream: await this.d.storage.getStream(row.storageKey), contentType: contentType(row.format), fileName: `atende-${row.kind.toLowerCase()}-${day}.${row.format === "CSV" ? "csv" : "json"}`, size: row.bytes };
  }

  async get(ctx: RequestContext, id: string): Promise<AnalyticsExport> {
    const p = requirePrincipal(ctx);
    const row = isUuid(id) ? await ctx.em.findOne(AnalyticsExport, { where: { id, tenantId: p.tenantId } }) : null;
    if (!row || (p.role !== Role.ADMIN && row.requestedBy !== p.id)) throw Errors.notFound("Exportação");
    return row;
  }
}

const contentType = (format: ExportFormat) => (format === "CSV" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8");
