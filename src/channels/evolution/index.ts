import { ProviderError } from "../../infra/providers";
import { ChannelType, InboxProvider } from "../../schema/enums";
import { Errors } from "../../schema/errors";
import { requiredText } from "../../services/validation/input";
import { CredentialsError, readJson, type Channel, type ChannelRuntime, type MediaLimits, type Recipient, type WebhookRoute } from "../channel";
import { safeEqual } from "../signatures";
import { InvalidPayloadError, type IntakeItem } from "../types";
import { EvolutionClient } from "./client";
import { eventKey, parseEvolutionWebhook } from "./parse";
import { checkEvolutionJwt } from "./verify";

export type EvolutionConfig = { kind: "evolution"; baseUrl: string; instance: string; apiKey: string; requireSignedHeaders: boolean };

export function evolutionClient(rt: ChannelRuntime<EvolutionConfig>): EvolutionClient {
  const c = rt.config;
  return new EvolutionClient({ baseUrl: c.baseUrl, instance: c.instance, apiKey: c.apiKey, breaker: rt.breaker, fetch: rt.fetch, retry: { attempts: 3, baseDelayMs: 200, maxDelayMs: 2000 } });
}

/**
 * Evolution API v2 webhooks: the secret path key routes; the `x-webhook-token` header
 * (the inbox secret) or Evolution's JWT (`jwt_key` = the inbox secret) may be required.
 * Works with "webhook by events" too (`/:event` suffix).
 */
const receive: WebhookRoute<EvolutionConfig>["handle"] = async (req, res, kit) => {
  const rt = await kit.inbox(req, res);
  if (!rt) return;
  const cfg = rt.config;
  // During the grace period after a rotation the previous secret is accepted too.
  const secrets = rt.acceptedSecrets();
  const token = req.header("x-webhook-token");
  const authorization = req.header("authorization");
  if (token !== undefined && !secrets.some((s) => safeEqual(token, s))) return void res.status(401).json({ error: "token_invalido" });
  if (authorization !== undefined) {
    let jwt = await checkEvolutionJwt(authorization, secrets[0]!);
    for (const s of secrets.slice(1)) if (!jwt.valid && jwt.reason === "bad_signature") jwt = await checkEvolutionJwt(authorization, s);
    if (!jwt.valid) return void res.status(401).json({ error: "jwt_invalido", reason: jwt.reason });
  }
  if (cfg.requireSignedHeaders && token === undefined && authorization === undefined) return void res.status(401).json({ error: "credencial_ausente" });
  const body = readJson(req, res);
  if (body === undefined) return;
  const instance = (body as { instance?: unknown })?.instance;
  if (typeof instance === "string" && instance !== cfg.instance) return void res.status(403).json({ error: "instancia_diferente" });
  let item: IntakeItem;
  try {
    item = { key: eventKey(body), event: parseEvolutionWebhook(body) };
  } catch (err) {
    if (err instanceof InvalidPayloadError) {
      kit.log.warn({ inboxId: rt.inbox.id, reason: err.message }, "evolution payload rejected");
      return void res.status(422).json({ error: "payload_invalido", message: err.message });
    }
    throw err;
  }
  const r = await kit.store(rt.inbox, [item], null);
  res.status(200).json({ status: r.accepted ? "accepted" : "duplicate" });
};

const MB = 1024 * 1024;

/** What WhatsApp (through Baileys) takes; Evolution carries files as base64 inside JSON. */
export const EVOLUTION_MEDIA_LIMITS: MediaLimits = {
  image: { maxBytes: 16 * MB, mimeTypes: ["image/jpeg", "image/png", "image/webp"] },
  video: { maxBytes: 16 * MB, mimeTypes: ["video/mp4", "video/3gpp"] },
  audio: { maxBytes: 16 * MB, mimeTypes: ["audio/ogg", "audio/mpeg", "audio/mp4", "audio/aac", "audio/amr"] },
  document: { maxBytes: 100 * MB, mimeTypes: ["application/pdf", "text/plain", "application/msword", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/vnd.ms-excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.openxmlformats-officedocument.presentationml.presentation"] },
};

/** The events the platform handles (webhook/set). */
export const EVOLUTION_EVENTS = ["MESSAGES_UPSERT", "MESSAGES_UPDATE", "SEND_MESSAGE", "CONNECTION_UPDATE"] as const;

/** Reply to the id exactly as the provider gave it (12-digit Brazilian ids stay 12 digits). */
function numberOf(to: Recipient): string {
  return to.waId ?? to.phone?.replace(/\D/g, "") ?? "";
}

export const evolutionChannel: Channel<EvolutionConfig> = {
  provider: InboxProvider.EVOLUTION,
  slug: "evolution",
  channelType: ChannelType.WHATSAPP,

  async configure(input, tools) {
    const e = input.evolution as { baseUrl: string; instance: string; apiKey: string; requireSignedHeaders?: boolean | null } | null | undefined;
    if (!e) throw Errors.badInput("evolution", "Informe a configuração do Evolution.");
    const config: EvolutionConfig = {
      kind: "evolution",
      baseUrl: await tools.checkUrl("evolution.baseUrl", e.baseUrl),
      instance: requiredText("evolution.instance", e.instance, 120, "A instância"),
      apiKey: requiredText("evolution.apiKey", e.apiKey, 500, "A chave de API"),
      requireSignedHeaders: Boolean(e.requireSignedHeaders),
    };
    return { config, externalId: config.instance };
  },

  webhooks: [
    { method: "post", path: "", rawBody: true, handle: receive },
    { method: "post", path: "/:event", rawBody: true, handle: receive },
  ],

  mediaLimits: EVOLUTION_MEDIA_LIMITS,

  async send(rt, to, message) {
    const number = numberOf(to);
    const client = evolutionClient(rt);
    const quoted = message.quoted ? { id: message.quoted.providerMessageId, text: message.quoted.text } : null;
    const file = message.attachment;
    // Any audio goes as a voice note: Evolution converts it to Opus (`encoding: true`).
    if (file?.kind === "audio") return client.sendWhatsAppAudio(number, file.data, quoted);
    if (file) return client.sendMedia(number, { mediatype: file.kind, mimetype: file.mimeType, data: file.data, fileName: file.fileName, caption: message.text, quoted });
    if (!message.text) throw new ProviderError("Nothing to send.", { provider: "evolution", status: null, code: "INVALID_RECIPIENT", retryable: false });
    return client.sendText(number, message.text, quoted ? { quoted: { id: quoted.id, text: quoted.text ?? undefined } } : {});
  },

  async verifyCredentials(rt) {
    try {
      await evolutionClient(rt).connectionState();
    } catch (err) {
      const status = err instanceof ProviderError ? err.status : null;
      if (status === 401 || status === 403) throw new CredentialsError("evolution.apiKey", "O Evolution recusou a chave de API.");
      if (status === 404) throw new CredentialsError("evolution.instance", `A instância "${rt.config.instance}" não existe neste servidor Evolution.`);
      throw new CredentialsError("evolution.baseUrl", "Não foi possível falar com o servidor Evolution nesse endereço.");
    }
  },

  async registerWebhook(rt, hook) {
    try {
      await evolutionClient(rt).setWebhook({ url: hook.url, headers: { "x-webhook-token": hook.secret }, events: EVOLUTION_EVENTS });
    } catch {
      throw new CredentialsError("evolution.baseUrl", "O Evolution não aceitou a configuração do webhook desta instância.");
    }
  },

  async connect(rt, opts) {
    const client = evolutionClient(rt);
    const got = await client.connect(opts.phoneNumber);
    const state = got.state ?? (got.qrCodeBase64 || got.pairingCode ? "connecting" : await client.connectionState());
    return { state: state === "open" ? "CONNECTED" : state === "close" ? "DISCONNECTED" : "CONNECTING", qrCodeBase64: got.qrCodeBase64, pairingCode: got.pairingCode };
  },

  logout: (rt) => evolutionClient(rt).logout(),
  restart: (rt) => evolutionClient(rt).restart(),

  async markRead(rt, to, ids) {
    if (ids.length) await evolutionClient(rt).markMessageAsRead(numberOf(to), ids);
  },

  async sendTyping(rt, to) {
    await evolutionClient(rt).sendPresence(numberOf(to), "composing", 5_000);
    return true;
  },

  async fetchMedia(rt, media) {
    if (!media.raw) return null;
    const got = await evolutionClient(rt).getMediaBase64(media.raw);
    return { data: got.data, mimeType: got.mimeType };
  },
};
