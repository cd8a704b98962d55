import { Client } from "../../entities/client";
import { Inbox } from "../../entities/inbox";
import type { Message } from "../../entities/message";
import type { Session } from "../../entities/session";
import { requirePrincipal, type RequestContext } from "../../context";
import { DomainError, Errors } from "../../schema/errors";
import { ChannelType, ConsentPurpose, Role, MessageSender } from "../../schema/enums";
import type { ConsentsService } from "../consents/consents.service";
import { findOwnedOrNull } from "../scoped";
import { requiredText } from "../validation/input";
import type { ComposeInput, OutboundComposer } from "./outbound-composer";
import type { SessionsService } from "./sessions.service";

const PROACTIVE_PURPOSES = [ConsentPurpose.WHATSAPP_CONTACT, ConsentPurpose.MARKETING];

/**
 * Messages the business starts (follow-ups, campaigns). LGPD: they go out only with
 * the client's consent for that purpose; without it nothing is stored or sent.
 */
export class ProactiveService {
  constructor(private readonly consents: ConsentsService, private readonly sessions: SessionsService, private readonly composer: OutboundComposer) {}

  async send(ctx: RequestContext, input: { clientId: string; inboxId: string; text?: string | null; purpose?: ConsentPurpose | null; attachments?: ComposeInput["attachments"]; documentIds?: string[] | null }): Promise<Message> {
    const p = requirePrincipal(ctx);
    const purpose = input.purpose ?? ConsentPurpose.WHATSAPP_CONTACT;
    if (!PROACTIVE_PURPOSES.includes(purpose)) throw Errors.badInput("purpose", "Use WHATSAPP_CONTACT (acompanhamento) ou MARKETING (campanhas).");
    if (!input.attachments?.length && !input.documentIds?.length) requiredText("text", input.text ?? "", 4096, "A mensagem");
    const { session } = await this.prepare(ctx, input.clientId, input.inboxId, purpose);
    const [first] = await this.composer.compose(ctx, session, { text: input.text, attachments: input.attachments, documentIds: input.documentIds, sender: p.userId ? MessageSender.AGENT : MessageSender.SYSTEM, authorId: p.userId });
    return first!;
  }

  /**
   * The checks every business-initiated message passes (client, inbox, consent for `purpose`,
   * the agent's right to write in an open conversation) and the session it goes into.
   */
  async prepare(ctx: RequestContext, clientId: string, inboxId: string, purpose: ConsentPurpose): Promise<{ client: Client; inbox: Inbox; session: Session }> {
    const p = requirePrincipal(ctx);
    const client = await findOwnedOrNull(ctx, Client, clientId);
    if (!client || client.anonymizedAt) throw Errors.badInput("clientId", "Cliente não encontrado.");
    const inbox = await findOwnedOrNull(ctx, Inbox, inboxId);
    if (!inbox) throw Errors.badInput("inboxId", "Caixa de entrada não encontrada.");
    if (inbox.disabledAt) throw Errors.badInput("inboxId", "A caixa de entrada está desativada.");
    if (inbox.channel === ChannelType.WHATSAPP && !client.waId && !client.phone) throw Errors.badInput("clientId", "O cliente não tem telefone cadastrado para receber mensagens pelo WhatsApp.");
    if (!(await this.consents.has(ctx, client.id, purpose))) {
      throw new DomainError("FORBIDDEN", `O cliente não deu consentimento para ${purpose === ConsentPurpose.MARKETING ? "mensagens de marketing" : "contato pelo WhatsApp"}.`, { reason: "CONSENT_REQUIRED", purpose });
    }
    const session = await this.sessions.start(ctx, { clientId: client.id, channel: inbox.channel, inboxId: inbox.id });
    // The client's conversation may be open already: an agent writes only where sendAgentMessage would let them.
    if (p.role === Role.AGENT && session.assignedAgentId && session.assignedAgentId !== p.userId) {
      throw Errors.forbidden("A conversa deste cliente está com outro agente; só ele ou um supervisor pode escrever nela.");
    }
    return { client, inbox, session };
  }
}
