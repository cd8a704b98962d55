import type { DataSource } from "typeorm";
import { Inbox } from "../../entities/inbox";
import { Message } from "../../entities/message";
import type { Session } from "../../entities/session";
import { inTransaction, type RequestContext } from "../../context";
import { channelFor } from "../../channels";
import { Errors } from "../../schema/errors";
import { MessageDirection, type MessageSender } from "../../schema/enums";
import type { FileUploadLike } from "../documents/documents.service";
import { assertWindowOpen } from "../channels/reply-window";
import type { OutboundAttachments } from "../media/attachments";
import { findOwnedOrNull } from "../scoped";
import type { MessagesService, NewMessage } from "./messages.service";

export interface ComposeInput {
  text?: string | null;
  attachments?: Array<FileUploadLike | Promise<FileUploadLike>> | null;
  documentIds?: string[] | null;
  replyToMessageId?: string | null;
  sender: MessageSender;
  authorId?: string | null;
}

/** WhatsApp captions are cut at 1024 characters by the Cloud API. */
const CAPTION_MAX = 1024;

/**
 * Turns what a person (or the platform) writes into outbound messages: text, files (one message
 * each, the text as the caption of the first file that takes one) and the quoted message.
 * Everything is checked before anything is stored; the send jobs start after the commit.
 */
export class OutboundComposer {
  constructor(private readonly ds: DataSource, private readonly messages: MessagesService, private readonly files: OutboundAttachments) {}

  async compose(ctx: RequestContext, session: Session, input: ComposeInput): Promise<Message[]> {
    const text = typeof input.text === "string" && input.text.trim() ? input.text.trim() : null;
    if (text && text.length > 4096) throw Errors.badInput("text", "A mensagem deve ter no máximo 4096 caracteres.");
    const hasFiles = Boolean(input.attachments?.length || input.documentIds?.length);
    if (!text && !hasFiles) throw Errors.badInput("text", "Escreva a mensagem ou anexe um arquivo.");
    if (text && hasFiles && text.length > CAPTION_MAX) throw Errors.badInput("text", `A legenda de um anexo deve ter no máximo ${CAPTION_MAX} caracteres.`);
    const inbox = session.inboxId ? await ctx.em.findOne(Inbox, { where: { id: session.inboxId, tenantId: session.tenantId } }) : null;
    if (inbox?.disabledAt) throw Errors.conflict("A caixa de entrada desta conversa está desativada: nada é enviado por ela.");
    const quoted = input.replyToMessageId ? await this.quoted(ctx, session, input.replyToMessageId) : null;
    assertWindowOpen(session, inbox);

    const files = await this.files.prepare(ctx, session, inbox ? channelFor(inbox.provider).mediaLimits : undefined, input);
    const captionAt = files.findIndex((f) => f.kind !== "audio");
    const rows: NewMessage[] = [];
    const base = { direction: MessageDirection.OUTBOUND, sender: input.sender, authorId: input.authorId ?? null };
    if (text && captionAt < 0) rows.push({ ...base, text });
    files.forEach((f, i) => rows.push({ ...base, type: f.type, text: i === captionAt ? text : null, media: { ...f.media, caption: i === captionAt ? text : null } }));
    if (quoted) Object.assign(rows[0]!, { replyToMessageId: quoted.id, replyToProviderId: quoted.providerMessageId });
    try {
      return await inTransaction(this.ds, ctx, async (tx) => {
        const out: Message[] = [];
        for (const row of rows) out.push(await this.messages.append(tx, session.id, row));
        return out;
      });
    } catch (err) {
      await this.files.discard(files);
      throw err;
    }
  }

  private async quoted(ctx: RequestContext, session: Session, id: string): Promise<Message> {
    const message = await findOwnedOrNull(ctx, Message, id);
    if (!message || message.sessionId !== session.id) throw Errors.badInput("replyToMessageId", "Mensagem citada não encontrada nesta conversa.");
    if (!message.providerMessageId && session.inboxId) throw Errors.badInput("replyToMessageId", "Essa mensagem ainda não foi entregue pelo WhatsApp e não pode ser citada.");
    return message;
  }
}
