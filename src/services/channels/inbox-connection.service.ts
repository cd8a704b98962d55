import type { RequestContext } from "../../context";
import { channelFor } from "../../channels";
import type { ConnectResult } from "../../channels/channel";
import { Errors } from "../../schema/errors";
import { InboxConnectionState } from "../../schema/enums";
import type { Inbox } from "../../entities/inbox";
import type { InboxesService } from "./inboxes.service";
import { providerFailure } from "./provider-errors";

/**
 * Pairing a WhatsApp device with an inbox (Evolution): QR code or pairing code, logout and
 * restart. The connection opening is learnt from the provider's connection.update webhook,
 * which publishes inboxUpdated.
 */
export class InboxConnectionService {
  constructor(private readonly inboxes: InboxesService) {}

  async connect(ctx: RequestContext, id: string, phoneNumber?: string | null): Promise<ConnectResult> {
    const inbox = await this.usable(ctx, id);
    const channel = channelFor(inbox.provider);
    if (!channel.connect) throw Errors.badInput("id", "Esta caixa de entrada não se conecta por QR code: a conexão é feita no painel do provedor.");
    const digits = phoneNumber ? phoneNumber.replace(/\D/g, "") : "";
    if (phoneNumber && !/^\d{10,15}$/.test(digits)) throw Errors.badInput("phoneNumber", "Informe o número com DDI e DDD, por exemplo +55 11 98765-4321.");
    let result: ConnectResult;
    try {
      result = await channel.connect(this.inboxes.runtime(inbox), { phoneNumber: digits || null });
    } catch (err) {
      throw providerFailure(err, "gerar o QR code");
    }
    await this.inboxes.setConnectionState(ctx, inbox, InboxConnectionState[result.state]);
    return result;
  }

  /** Unlinks the phone: a new QR code is needed afterwards. */
  logout(ctx: RequestContext, id: string): Promise<Inbox> {
    return this.lifecycle(ctx, id, "logout", "Esta caixa de entrada não tem sessão a desconectar.", "desconectar o WhatsApp", InboxConnectionState.DISCONNECTED);
  }

  restart(ctx: RequestContext, id: string): Promise<Inbox> {
    return this.lifecycle(ctx, id, "restart", "Esta caixa de entrada não pode ser reiniciada.", "reiniciar a instância", InboxConnectionState.CONNECTING);
  }

  private async lifecycle(ctx: RequestContext, id: string, op: "logout" | "restart", unsupported: string, what: string, after: InboxConnectionState): Promise<Inbox> {
    const inbox = await this.usable(ctx, id);
    const channel = channelFor(inbox.provider);
    const call = channel[op];
    if (!call) throw Errors.badInput("id", unsupported);
    try {
      await call(this.inboxes.runtime(inbox));
    } catch (err) {
      throw providerFailure(err, what);
    }
    await this.inboxes.setConnectionState(ctx, inbox, after, op);
    return inbox;
  }

  private async usable(ctx: RequestContext, id: string): Promise<Inbox> {
    const inbox = await this.inboxes.get(ctx, id);
    if (inbox.disabledAt) throw Errors.conflict("A caixa de entrada está desativada; ative-a antes.", "id");
    return inbox;
  }
}
