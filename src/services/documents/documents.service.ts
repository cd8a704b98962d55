import type { Readable } from "node:stream";
import { In, type DataSource } from "typeorm";
import { inTransaction, requirePrincipal, type RequestContext } from "../../context";
import { Client } from "../../entities/client";
import { Document } from "../../entities/document";
import { Message } from "../../entities/message";
import { Ticket } from "../../entities/ticket";
import { TicketComment } from "../../entities/ticket-comment";
import type { Config } from "../../config";
import type { JobQueue } from "../../infra/jobs";
import type { Logger } from "../../infra/logger";
import { gauge, histogram, secondsSince, SLOW_BUCKETS } from "../../infra/metrics";
import { newStorageKey, type Storage } from "../../infra/storage";
import { DomainError, Errors } from "../../schema/errors";
import { DocumentKind, OcrStatus } from "../../schema/enums";
import type { Events } from "../events";
import { OcrEngine, UnsupportedDocumentError } from "../ocr/ocr-engine";
import { findOwnedOrNull, isUuid } from "../scoped";
import { detectFileType, type DocumentMime } from "./file-type";
import { readDocument } from "./read-document";
import { documentDoneComment, documentFailedComment, guessKind, sanitizeFilename } from "./summary";

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
const SUPPORTED = "Envie uma imagem (PNG, JPEG, WebP, TIFF) ou um PDF.";

/** What graphql-upload-minimal resolves an `Upload` argument to. */
export interface FileUploadLike {
  filename: string;
  createReadStream(): Readable;
}

export interface UploadDocumentInput { kind: DocumentKind; clientId?: string | null; ticketId?: string | null }

export interface IngestMessageMediaInput {
  tenantId: string;
  clientId: string | null;
  messageId: string;
  data: Buffer;
  /** Where the message's media already is: the document shares the file instead of a second copy. */
  storageKey?: string | null;
  mimeType?: string | null;
  fileName?: string | null;
  kind?: DocumentKind;
}

export class FileTooLargeError extends Error {}

/**
 * Reads an upload into memory, counting bytes while it streams: past `maxBytes` it
 * stops at once, and a stream the multipart parser truncated at its own limit is
 * rejected too, so a cut-off file is never stored or read.
 */
export async function readLimited(stream: Readable & { truncated?: boolean }, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    total += buf.length;
    if (total > maxBytes) {
      stream.destroy();
      throw new FileTooLargeError();
    }
    chunks.push(buf);
  }
  if (stream.truncated) throw new FileTooLargeError();
  return Buffer.concat(chunks, total);
}

export interface DocumentsDeps {
  ds: DataSource;
  config: Config;
  logger: Logger;
  storage: Storage;
  jobs: JobQueue;
  events: Events;
  /** Context for work done on a tenant's behalf (the OCR job). */
  systemContext: (tenantId: string) => RequestContext;
}

/**
 * Documents: upload (stored + PENDING row, OCR enqueued), the OCR job (text, fields,
 * LGPD sensitivity; ticket comment / message text when done) and the media intake
 * used by the messaging channels.
 */
export class DocumentsService {
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

  get(ctx: RequestContext, id: string): Promise<Document | null> {
    return findOwnedOrNull(ctx, Document, id);
  }

  async upload(ctx: RequestContext, file: FileUploadLike | Promise<FileUploadLike>, input: UploadDocumentInput): Promise<Document> {
    const p = requirePrincipal(ctx);
    const kind = input.kind ?? DocumentKind.OTHER;
    const { clientId, ticketId } = await this.resolveOwner(ctx, input);
    const { data, mime, filename } = await this.readUpload(file);
    return this.store(ctx, { tenantId: p.tenantId, clientId, ticketId, messageId: null, data, mime, filename, kind });
  }

  /**
   * An upload read with the platform's checks: the size limit while it streams and the
   * real type from its bytes (images and PDF). Errors are BAD_USER_INPUT naming `field`.
   */
  async readUpload(file: FileUploadLike | Promise<FileUploadLike>, field = "file"): Promise<{ data: Buffer; mime: DocumentMime; filename: string }> {
    const maxBytes = this.deps.config.uploads.maxBytes;
    let upload: FileUploadLike;
    let data: Buffer;
    try {
      upload = await file;
      data = await readLimited(upload.createReadStream() as Readable & { truncated?: boolean }, maxBytes);
    } catch (err) {
      if (err instanceof FileTooLargeError || (err as { status?: number }).status === 413) throw tooLarge(maxBytes, field);
      // Missing file, malformed multipart part, aborted upload: the client's request is at fault.
      this.deps.logger.debug({ err }, "upload rejected");
      throw Errors.badInput(field, "Arquivo ausente ou inválido.");
    }
    if (!data.length) throw Errors.badInput(field, "O arquivo está vazio.");
    const mime = detectFileType(data);
    if (!mime) throw Errors.badInput(field, `Tipo de arquivo não suportado. ${SUPPORTED}`);
    return { data, mime, filename: sanitizeFilename(upload.filename) };
  }

  /**
   * Media received in a conversation (WhatsApp image/document): stored and read like
   * an upload when it is a supported document type; returns null otherwise (the
   * caller keeps it as plain media). The OCR text lands in `messages.extracted_text`.
   */
  async ingestMessageMedia(ctx: RequestContext, input: IngestMessageMediaInput): Promise<Document | null> {
    const mime = detectFileType(input.data);
    if (!mime || !input.data.length || input.data.length > this.deps.config.uploads.maxBytes) return null;
    const message = await ctx.em.findOne(Message, { where: { id: input.messageId, tenantId: input.tenantId } });
    if (!message) throw Errors.notFound("Mensagem");
    const filename = sanitizeFilename(input.fileName, `whatsapp-${input.messageId.slice(0, 8)}`);
    return this.store(ctx, {
      tenantId: input.tenantId,
      clientId: input.clientId,
      ticketId: null,
      messageId: message.id,
      data: input.data,
      existingKey: input.storageKey ?? null,
      mime,
      filename,
      kind: input.kind ?? (guessKind(input.fileName) as DocumentKind),
    });
  }

  private async resolveOwner(ctx: RequestContext, input: UploadDocumentInput): Promise<{ clientId: string | null; ticketId: string | null }> {
    let clientId: string | null = null;
    let ticketId: string | null = null;
    if (input.ticketId) {
      const ticket = await findOwnedOrNull(ctx, Ticket, input.ticketId);
      if (!ticket) throw Errors.badInput("ticketId", "Chamado não encontrado.");
      ticketId = ticket.id;
      clientId = ticket.clientId;
    }
    if (input.clientId) {
      const client = await findOwnedOrNull(ctx, Client, input.clientId);
      if (!client || client.anonymizedAt) throw Errors.badInput("clientId", "Cliente não encontrado.");
      if (clientId && clientId !== client.id) throw Errors.badInput("clientId", "O cliente informado não é o cliente do chamado.");
      clientId = client.id;
    }
    return { clientId, ticketId };
  }

  private async store(
    ctx: RequestContext,
    d: { tenantId: string; clientId: string | null; ticketId: string | null; messageId: string | null; data: Buffer; existingKey?: string | null; mime: string; filename: string; kind: DocumentKind },
  ): Promise<Document> {
    const key = d.existingKey ?? newStorageKey(d.tenantId, "documents", d.mime);
    if (!d.existingKey) await this.deps.storage.put(key, d.data, d.mime);
    let doc: Document;
    try {
      doc = await inTransaction(this.deps.ds, ctx, async (tx) => {
        const row = await tx.em.save(
          tx.em.create(Document, {
            tenantId: d.tenantId,
            clientId: d.clientId,
            ticketId: d.ticketId,
            messageId: d.messageId,
            filename: d.filename,
            mimeType: d.mime,
            size: d.data.length,
            kind: d.kind,
            ocrStatus: OcrStatus.PENDING,
            storageKey: key,
          }),
        );
        if (d.messageId) await tx.em.update(Message, { id: d.messageId, tenantId: d.tenantId }, { documentId: row.id });
        return row;
      });
    } catch (err) {
      if (!d.existingKey) await this.deps.storage.delete(key).catch(() => undefined);
      throw err;
    }
    // After the commit: the job must find the row. A lost enqueue leaves the row PENDING.
    await this.enqueueOcr(doc.id);
    return doc;
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

const HEARTBEAT_MS = 30_000;

function tooLarge(maxBytes: number, field = "file"): DomainError {
  const mb = maxBytes >= 1024 * 1024 ? `${Math.round((maxBytes / (1024 * 1024)) * 10) / 10} MB` : `${Math.round(maxBytes / 1024)} KB`;
  return Errors.badInput(field, `O arquivo excede o limite de ${mb}.`);
}
