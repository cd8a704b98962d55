import type { Inbox } from "../../entities/inbox";
import type { Session } from "../../entities/session";
import { channelFor } from "../../channels";
import { DomainError } from "../../schema/errors";

/**
 * WhatsApp's customer-service window (Cloud API): free-form messages may go out only within
 * 24 hours of the client's last message; after that only approved templates. Null: the
 * session's channel has no such window. A date in the past: the window is closed.
 */
export function windowClosesAt(session: Pick<Session, "lastClientMessageAt" | "createdAt">, inbox: Pick<Inbox, "provider"> | null): Date | null {
  const hours = inbox ? channelFor(inbox.provider).replyWindowHours : undefined;
  if (!hours) return null;
  // A conversation the business started has no window until the client writes.
  if (!session.lastClientMessageAt) return session.createdAt;
  return new Date(session.lastClientMessageAt.getTime() + hours * 3600_000);
}

export const WINDOW_CLOSED = "WINDOW_CLOSED";

export function windowClosedMessage(closedAt: Date | null): string {
  const when = closedAt ? ` (fechou em ${closedAt.toLocaleString("pt-BR", { timeZone: "America/Sao_Paulo" })})` : "";
  return `A janela de 24 horas do WhatsApp está fechada${when}: o cliente não escreve há mais de 24 horas. Envie um modelo de mensagem aprovado (sendTemplateMessage).`;
}

/** Refuses a free-form message when the platform knows the window is closed. */
export function assertWindowOpen(session: Pick<Session, "lastClientMessageAt" | "createdAt">, inbox: Pick<Inbox, "provider"> | null, now = new Date()): void {
  const closes = windowClosesAt(session, inbox);
  if (closes && closes <= now) {
    throw new DomainError("CONFLICT", windowClosedMessage(closes), { reason: WINDOW_CLOSED, windowClosesAt: closes.toISOString() });
  }
}
