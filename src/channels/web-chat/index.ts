import { randomToken } from "../../infra/crypto";
import { ChannelType, InboxProvider } from "../../schema/enums";
import { Errors } from "../../schema/errors";
import { optionalText } from "../../services/validation/input";
import type { Channel } from "../channel";
import { normalizeOrigin } from "./origins";

export type WebChatConfig = {
  kind: "web-chat";
  allowedOrigins: string[];
  /** Launcher and header colour, `#rrggbb`. */
  color: string;
  welcomeText: string | null;
  privacyNoticeUrl: string | null;
  /** Recorded with each visitor's consent. */
  privacyNoticeVersion: string;
};

export const WEB_CHAT_KEY_PREFIX = "wc_";
const DEFAULT_COLOR = "#0b5fff";
const MAX_ORIGINS = 20;

export function webChatSettings(input: Record<string, unknown> | null | undefined, field = "webChat"): Omit<WebChatConfig, "kind"> {
  const w = input ?? {};
  const origins = Array.isArray(w.allowedOrigins) ? (w.allowedOrigins as unknown[]) : [];
  if (!origins.length) throw Errors.badInput(`${field}.allowedOrigins`, "Informe ao menos um site (origem) onde o widget pode ser usado, por exemplo https://www.minhaloja.com.br.");
  if (origins.length > MAX_ORIGINS) throw Errors.badInput(`${field}.allowedOrigins`, `No máximo ${MAX_ORIGINS} origens.`);
  const allowedOrigins = [...new Set(origins.map((o) => {
    const n = typeof o === "string" ? normalizeOrigin(o) : null;
    if (!n) throw Errors.badInput(`${field}.allowedOrigins`, `Origem inválida: "${String(o)}". Use esquema e domínio, sem caminho (https://www.minhaloja.com.br).`);
    return n;
  }))];
  const color = typeof w.color === "string" && w.color.trim() ? w.color.trim().toLowerCase() : DEFAULT_COLOR;
  if (!/^#[0-9a-f]{6}$/.test(color)) throw Errors.badInput(`${field}.color`, "Cor inválida: use o formato #RRGGBB.");
  const privacyNoticeUrl = optionalText(`${field}.privacyNoticeUrl`, w.privacyNoticeUrl as string | null, 500, "O endereço do aviso de privacidade");
  if (privacyNoticeUrl && !/^https?:\/\/[^\s]+$/i.test(privacyNoticeUrl)) throw Errors.badInput(`${field}.privacyNoticeUrl`, "O endereço do aviso de privacidade precisa começar com https://.");
  return {
    allowedOrigins,
    color,
    welcomeText: optionalText(`${field}.welcomeText`, w.welcomeText as string | null, 500, "A mensagem de boas-vindas"),
    privacyNoticeUrl,
    privacyNoticeVersion: optionalText(`${field}.privacyNoticeVersion`, w.privacyNoticeVersion as string | null, 40, "A versão do aviso de privacidade") ?? "1",
  };
}

/**
 * The embeddable web chat (widget.js). Visitors reach it through GraphQL with a
 * token scoped to their one session (services/webchat); replies reach them live
 * over graphql-ws, so "sending" is done once the message is stored and published.
 */
export const webChatChannel: Channel<WebChatConfig> = {
  provider: InboxProvider.WEB_CHAT,
  slug: "web-chat",
  channelType: ChannelType.WEB,

  async configure(input) {
    const config: WebChatConfig = { kind: "web-chat", ...webChatSettings(input.webChat as Record<string, unknown> | null | undefined) };
    // The public key goes in the site's HTML: it routes, it does not authorise.
    return { config, externalId: `${WEB_CHAT_KEY_PREFIX}${randomToken(18)}` };
  },

  webhooks: [],

  async send() {
    return { providerMessageId: null };
  },
};
