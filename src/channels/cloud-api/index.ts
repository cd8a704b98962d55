import { ProviderError } from "../../infra/providers";
import { ChannelType, InboxProvider } from "../../schema/enums";
import { Errors } from "../../schema/errors";
import { requiredText } from "../../services/validation/input";
import { rawBody, type Channel, type ChannelRuntime, type WebhookRoute } from "../channel";
import { bodyHash } from "../encoding";
import { safeEqual } from "../signatures";
import type { IntakeItem } from "../types";
import { CloudApiClient } from "./client";
import { cloudEventKey, parseCloudWebhook } from "./parse";
import { verifyCloudSignature } from "./verify";

export type CloudConfig = { kind: "cloud"; phoneNumberId: string; accessToken: string; appSecret: string; verifyToken: string; graphApiUrl?: string };

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

export const cloudApiChannel: Channel<CloudConfig> = {
  provider: InboxProvider.WHATSAPP_CLOUD,
  slug: "whatsapp",
  channelType: ChannelType.WHATSAPP,

  async configure(input, tools) {
    const c = input.whatsappCloud as { phoneNumberId: string; accessToken: string; appSecret: string; verifyToken: string; graphApiUrl?: string | null } | null | undefined;
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
    return { config, externalId: phoneNumberId };
  },

  webhooks: [
    { method: "get", path: "", rawBody: false, handle: verifySubscription },
    { method: "post", path: "", rawBody: true, handle: receive },
  ],

  async send(rt, to, message) {
    const number = to.waId ?? to.phone?.replace(/\D/g, "") ?? "";
    if (!message.text) throw new ProviderError("Nothing to send.", { provider: "cloud-api", status: null, code: "INVALID_RECIPIENT", retryable: false });
    return cloudClient(rt).sendText(number, message.text);
  },

  async fetchMedia(rt, media) {
    if (!media.providerMediaId) return null;
    const got = await cloudClient(rt).downloadMedia(media.providerMediaId);
    return { data: got.data, mimeType: got.mimeType };
  },
};
