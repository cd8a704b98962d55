import { In } from "typeorm";
import { inTransaction } from "../../context";
import { Document } from "../../entities/document";
import { Message } from "../../entities/message";
import { TicketComment } from "../../entities/ticket-comment";
import { gauge, histogram, secondsSince, SLOW_BUCKETS } from "../../infra/metrics";
import { DocumentKind, OcrStatus } from "../../schema/enums";
import { OcrEngine, UnsupportedDocumentError } from "../ocr/ocr-engine";
import { isUuid } from "../scoped";
import type { DocumentsDeps } from "./documents.service";
import { readDocument } from "./read-document";
import { documentDoneComment, documentFailedComment } from "./summary";

export const DOCUMENT_JOBS = { ocr: "documents.ocr" } as const;

const ocrDuration = histogram("atende_ocr_duration_seconds", "Documents read by OCR, by kind and outcome (the OCR queue is atende_jobs_waiting{job=\"documents.ocr\"})", ["kind", "outcome"], SLOW_BUCKETS);
const ocrInProgress = gauge("atende_ocr_in_progress", "Documents being read by OCR in this process");

async function measuredOcr<T>(kind: string, read: () => Promise<T>): Promise<T> {
  ocrInProgress.inc();
  const started = process.hrtime.bigint();
  let outcome = "failed";
  try {
    const result = await read();
    outcome = "done";
    return result;
  } finally {
    ocrDuration.observe({ kind, outcome }, secondsSince(started));
    ocrInProgress.dec();
  }
}
/** OCR retries: storage or engine hiccups; a document that cannot be read fails at once. */
const OCR_ATTEMPTS = 3;
const HEARTBEAT_MS = 30_000;

/**
 * Reading documents: the `documents.ocr` job (text, fields, LGPD sensitivity; a ticket
 * comment or the message's text when done), the OCR pool it uses, and the sweep that
 * picks up jobs lost with a process.
 */
export class DocumentReader {
  private engine: OcrEngine | null = null;
  /** Called once a document's OCR is committed as DONE (CRM reads bill fields into lead qualification). */
  readonly readHooks: Array<(doc: Document) => Promise<void>> = [];

  constructor(private readonly deps: DocumentsDeps) {}

  /** One OCR pool per process, started on the first document. */
  ocrEngine(): OcrEngine {
    return (this.engine ??= new OcrEngine({ workers: this.deps.config.ocr.workers }));
  }

  async shutdown(): Promise<void> {
    const engine = this.engine;
    this.engine = null;
    await engine?.terminate();
  }

  enqueueOcr(documentId: string): Promise<void> {
    return this.deps.jobs.enqueue(DOCUMENT_JOBS.ocr, { documentId }, { jobId: `ocr-${documentId}`, attempts: OCR_ATTEMPTS });
  }

  /**
   * Safety net for OCR jobs lost with a crashed process (the in-process runner keeps
   * jobs in memory): documents waiting too long are enqueued again (the job is
   * idempotent); those that never finish within two hours are FAILED, with a ticket
   * comment, so nothing stays PENDING forever.
   */
  async requeueStale(opts: { orphanedBefore?: Date } = {}): Promise<{ requeued: number; failed: number }> {
    // A running OCR touches its row every HEARTBEAT_MS, so a PROCESSING row left alone for
    // two minutes belongs to a process that is gone. `orphanedBefore` (the start of a
    // single-process embedded server) marks everything older as lost at once.
    const rows: Array<{ id: string; expired: boolean }> = await this.deps.ds.query(
      `SELECT id, created_at < now() - interval '2 hours' AS expired FROM documents
       WHERE ocr_status IN ('PENDING', 'PROCESSING')
         AND (updated_at < now() - interval '2 minutes' OR updated_at < $1::timestamptz)
       ORDER BY updated_at LIMIT 200`,
      [(opts.orphanedBefore ?? new Date(0)).toISOString()],
    );
    let failed = 0;
    for (const r of rows) {
      const doc = r.expired ? await this.deps.ds.manager.findOne(Document, { where: { id: r.id } }) : null;
      if (!doc) {
        await this.enqueueOcr(r.id);
        continue;
      }
      await this.finishFailed(doc, "o processamento não terminou a tempo; envie o arquivo novamente.");
      failed++;
    }
    return { requeued: rows.length - failed, failed };
  }

  /**
   * The `documents.ocr` job. Idempotent: DONE/FAILED documents are skipped, and the
   * final write only applies to a row still PROCESSING, so a rerun never doubles the
   * ticket comment.
   */
  async runOcr(data: unknown, meta: { attempt: number }): Promise<void> {
    const documentId = (data as { documentId?: unknown })?.documentId;
    if (!isUuid(documentId)) return;
    const { ds, storage, logger } = this.deps;
    const doc = await ds.manager.findOne(Document, { where: { id: documentId } });
    if (!doc || doc.ocrStatus === OcrStatus.DONE || doc.ocrStatus === OcrStatus.FAILED) return;
    if (!doc.storageKey) return this.finishFailed(doc, "o arquivo não está mais disponível.");
    await ds.manager.update(Document, { id: doc.id, ocrStatus: In([OcrStatus.PENDING, OcrStatus.PROCESSING]) }, { ocrStatus: OcrStatus.PROCESSING });
    const last = meta.attempt >= OCR_ATTEMPTS;
    let buf: Buffer;
    try {
      buf = await storage.get(doc.storageKey);
    } catch (err) {
      logger.warn({ err, documentId: doc.id, attempt: meta.attempt }, "document file unreadable");
      if (!last) throw err;
      return this.finishFailed(doc, "não foi possível abrir o arquivo armazenado.");
    }
    const started = Date.now();
    // Heartbeat: the sweep tells a running OCR from one lost with its process by this.
    const heartbeat = setInterval(() => {
      void ds.manager.update(Document, { id: doc.id, ocrStatus: OcrStatus.PROCESSING }, { ocrStatus: OcrStatus.PROCESSING }).catch(() => undefined);
    }, HEARTBEAT_MS);
    heartbeat.unref();
    try {
      const classify = doc.messageId ? { hints: await this.hintsFor(doc) } : undefined;
      const result = await measuredOcr(doc.kind, () => readDocument(this.ocrEngine(), buf, doc.kind, { mime: doc.mimeType, classify }));
      logger.info({ documentId: doc.id, kind: result.kind, ms: Date.now() - started, passes: result.passes, confidence: result.ocr.confidence }, "document read");
      doc.kind = result.kind as DocumentKind;
      await this.finishDone(doc, {
        ocrText: result.ocr.text,
        ocrConfidence: Math.round(result.ocr.confidence * 10_000) / 10_000,
        fields: result.kind === DocumentKind.OTHER ? null : (result.extraction.fields as Record<string, string | number | null>),
        sensitive: result.sensitive,
      });
    } catch (err) {
      if (err instanceof UnsupportedDocumentError) return this.finishFailed(doc, "formato de documento não suportado.");
      logger.warn({ err, documentId: doc.id, attempt: meta.attempt }, "document OCR failed");
      if (!last) throw err;
      return this.finishFailed(doc, "o arquivo está corrompido ou ilegível.");
    } finally {
      clearInterval(heartbeat);
    }
  }

  /**
   * What the client said about a file sent in a conversation: its name, its caption and their
   * previous message when it came just before ("segue a conta de luz", then the photo).
   */
  private async hintsFor(doc: Document): Promise<string> {
    const rows: Array<{ text: string | null }> = await this.deps.ds.query(
      `SELECT p.text FROM messages m JOIN messages p ON p.session_id = m.session_id
       WHERE m.id = $1 AND p.direction = 'INBOUND' AND p.created_at <= m.created_at AND p.created_at > m.created_at - interval '15 minutes'
       ORDER BY p.created_at DESC LIMIT 3`,
      [doc.messageId],
    );
    return [doc.filename, ...rows.map((r) => r.text ?? "")].join("\n");
  }

  private async finishDone(doc: Document, r: { ocrText: string; ocrConfidence: number; fields: Record<string, string | number | null> | null; sensitive: boolean }): Promise<void> {
    const ctx = this.deps.systemContext(doc.tenantId);
    const done = await inTransaction(this.deps.ds, ctx, async (tx) => {
      const res = await tx.em
        .createQueryBuilder()
        .update(Document)
        .set({ ocrStatus: OcrStatus.DONE, kind: doc.kind, ocrText: r.ocrText, ocrConfidence: r.ocrConfidence, fields: r.fields as never, sensitive: r.sensitive, error: null })
        .where("id = :id AND ocr_status = :processing AND storage_key IS NOT NULL", { id: doc.id, processing: OcrStatus.PROCESSING })
        .execute();
      if (!res.affected) return false;
      if (doc.ticketId) {
        const text = documentDoneComment({ filename: doc.filename, kind: doc.kind, fields: r.fields, ocrConfidence: r.ocrConfidence, sensitive: r.sensitive });
        await tx.em.insert(TicketComment, { tenantId: doc.tenantId, ticketId: doc.ticketId, text, system: true });
      }
      if (doc.messageId) await tx.em.update(Message, { id: doc.messageId, tenantId: doc.tenantId }, { extractedText: r.ocrText });
      await this.deps.events.document(tx, doc.tenantId, doc.id);
      return true;
    });
    if (done) for (const hook of this.readHooks) await hook({ ...doc, ocrStatus: OcrStatus.DONE, fields: r.fields, ocrText: r.ocrText } as Document);
  }

  private async finishFailed(doc: Document, reason: string): Promise<void> {
    const ctx = this.deps.systemContext(doc.tenantId);
    const error = `Não foi possível ler o documento: ${reason}`;
    await inTransaction(this.deps.ds, ctx, async (tx) => {
      const res = await tx.em
        .createQueryBuilder()
        .update(Document)
        .set({ ocrStatus: OcrStatus.FAILED, error })
        .where("id = :id AND ocr_status IN (:...open)", { id: doc.id, open: [OcrStatus.PENDING, OcrStatus.PROCESSING] })
        .execute();
      if (!res.affected) return;
      if (doc.ticketId) await tx.em.insert(TicketComment, { tenantId: doc.tenantId, ticketId: doc.ticketId, text: documentFailedComment(doc, reason), system: true });
      await this.deps.events.document(tx, doc.tenantId, doc.id);
    });
  }
}
