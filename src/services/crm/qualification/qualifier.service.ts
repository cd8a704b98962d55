import { LessThan, type DataSource } from "typeorm";
import { inTransaction, type RequestContext } from "../../../context";
import { Document } from "../../../entities/document";
import { Lead } from "../../../entities/lead";
import { Message } from "../../../entities/message";
import { Session } from "../../../entities/session";
import type { JobQueue } from "../../../infra/jobs";
import type { Logger } from "../../../infra/logger";
import { MessageDirection, MessageSender, MessageType } from "../../../schema/enums";
import { isUuid } from "../../scoped";
import type { SettingsService } from "../../settings/settings.service";
import type { FoundValue, LeadsService } from "../leads.service";
import { coerceValue } from "../pipeline-config";
import type { PipelineService } from "../pipeline.service";
import type { LlmLeadExtractor, TranscriptLine } from "./llm";
import { extractByRules } from "./rules";

export const QUALIFY_JOB = "crm.qualify-lead";
const TRANSCRIPT_MESSAGES = 12;

interface QualifyJob { tenantId: string; messageId?: string; documentId?: string }

/**
 * Fills a lead's qualification fields from its conversation and documents, in a job
 * (never in the inbound path): with the tenant's language model when it answers
 * with one, else (and on any model failure) with the rules; from a document's OCR
 * fields mapped by the tenant (e.g. UTILITY_BILL.totalAmount → contaMensal).
 */
export class LeadQualifier {
  constructor(
    private readonly ds: DataSource,
    private readonly deps: {
      leads: LeadsService;
      pipelines: PipelineService;
      settings: SettingsService;
      llm: LlmLeadExtractor | null;
      jobs: JobQueue;
      logger: Logger;
      systemContext: (tenantId: string) => RequestContext;
      addUsage: (ctx: RequestContext, sessionId: string, usage: { model: string; inputTokens: number; outputTokens: number }, provider: string) => Promise<void>;
    },
  ) {}

  /** MessagesService inbound hook (after commit): only clients with an open lead cost a job. */
  onClientMessage = async (_ctx: RequestContext, message: Message, session: Session): Promise<void> => {
    try {
      // The message's transaction is over: read outside it.
      if (!(await this.deps.leads.openLeadOf(this.deps.systemContext(session.tenantId), session.tenantId, session.clientId))) return;
      await this.deps.jobs.enqueue(QUALIFY_JOB, { tenantId: session.tenantId, messageId: message.id } satisfies QualifyJob, { jobId: `crm-qualify:${message.id}` });
    } catch (err) {
      this.deps.logger.warn({ err, messageId: message.id }, "lead qualification not scheduled");
    }
  };

  /** DocumentsService hook: a document read by OCR for a client with an open lead. */
  onDocumentRead = async (doc: Document): Promise<void> => {
    if (!doc.clientId || !doc.fields) return;
    try {
      const ctx = this.deps.systemContext(doc.tenantId);
      if (!(await this.deps.leads.openLeadOf(ctx, doc.tenantId, doc.clientId))) return;
      await this.deps.jobs.enqueue(QUALIFY_JOB, { tenantId: doc.tenantId, documentId: doc.id } satisfies QualifyJob, { jobId: `crm-qualify-doc:${doc.id}` });
    } catch (err) {
      this.deps.logger.warn({ err, documentId: doc.id }, "lead qualification not scheduled");
    }
  };

  /** The job. Idempotent: the same values found again change nothing. */
  async run(data: unknown): Promise<void> {
    const job = data as QualifyJob;
    if (!isUuid(job?.tenantId)) return;
    const ctx = this.deps.systemContext(job.tenantId);
    if (isUuid(job.messageId)) await this.fromMessage(ctx, job.tenantId, job.messageId);
    else if (isUuid(job.documentId)) await this.fromDocument(ctx, job.tenantId, job.documentId);
  }

  private async fromMessage(ctx: RequestContext, tenantId: string, messageId: string): Promise<void> {
    const message = await ctx.em.findOne(Message, { where: { id: messageId, tenantId } });
    if (!message) return;
    const session = await ctx.em.findOneByOrFail(Session, { id: message.sessionId });
    const view = await this.deps.pipelines.get(ctx, tenantId);
    if (!view.qualificationFields.length) return;
    const recent = (await ctx.em.find(Message, { where: { sessionId: session.id, createdAt: LessThan(new Date(message.createdAt.getTime() + 1)) }, order: { createdAt: "DESC", id: "DESC" }, take: TRANSCRIPT_MESSAGES })).reverse();
    const settings = await this.deps.settings.get(ctx, tenantId);
    let found: Record<string, FoundValue> = {};
    if (this.deps.llm && settings.aiProvider !== "rules") {
      try {
        const { values, usage } = await this.deps.llm.extract(view.qualificationFields, recent.map(line).filter((l): l is TranscriptLine => Boolean(l)), settings.aiModel);
        if (usage) await this.deps.addUsage(ctx, session.id, usage, "openai");
        found = mapFound(values, "llm", { messageId });
      } catch (err) {
        this.deps.logger.warn({ err: (err as Error).message, messageId }, "lead extraction by the model failed; rules used");
      }
    }
    if (!Object.keys(found).length) {
      const previous = [...recent].reverse().find((m) => m.direction === MessageDirection.OUTBOUND && m.createdAt <= message.createdAt && m.id !== message.id)?.text ?? null;
      found = mapFound(extractByRules(view.qualificationFields, textOf(message), previous), "message", { messageId });
    }
    await this.apply(ctx, session.clientId, found, session.id);
  }

  private async fromDocument(ctx: RequestContext, tenantId: string, documentId: string): Promise<void> {
    const doc = await ctx.em.findOne(Document, { where: { id: documentId, tenantId } });
    if (!doc?.clientId || !doc.fields) return;
    const view = await this.deps.pipelines.get(ctx, tenantId);
    const found: Record<string, FoundValue> = {};
    for (const field of view.qualificationFields) {
      const [kind, name] = (field.documentField ?? "").split(".");
      if (kind !== doc.kind || !name) continue;
      try {
        const value = coerceValue(field, doc.fields[name]);
        if (value !== null) found[field.key] = { value, source: "document", documentId: doc.id };
      } catch {
        // a field OCR read as something else is not an answer
      }
    }
    await this.apply(ctx, doc.clientId, found, null);
  }

  private async apply(ctx: RequestContext, clientId: string, found: Record<string, FoundValue>, sessionId: string | null): Promise<void> {
    await inTransaction(this.ds, ctx, async (tx) => {
      const open = await this.deps.leads.openLeadOf(tx, ctx.principal!.tenantId, clientId);
      if (!open) return;
      const lead = await this.deps.leads.lock(tx, open.id);
      if (sessionId && !lead.sessionId) {
        lead.sessionId = sessionId;
        await tx.em.update(Lead, { id: lead.id }, { sessionId });
      }
      if (!Object.keys(found).length) return;
      await this.deps.leads.applyFound(tx, lead, await this.deps.pipelines.get(tx, lead.tenantId), found);
    });
  }
}

function textOf(m: Message): string {
  // A transcribed voice note counts as what the client said.
  return [m.text, m.type === MessageType.AUDIO ? m.extractedText : null].filter(Boolean).join("\n");
}

function line(m: Message): TranscriptLine | null {
  const text = m.direction === MessageDirection.INBOUND ? textOf(m) : m.text;
  if (!text) return null;
  return { from: m.direction === MessageDirection.INBOUND && m.sender === MessageSender.CLIENT ? "cliente" : "empresa", text };
}

function mapFound(values: Record<string, FoundValue["value"]>, source: FoundValue["source"], ref: { messageId?: string }): Record<string, FoundValue> {
  return Object.fromEntries(Object.entries(values).map(([k, value]) => [k, { value, source, ...ref }]));
}
