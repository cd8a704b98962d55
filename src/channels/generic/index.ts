import { httpRequest, ProviderError } from "../../infra/providers";
import { newWebhookSecret, webhookHeaders } from "../../infra/standard-webhooks";
import { ChannelType, InboxProvider } from "../../schema/enums";
import { rawBody, readJson, type Channel, type WebhookRoute } from "../channel";
import { verifyGenericSignature } from "./verify";

export type GenericConfig = { kind: "generic"; callbackUrl?: string | null };

/**
 * Signed generic webhook (web chat and e-mail bridges, integrators):
 * `{ messageId, from: { phone, name }, text }` with
 * `X-Signature: sha256=<hex HMAC-SHA256 of "<X-Timestamp>.<raw body>">`.
 */
const receive: WebhookRoute<GenericConfig>["handle"] = async (req, res, kit) => {
  const rt = await kit.inbox(req, res);
  if (!rt) return;
  // During a rotation's grace period the previous secret still signs.
  if (!rt.acceptedSecrets().some((secret) => verifyGenericSignature(rawBody(req), req.header("x-signature"), req.header("x-timestamp"), secret))) {
    return void res.status(401).json({ error: "assinatura_invalida" });
  }
  const body = readJson(req, res) as Record<string, unknown> | undefined;
  if (body === undefined) return;
  const from = (body?.from ?? {}) as Record<string, unknown>;
  const id = typeof body?.messageId === "string" ? body.messageId.trim() : "";
  const text = typeof body?.text === "string" ? body.text : "";
  const phone = typeof from.phone === "string" ? from.phone : null;
  if (!id || id.length > 200 || !text.trim() || !phone) return void res.status(422).json({ error: "payload_invalido", message: "Campos obrigatórios: messageId, text, from.phone." });
  const event = { kind: "message" as const, providerMessageId: `generic:${id}`, from: { phone, waId: null, name: typeof from.name === "string" ? from.name : null }, timestamp: new Date(), type: "TEXT" as const, text };
  const r = await kit.store(rt.inbox, [{ key: `msg:${id}`, event }], null);
  res.status(200).json({ status: r.accepted ? "accepted" : "duplicate" });
};

export const genericChannel: Channel<GenericConfig> = {
  provider: InboxProvider.GENERIC_WEBHOOK,
  slug: "generic",
  channelType: ChannelType.WEB,
  // Standard Webhooks secrets, so receivers can verify replies with the spec's libraries.
  newSecret: newWebhookSecret,

  async configure(input, tools) {
    const g = input.genericWebhook as { callbackUrl?: string | null } | null | undefined;
    const callbackUrl = g?.callbackUrl?.trim() ? await tools.checkUrl("genericWebhook.callbackUrl", g.callbackUrl) : null;
    return { config: { kind: "generic", callbackUrl }, externalId: null };
  },

  webhooks: [{ method: "post", path: "", rawBody: true, handle: receive }],

  /**
   * Replies are POSTed to the inbox's callback URL, signed with Standard Webhooks
   * (`webhook-id` is stable across retries, so receivers can de-duplicate). 5xx,
   * 429 and network failures are retried by the send job; other 4xx fail.
   */
  async send(rt, to, message) {
    const url = rt.config.callbackUrl;
    if (!url) {
      throw new ProviderError("Não entregue: a caixa de entrada não tem URL de retorno (callbackUrl); a resposta fica disponível pela API.", { provider: "webhook", status: null, code: "BAD_REQUEST", retryable: false });
    }
    const payload = {
      type: "message.created",
      timestamp: new Date().toISOString(),
      data: {
        messageId: message.id,
        sessionId: message.sessionId,
        sender: message.sender,
        text: message.text,
        createdAt: message.createdAt.toISOString(),
        to: { phone: to.phone ?? null, name: to.name ?? null },
      },
    };
    const body = JSON.stringify(payload);
    const webhookId = `msg_${message.id}`;
    await rt.breaker.execute(() =>
      httpRequest({
        provider: "webhook",
        method: "POST",
        url,
        // httpRequest sends JSON.stringify(payload): exactly the signed bytes.
        headers: webhookHeaders(rt.secret(), webhookId, body),
        json: payload,
        timeoutMs: 10_000,
        secrets: [rt.secret()],
        fetchImpl: rt.fetch,
        maxBytes: 64 * 1024,
      }),
    );
    return { providerMessageId: webhookId };
  },
};
