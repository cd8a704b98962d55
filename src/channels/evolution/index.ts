import { ProviderError } from "../../infra/providers";
import { ChannelType, InboxProvider } from "../../schema/enums";
import { Errors } from "../../schema/errors";
import { requiredText } from "../../services/validation/input";
import { readJson, type Channel, type ChannelRuntime, type WebhookRoute } from "../channel";
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
  const secret = rt.secret();
  const token = req.header("x-webhook-token");
  const authorization = req.header("authorization");
  if (token !== undefined && !safeEqual(token, secret)) return void res.status(401).json({ error: "token_invalido" });
  if (authorization !== undefined) {
    const jwt = await checkEvolutionJwt(authorization, secret);
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

  async send(rt, to, message) {
    // Reply to the id exactly as the provider gave it (12-digit Brazilian ids stay 12 digits).
    const number = to.waId ?? to.phone?.replace(/\D/g, "") ?? "";
    if (!message.text) throw new ProviderError("Nothing to send.", { provider: "evolution", status: null, code: "INVALID_RECIPIENT", retryable: false });
    return evolutionClient(rt).sendText(number, message.text);
  },

  async fetchMedia(rt, media) {
    if (!media.raw) return null;
    const got = await evolutionClient(rt).getMediaBase64(media.raw);
    return { data: got.data, mimeType: got.mimeType };
  },
};
