import type { Readable } from "node:stream";
import type { DataSource } from "typeorm";
import { inTransaction, requirePrincipal, type RequestContext } from "../../context";
import { Client } from "../../entities/client";
import { Document } from "../../entities/document";
import { Message } from "../../entities/message";
import { Ticket } from "../../entities/ticket";
import type { Config } from "../../config";
import type { JobQueue } from "../../infra/jobs";
import type { Logger } from "../../infra/logger";
import { newStorageKey, type Storage } from "../../infra/storage";
import { DomainError, Errors } from "../../schema/errors";
import { DocumentKind, OcrStatus } from "../../schema/enums";
import type { Events } from "../events";
import { findOwnedOrNull } from "../scoped";
import { DocumentReader } from "./document-reader";
import { detectFileType, type DocumentMime } from "./file-type";
import { guessKind, sanitizeFilename } from "./summary";

export { DOCUMENT_JOBS } from "./document-reader";

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
 * Documents: upload (stored + PENDING row, OCR enqueued) and the media intake used by
 * the messaging channels. Reading them (the OCR job) is `DocumentReader`.
 */
export class DocumentsService {
  /** Reading documents (the OCR job, its sweep and the OCR pool). */
  readonly reader: DocumentReader;

  constructor(private readonly deps: DocumentsDeps) {
    this.reader = new DocumentReader(deps);
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
    await this.reader.enqueueOcr(doc.id);
    return doc;
  }
}


function tooLarge(maxBytes: number, field = "file"): DomainError {
  const mb = maxBytes >= 1024 * 1024 ? `${Math.round((maxBytes / (1024 * 1024)) * 10) / 10} MB` : `${Math.round(maxBytes / 1024)} KB`;
  return Errors.badInput(field, `O arquivo excede o limite de ${mb}.`);
}
