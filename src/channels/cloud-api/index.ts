import { ProviderError } from "../../infra/providers";
import { ChannelType, InboxProvider } from "../../schema/enums";
import { Errors } from "../../schema/errors";
import { requiredText } from "../../services/validation/input";
import { CredentialsError, rawBody, type Channel, type ChannelRuntime, type MediaLimits, type OutgoingMessage, type Recipient, type WebhookRoute } from "../channel";
import { bodyHash } from "../encoding";
import { safeEqual } from "../signatures";
import type { IntakeItem } from "../types";
import { CloudApiClient } from "./client";
import { cloudEventKey, parseCloudWebhook } from "./parse";
import { verifyCloudSignature } from "./verify";

export type CloudConfig = { kind: "cloud"; phoneNumberId: string; accessToken: string; appSecret: string; verifyToken: string; graphApiUrl?: string; wabaId?: string };

export function cloudClient(rt: ChannelRuntime<CloudConfig>): CloudApiClient {
  const c = rt.config;
  return new CloudApiClient({ phoneNumberId: c.phoneNumberId, accessToken: c.accessToken, graphApiUrl: c.graphApiUrl, breaker: rt.breaker, fetch: rt.fetch, retry: { attempts: 3, baseDelayMs: 200, maxDelayMs: 2000 } });
}

/** Meta's subscription handshake: echo `hub.challenge` when `hub.verify_token` matches. */
const verifySubscription: WebhookRoute<CloudConfig>["handle"] = async (req, res, kit) => {
  const rt = await kit.inbox(req, res);
  if (!rt) return;
  const q = req.query as Record<string, string | undefined>;
  const mode = q["hub.mode"] ?? q.hub_mode;
  const token = q["hub.verify_token"] ?? q.hub_verify_token;
  const challenge = q["hub.challenge"] ?? q.hub_challenge;
  if (mode === "subscribe" && typeof token === "string" && safeEqual(token, rt.config.verifyToken) && typeof challenge === "string") {
    res.status(200).type("text/plain").send(challenge);
  } else res.status(403).type("text/plain").send("forbidden");
};

/** `X-Hub-Signature-256` over the raw bytes; one POST may carry many events. */
const receive: WebhookRoute<CloudConfig>["handle"] = async (req, res, kit) => {
  const rt = await kit.inbox(req, res);
  if (!rt) return;
  const cfg = rt.config;
  const raw = rawBody(req);
  if (!verifyCloudSignature(raw, req.header("x-hub-signature-256"), cfg.appSecret)) return void res.status(401).json({ error: "assinatura_invalida" });
  let body: unknown;
  try {
    body = JSON.parse(raw.toString("utf8"));
  } catch {
    // Signed by Meta but unreadable: keep it (dead letter) and answer 200, or Meta retries for a week.
    await kit.store(rt.inbox, [{ key: `dead:${bodyHash(raw)}`, event: null, dead: "corpo ilegível" }], raw.toString("utf8"));
    return void res.status(200).json({ status: "dead_letter" });
  }
  const items: IntakeItem[] = parseCloudWebhook(body).map((e) => {
    if (e.kind === "invalid") return { key: `dead:${e.dedupeKey ?? bodyHash(raw)}`, event: null, dead: e.reason };
    if (e.phoneNumberId && e.phoneNumberId !== cfg.phoneNumberId) return { key: cloudEventKey(e), event: { kind: "ignored", reason: `phone_number_id ${e.phoneNumberId}` } };
    const { dedupeKey: _k, phoneNumberId: _p, ...event } = e;
    return { key: e.dedupeKey ?? cloudEventKey(e), event: event as IntakeItem["event"] };
  });
  const r = await kit.store(rt.inbox, items, raw.toString("utf8"));
  res.status(200).json({ status: "ok", accepted: r.accepted, duplicates: r.duplicates });
};

const MB = 1024 * 1024;

/** Cloud API media limits (developers.facebook.com › messages › supported media types). */
export const CLOUD_MEDIA_LIMITS: MediaLimits = {
  image: { maxBytes: 5 * MB, mimeTypes: ["image/jpeg", "image/png"] },
  video: { maxBytes: 16 * MB, mimeTypes: ["video/mp4", "video/3gpp"] },
  audio: { maxBytes: 16 * MB, mimeTypes: ["audio/ogg", "audio/mpeg", "audio/mp4", "audio/aac", "audio/amr"] },
  document: { maxBytes: 100 * MB, mimeTypes: ["application/pdf", "text/plain", "application/msword", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/vnd.ms-excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.ms-powerpoint", "application/vnd.openxmlformats-officedocument.presentationml.presentation"] },
};

function waIdOf(to: Recipient): string {
  return to.waId ?? to.phone?.replace(/\D/g, "") ?? "";
}

/** The type-specific part of a Cloud API message (text, media by uploaded id, or template). */
async function contentOf(rt: ChannelRuntime<CloudConfig>, message: OutgoingMessage): Promise<Record<string, unknown>> {
  if (message.template) {
    const t = message.template;
    const components = t.parameters.length ? [{ type: "body", parameters: t.parameters.map((text) => ({ type: "text", text })) }] : [];
    return { type: "template", template: { name: t.name, language: { code: t.language }, ...(components.length ? { components } : {}) } };
  }
  const file = message.attachment;
  if (file) {
    const id = await cloudClient(rt).uploadMedia(file.data, file.mimeType, file.fileName ?? `arquivo.${file.mimeType.split("/")[1] ?? "bin"}`);
    const caption = message.text ? { caption: message.text } : {};
    switch (file.kind) {
      case "audio":
        return { type: "audio", audio: { id, ...(file.voice ? { voice: true } : {}) } };
      case "document":
        return { type: "document", document: { id, ...caption, ...(file.fileName ? { filename: file.fileName } : {}) } };
      default:
        return { type: file.kind, [file.kind]: { id, ...caption } };
    }
  }
  if (!message.text) throw new ProviderError("Nothing to send.", { provider: "cloud-api", status: null, code: "INVALID_RECIPIENT", retryable: false });
  return { type: "text", text: { body: message.text, preview_url: false } };
}

export const cloudApiChannel: Channel<CloudConfig> = {
  provider: InboxProvider.WHATSAPP_CLOUD,
  slug: "whatsapp",
  channelType: ChannelType.WHATSAPP,

  async configure(input, tools) {
    const c = input.whatsappCloud as { phoneNumberId: string; accessToken: string; appSecret: string; verifyToken: string; graphApiUrl?: string | null; wabaId?: string | null } | null | undefined;
    if (!c) throw Errors.badInput("whatsappCloud", "Informe a configuração da API oficial do WhatsApp.");
    const phoneNumberId = requiredText("whatsappCloud.phoneNumberId", c.phoneNumberId, 40, "O phone number id");
    if (!/^\d+$/.test(phoneNumberId)) throw Errors.badInput("whatsappCloud.phoneNumberId", "O phone number id tem apenas dígitos.");
    const config: CloudConfig = {
      kind: "cloud",
      phoneNumberId,
      accessToken: requiredText("whatsappCloud.accessToken", c.accessToken, 2000, "O token de acesso"),
      appSecret: requiredText("whatsappCloud.appSecret", c.appSecret, 200, "O app secret"),
      verifyToken: requiredText("whatsappCloud.verifyToken", c.verifyToken, 200, "O verify token"),
      ...(c.graphApiUrl ? { graphApiUrl: await tools.checkUrl("whatsappCloud.graphApiUrl", c.graphApiUrl) } : {}),
    };
    if (c.wabaId) {
      const wabaId = requiredText("whatsappCloud.wabaId", c.wabaId, 40, "O id da conta do WhatsApp Business (WABA)");
      if (!/^\d+$/.test(wabaId)) throw Errors.badInput("whatsappCloud.wabaId", "O id da conta do WhatsApp Business (WABA) tem apenas dígitos.");
      config.wabaId = wabaId;
    }
    return { config, externalId: phoneNumberId };
  },

  webhooks: [
    { method: "get", path: "", rawBody: false, handle: verifySubscription },
    { method: "post", path: "", rawBody: true, handle: receive },
  ],

  mediaLimits: CLOUD_MEDIA_LIMITS,
  replyWindowHours: 24,

  async send(rt, to, message) {
    const content = await contentOf(rt, message);
    return cloudClient(rt).sendMessage(waIdOf(to), content, message.quoted ? { replyTo: message.quoted.providerMessageId } : {});
  },

  async verifyCredentials(rt) {
    try {
      await cloudClient(rt).phoneNumber();
    } catch (err) {
      const status = err instanceof ProviderError ? err.status : null;
      if (status === 401 || status === 403 || (err instanceof ProviderError && err.providerCode === "190")) throw new CredentialsError("whatsappCloud.accessToken", "A Graph API recusou o token de acesso.");
      if (status === 400 || status === 404) throw new CredentialsError("whatsappCloud.phoneNumberId", "A Graph API não encontrou esse phone number id com este token.");
      throw new CredentialsError("whatsappCloud.graphApiUrl", "Não foi possível falar com a Graph API.");
    }
  },

  async markRead(rt, _to, ids) {
    // Marking the latest message read marks every earlier one too.
    const last = ids[ids.length - 1];
    if (last) await cloudClient(rt).markRead(last);
  },

  async sendTyping(rt, _to, lastInboundId) {
    if (!lastInboundId) return false;
    await cloudClient(rt).markRead(lastInboundId, true);
    return true;
  },

  async listTemplates(rt) {
    if (!rt.config.wabaId) throw new CredentialsError("whatsappCloud.wabaId", "Informe o id da conta do WhatsApp Business (WABA) da caixa para usar modelos.");
    const rows = await cloudClient(rt).listTemplates(rt.config.wabaId);
    return rows.map((t) => {
      const body = t.components?.find((c) => c.type?.toUpperCase() === "BODY")?.text ?? null;
      const placeholders = new Set([...(body ?? "").matchAll(/\{\{\s*([\w]+)\s*\}\}/g)].map((m) => m[1]));
      return { providerId: t.id ?? null, name: t.name, language: t.language ?? "pt_BR", category: (t.category ?? "UTILITY").toUpperCase(), status: (t.status ?? "PENDING").toUpperCase(), bodyText: body, parameterCount: placeholders.size };
    });
  },

  async fetchMedia(rt, media) {
    if (!media.providerMediaId) return null;
    const got = await cloudClient(rt).downloadMedia(media.providerMediaId);
    return { data: got.data, mimeType: got.mimeType };
  },
};
