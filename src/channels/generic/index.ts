import { ChannelType, InboxProvider } from "../../schema/enums";
import { rawBody, readJson, type Channel, type WebhookRoute } from "../channel";
import { verifyGenericSignature } from "./verify";

export type GenericConfig = { kind: "generic" };

/**
 * Signed generic webhook (web chat and e-mail bridges, integrators):
 * `{ messageId, from: { phone, name }, text }` with
 * `X-Signature: sha256=<hex HMAC-SHA256 of "<X-Timestamp>.<raw body>">`.
 */
const receive: WebhookRoute<GenericConfig>["handle"] = async (req, res, kit) => {
  const rt = await kit.inbox(req, res);
  if (!rt) return;
  if (!verifyGenericSignature(rawBody(req), req.header("x-signature"), req.header("x-timestamp"), rt.secret())) {
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
  async configure() {
    return { config: { kind: "generic" }, externalId: null };
  },
  webhooks: [{ method: "post", path: "", rawBody: true, handle: receive }],
  // No way back to the sender yet: the reply stays in the conversation for the integrator to read.
  async send() {
    return { providerMessageId: null };
  },
};
