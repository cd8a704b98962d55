import crypto from "node:crypto";
import type { DataSource } from "typeorm";
import { requirePrincipal, type RequestContext } from "../../context";
import { channelFor } from "../../channels";
import type { EmailConfig } from "../../channels/email/config";
import { sendMail } from "../../channels/email/smtp";
import type { OutgoingMessage } from "../../channels/channel";
import type { PlatformSmtp } from "../../config";
import { Inbox } from "../../entities/inbox";
import { ScheduledReport, type ReportFrequency } from "../../entities/scheduled-report";
import type { JobQueue } from "../../infra/jobs";
import type { Logger } from "../../infra/logger";
import { ChannelType, InboxProvider, MessageDirection, MessageSender, MessageType } from "../../schema/enums";
import { Errors } from "../../schema/errors";
import { localTime } from "../settings/business-hours";
import type { SettingsService } from "../settings/settings.service";
import type { InboxesService } from "../channels/inboxes.service";
import { emailOrThrow } from "../validation/input";
import type { AnalyticsService } from "./analytics.service";
import { reportText } from "./report-text";
import { addDays, zoned } from "./time";

export const REPORT_JOBS = { sweep: "reports.sweep", send: "reports.send" } as const;

export interface ScheduledReportInputData {
  frequency: ReportFrequency;
  weekday?: number | null;
  time: string;
  email?: string | null;
  whatsappTo?: string | null;
  inboxId?: string | null;
  enabled?: boolean | null;
}

export interface ReportDeps {
  ds: DataSource;
  jobs: JobQueue;
  logger: Logger;
  analytics: AnalyticsService;
  settings: SettingsService;
  inboxes: InboxesService;
  smtp: PlatformSmtp | null;
  mailFrom: string;
  systemContext: (tenantId: string) => RequestContext;
}

export interface ReportJob { reportId: string; start: string; end: string; previousStart: string }
export interface ReportPeriod { start: Date; end: Date; previousStart: Date; occurrence: Date }

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const WHATSAPP_TO = /^(\d{10,15}|\d{10,20}(-\d{6,12})?@g\.us)$/;
const WHATSAPP_PROVIDERS = new Set<string>([InboxProvider.EVOLUTION, InboxProvider.WHATSAPP_CLOUD]);

/**
 * The tenant's daily or weekly report: the main measures of the period just ended against the
 * one before, sent at a time of the tenant's time zone by e-mail (the tenant's e-mail inbox, or
 * the platform's PLATFORM_SMTP_URL) and/or to a WhatsApp number or group through an inbox. A sweep
 * job finds due reports; each period is sent once (its start is claimed before sending).
 */
export class ScheduledReports {
  constructor(private readonly d: ReportDeps) {}

  async get(ctx: RequestContext): Promise<ScheduledReport | null> {
    return ctx.em.findOne(ScheduledReport, { where: { tenantId: requirePrincipal(ctx).tenantId } });
  }

  async set(ctx: RequestContext, input: ScheduledReportInputData): Promise<ScheduledReport> {
    const { tenantId } = requirePrincipal(ctx);
    if (!TIME.test(input.time)) throw Errors.badInput("time", "Informe o horário como HH:MM (fuso da empresa).");
    const weekday = input.frequency === "WEEKLY" ? input.weekday ?? 1 : null;
    if (weekday != null && (!Number.isInteger(weekday) || weekday < 0 || weekday > 6)) throw Errors.badInput("weekday", "Dia da semana de 0 (domingo) a 6 (sábado).");
    const email = input.email?.trim() ? emailOrThrow("email", input.email.trim()) : null;
    const whatsappTo = input.whatsappTo?.trim() ? input.whatsappTo.trim().replace(/^\+/, "") : null;
    if (whatsappTo && !WHATSAPP_TO.test(whatsappTo)) throw Errors.badInput("whatsappTo", "Informe o número com DDI e DDD (ex.: 5511987654321) ou o id do grupo (…@g.us).");
    if (!email && !whatsappTo) throw Errors.badInput("email", "Informe um e-mail e/ou um número de WhatsApp para receber o relatório.");
    let inboxId: string | null = null;
    if (whatsappTo) {
      if (!input.inboxId) throw Errors.badInput("inboxId", "Escolha a caixa de WhatsApp pela qual o relatório será enviado.");
      const inbox = await this.d.inboxes.get(ctx, input.inboxId);
      if (!WHATSAPP_PROVIDERS.has(inbox.provider)) throw Errors.badInput("inboxId", "A caixa escolhida não é de WhatsApp.");
      inboxId = inbox.id;
    }
    const existing = await this.get(ctx);
    const row = existing ?? ctx.em.create(ScheduledReport, { tenantId });
    Object.assign(row, { frequency: input.frequency, weekday, time: input.time, email, whatsappTo, inboxId, enabled: input.enabled ?? true, lastError: null });
    return ctx.em.save(row);
  }

  /** The latest due occurrence of a report at `now` and the period it covers, in the tenant's time zone. */
  static period(report: Pick<ScheduledReport, "frequency" | "weekday" | "time">, timezone: string, now: Date): ReportPeriod {
    const local = localTime(now, timezone);
    const [h, m] = report.time.split(":").map(Number) as [number, number];
    const minutes = h * 60 + m;
    let back = 0;
    if (report.frequency === "DAILY") back = local.minutes >= minutes ? 0 : 1;
    else {
      back = (local.weekday - (report.weekday ?? 1) + 7) % 7;
      if (back === 0 && local.minutes < minutes) back = 7;
    }
    const occurrenceDay = addDays(local.date, -back);
    const length = report.frequency === "DAILY" ? 1 : 7;
    return {
      occurrence: zoned(occurrenceDay, minutes, timezone),
      end: zoned(occurrenceDay, 0, timezone),
      start: zoned(addDays(occurrenceDay, -length), 0, timezone),
      previousStart: zoned(addDays(occurrenceDay, -2 * length), 0, timezone),
    };
  }

  /** The sweep: enqueues one send per report whose occurrence came and whose period was not sent. */
  async sweep(now = new Date()): Promise<number> {
    const rows = await this.d.ds.manager.find(ScheduledReport, { where: { enabled: true } });
    let due = 0;
    for (const row of rows) {
      const { timezone } = await this.d.settings.get(this.d.systemContext(row.tenantId), row.tenantId);
      const p = ScheduledReports.period(row, timezone, now);
      // A report set up after this occurrence starts with the next one.
      if (p.occurrence < row.createdAt || row.lastPeriodStart === p.start.toISOString()) continue;
      due++;
      const job: ReportJob = { reportId: row.id, start: p.start.toISOString(), end: p.end.toISOString(), previousStart: p.previousStart.toISOString() };
      await this.d.jobs.enqueue(REPORT_JOBS.send, job, { jobId: `report:${row.id}:${job.start}`, attempts: 3 });
    }
    return due;
  }

  /** Sends one period's report. The period is claimed first, so a duplicate job sends nothing. */
  async send({ reportId, start: periodStart, end: periodEnd, previousStart: prevStart }: ReportJob, attempt: number): Promise<void> {
    const em = this.d.ds.manager;
    const row = await em.findOne(ScheduledReport, { where: { id: reportId } });
    if (!row?.enabled) return;
    const previousClaim = row.lastPeriodStart;
    const claimed = (await em.query(`UPDATE scheduled_reports SET last_period_start = $2 WHERE id = $1 AND last_period_start IS DISTINCT FROM $2 RETURNING id`, [reportId, periodStart])) as unknown[];
    if (!claimedRows(claimed)) return;
    const ctx = this.d.systemContext(row.tenantId);
    try {
      const { timezone } = await this.d.settings.get(ctx, row.tenantId);
      const [start, end, previousStart] = [new Date(periodStart), new Date(periodEnd), new Date(prevStart)];
      const [current, previous] = [await this.d.analytics.totals(ctx, { from: start, to: end }, timezone), await this.d.analytics.totals(ctx, { from: previousStart, to: start }, timezone)];
      const [tenant] = (await em.query(`SELECT name FROM tenants WHERE id = $1`, [row.tenantId])) as Array<{ name: string }>;
      const text = reportText({ tenantName: tenant?.name ?? "", frequency: row.frequency, start, end, previousStart, timezone, current, previous });
      if (row.email) await this.sendEmail(row, text);
      if (row.whatsappTo && row.inboxId) await this.sendWhatsApp(row, text.body);
      await em.update(ScheduledReport, { id: row.id }, { lastSentAt: new Date(), lastError: null });
    } catch (err) {
      this.d.logger.warn({ err, reportId, attempt }, "scheduled report failed");
      // Released, so the retry (or the next sweep) can send this period.
      await em.update(ScheduledReport, { id: row.id }, { lastPeriodStart: previousClaim, lastError: err instanceof Error ? err.message.slice(0, 300) : "falha no envio" });
      throw err;
    }
  }

  private async sendEmail(row: ScheduledReport, text: { subject: string; body: string }): Promise<void> {
    const inbox = await this.d.ds.manager.findOne(Inbox, { where: { tenantId: row.tenantId, provider: InboxProvider.EMAIL, channel: ChannelType.EMAIL }, order: { createdAt: "ASC" } });
    const messageId = (domain: string) => `${crypto.randomUUID()}@${domain}`;
    const mail = (address: string, name: string) => ({ from: { name, address }, to: row.email!, subject: text.subject, text: text.body, messageId: messageId(address.split("@")[1]!), inReplyTo: null, references: [], automatic: true });
    if (inbox && !inbox.disabledAt) {
      const rt = this.d.inboxes.runtime<EmailConfig>(inbox);
      // The tenant's own SMTP is a tenant-given host: resolved through the SSRF guard.
      const connectTo = await rt.resolveHost(rt.config.smtp.host);
      await sendMail(rt.config.smtp, connectTo, mail(rt.config.address, inbox.name));
      return;
    }
    if (!this.d.smtp) throw new Error("Nenhuma caixa de e-mail ativa nem PLATFORM_SMTP_URL configurado para enviar o relatório.");
    await sendMail(this.d.smtp, this.d.smtp.host, mail(this.d.mailFrom, "Atende"));
  }

  private async sendWhatsApp(row: ScheduledReport, body: string): Promise<void> {
    const inbox = await this.d.ds.manager.findOne(Inbox, { where: { id: row.inboxId!, tenantId: row.tenantId } });
    if (!inbox || inbox.disabledAt) throw new Error("A caixa de WhatsApp do relatório não existe mais ou está desativada.");
    const channel = channelFor(inbox.provider);
    const to = row.whatsappTo!;
    const message = {
      id: crypto.randomUUID(), tenantId: row.tenantId, sessionId: null, direction: MessageDirection.OUTBOUND, sender: MessageSender.SYSTEM, type: MessageType.TEXT, text: body,
      attachment: null, quoted: null, template: null,
    } as unknown as OutgoingMessage;
    await channel.send(this.d.inboxes.runtime(inbox), { waId: to.includes("@") ? to : null, phone: to.includes("@") ? null : `+${to}`, email: null, name: "" }, message);
  }
}

function claimedRows(result: unknown): number {
  // TypeORM returns [rows, count] for UPDATE … RETURNING on Postgres, rows alone on PGlite.
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === "number") return result[1];
  return Array.isArray(result) ? result.length : 0;
}
