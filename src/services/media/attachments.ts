import type { Readable } from "node:stream";
import type { RequestContext } from "../../context";
import { Document } from "../../entities/document";
import type { MessageMedia } from "../../entities/message";
import type { Session } from "../../entities/session";
import type { Config } from "../../config";
import type { Logger } from "../../infra/logger";
import { newStorageKey, type Storage } from "../../infra/storage";
import type { MediaKind, MediaLimits } from "../../channels/channel";
import { DomainError, Errors } from "../../schema/errors";
import { MessageType } from "../../schema/enums";
import { FileTooLargeError, readLimited, type FileUploadLike } from "../documents/documents.service";
import { sanitizeFilename } from "../documents/summary";
import { findOwnedOrNull } from "../scoped";
import { sniffMedia } from "./media-type";

/** A file checked and stored for an outbound message. */
export interface StoredAttachment {
  type: MessageType;
  kind: MediaKind;
  media: MessageMedia;
}

const TYPE_OF: Record<MediaKind, MessageType> = { image: MessageType.IMAGE, audio: MessageType.AUDIO, video: MessageType.VIDEO, document: MessageType.DOCUMENT };
const KIND_LABEL: Record<MediaKind, string> = { image: "imagens", audio: "áudios", video: "vídeos", document: "documentos" };

function mb(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`;
}

/**
 * Files an agent (or the platform) sends in a conversation: read with the upload limit, typed
 * by magic bytes, checked against the channel's limits (size per kind, MIME types) and stored,
 * before any message exists, so a refused file leaves nothing behind.
 */
export class OutboundAttachments {
  constructor(private readonly deps: { config: Config; storage: Storage; logger: Logger }) {}

  /** Reads, checks and stores uploads and existing documents; `field` names the input in errors. */
  async prepare(ctx: RequestContext, session: Session, limits: MediaLimits | undefined, input: { attachments?: Array<FileUploadLike | Promise<FileUploadLike>> | null; documentIds?: string[] | null }): Promise<StoredAttachment[]> {
    const uploads = input.attachments ?? [];
    const documentIds = input.documentIds ?? [];
    if (!uploads.length && !documentIds.length) return [];
    if (!limits) throw Errors.badInput(uploads.length ? "attachments" : "documentIds", "Este canal não envia anexos; envie só texto.");
    if (uploads.length + documentIds.length > 10) throw Errors.badInput("attachments", "Envie no máximo 10 arquivos por vez.");
    const files: Array<{ field: string; data: Buffer; fileName: string | null }> = [];
    for (const [i, upload] of uploads.entries()) files.push({ field: `attachments[${i}]`, ...(await this.readUpload(upload, `attachments[${i}]`)) });
    for (const [i, id] of documentIds.entries()) {
      const doc = await findOwnedOrNull(ctx, Document, id);
      // A document of another client never goes to this one (LGPD).
      if (!doc || !doc.storageKey || (doc.clientId && doc.clientId !== session.clientId)) throw Errors.badInput(`documentIds[${i}]`, "Documento não encontrado.");
      files.push({ field: `documentIds[${i}]`, data: await this.deps.storage.get(doc.storageKey), fileName: doc.filename });
    }
    const checked = files.map((f) => ({ ...f, ...this.check(f.field, f.data, f.fileName, limits) }));
    const stored: StoredAttachment[] = [];
    for (const f of checked) {
      const storageKey = newStorageKey(session.tenantId, "media", f.mimeType);
      await this.deps.storage.put(storageKey, f.data, f.mimeType);
      stored.push({ type: TYPE_OF[f.kind], kind: f.kind, media: { storageKey, mimeType: f.mimeType, fileName: f.fileName, size: f.data.length, voice: f.kind === "audio" ? f.voice : undefined } });
    }
    return stored;
  }

  /** Removes stored files of messages that could not be created. */
  async discard(files: StoredAttachment[]): Promise<void> {
    for (const f of files) if (f.media.storageKey) await this.deps.storage.delete(f.media.storageKey).catch(() => undefined);
  }

  private async readUpload(file: FileUploadLike | Promise<FileUploadLike>, field: string): Promise<{ data: Buffer; fileName: string | null }> {
    const max = this.deps.config.uploads.maxBytes;
    try {
      const upload = await file;
      const data = await readLimited(upload.createReadStream() as Readable & { truncated?: boolean }, max);
      if (!data.length) throw Errors.badInput(field, "O arquivo está vazio.");
      return { data, fileName: upload.filename ? sanitizeFilename(upload.filename) : null };
    } catch (err) {
      if (err instanceof DomainError) throw err;
      if (err instanceof FileTooLargeError || (err as { status?: number }).status === 413) throw Errors.badInput(field, `O arquivo excede o limite de ${mb(max)}.`);
      this.deps.logger.debug({ err }, "attachment rejected");
      throw Errors.badInput(field, "Arquivo ausente ou inválido.");
    }
  }

  private check(field: string, data: Buffer, fileName: string | null, limits: MediaLimits): { mimeType: string; kind: MediaKind; voice: boolean } {
    const sniffed = sniffMedia(data, fileName);
    if (!sniffed) throw Errors.badInput(field, "Tipo de arquivo não suportado pelo WhatsApp. Envie imagem (JPEG, PNG), PDF ou documento do Office, áudio (OGG, MP3, M4A, AAC, AMR) ou vídeo (MP4, 3GP).");
    let { kind } = sniffed;
    // An image format the provider does not show inline (TIFF, WebP on the Cloud API) still goes as a file.
    if (!limits[kind]?.mimeTypes.includes(sniffed.mimeType) && limits.document?.mimeTypes.includes(sniffed.mimeType)) kind = "document";
    const limit = limits[kind];
    if (!limit || !limit.mimeTypes.includes(sniffed.mimeType)) {
      const accepted = limit ? ` Aceitos para ${KIND_LABEL[kind]}: ${limit.mimeTypes.join(", ")}.` : "";
      throw Errors.badInput(field, `Este canal não aceita arquivos ${sniffed.mimeType}.${accepted}`);
    }
    if (data.length > limit.maxBytes) throw Errors.badInput(field, `O arquivo (${mb(data.length)}) excede o limite de ${mb(limit.maxBytes)} do WhatsApp para ${KIND_LABEL[kind]}.`);
    return { mimeType: sniffed.mimeType, kind, voice: sniffed.voice };
  }
}
