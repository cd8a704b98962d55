import { ProviderError } from "../../infra/providers";
import { newWebhookSecret, verifyWebhook } from "../../infra/standard-webhooks";
import { ChannelType, InboxProvider, MessageSender } from "../../schema/enums";
import crypto from "node:crypto";
import { rawBody, type Channel, type ChannelRuntime, type WebhookRoute } from "../channel";
import { verifyGenericSignature } from "../generic/verify";
import { InvalidPayloadError } from "../types";
import { configureEmail, type EmailConfig } from "./config";
import { mailToItems, parseInboundJson } from "./parse";
import { sendMail } from "./smtp";
import { messageIdFor, replySubject, threadToken } from "./thread";

export type { EmailConfig } from "./config";

/**
 * Inbound-parse webhook (`POST /webhooks/email/:inboxKey`): the JSON of an inbound
 * e-mail service or bridge, signed with the inbox secret either with Standard
 * Webhooks headers (`webhook-id`, `webhook-timestamp`, `webhook-signature`) or with
 * `X-Signature`/`X-Timestamp` as the generic webhook.
 */
const receive: WebhookRoute<EmailConfig>["handle"] = async (req, res, kit) => {
  const rt = await kit.inbox(req, res);
  if (!rt) return;
  const raw = rawBody(req);
  // During a rotation's grace period the previous secret still signs.
  const signed = rt.acceptedSecrets().some((secret) =>
    req.header("webhook-signature")
      ? verifyWebhook(secret, req.headers as Record<string, string | string[] | undefined>, raw.toString("utf8"))
      : verifyGenericSignature(raw, req.header("x-signature"), req.header("x-timestamp"), secret));
  if (!signed) return void res.status(401).json({ error: "assinatura_invalida" });
  let body: unknown;
  try {
    body = JSON.parse(raw.toString("utf8"));
  } catch {
    return void res.status(400).json({ error: "json_invalido" });
  }
  try {
    const items = await mailToItems(parseInboundJson(body), rt.config.address);
    const r = await kit.store(rt.inbox, items, null);
    res.status(200).json({ status: r.accepted ? "accepted" : "duplicate", accepted: r.accepted, duplicates: r.duplicates });
  } catch (err) {
    if (!(err instanceof InvalidPayloadError)) throw err;
    kit.log.warn({ inboxId: rt.inbox.id, reason: err.message }, "inbound e-mail rejected");
    res.status(422).json({ error: "payload_invalido", message: err.message, field: err.path ?? null });
  }
};

export const emailChannel: Channel<EmailConfig> = {
  provider: InboxProvider.EMAIL,
  slug: "email",
  channelType: ChannelType.EMAIL,
  threaded: true,
  newSecret: newWebhookSecret,

  async configure(input, tools) {
    const config = await configureEmail(input, tools);
    return { config, externalId: config.address };
  },

  webhooks: [{ method: "post", path: "", rawBody: true, handle: receive }],

  /** A reply in the client's thread: Re: subject, In-Reply-To/References, and the conversation token in the subject. */
  async send(rt, to, message, context) {
    if (!to.email) throw new ProviderError("O cliente não tem e-mail para a resposta.", { provider: "smtp", status: null, code: "INVALID_RECIPIENT", retryable: false });
    if (!message.text?.trim()) throw new ProviderError("Mensagem sem texto para enviar por e-mail.", { provider: "smtp", status: null, code: "BAD_REQUEST", retryable: false });
    const cfg = rt.config;
    const thread = context?.thread ?? null;
    const messageId = messageIdFor(message.id, cfg.address);
    const connectTo = await rt.resolveHost(cfg.smtp.host).catch((err: Error) => {
      throw new ProviderError(err.message, { provider: "smtp", status: null, code: "NETWORK", retryable: false, cause: err });
    });
    await rt.breaker.execute(() =>
      sendMail(cfg.smtp, connectTo, {
        from: { name: rt.inbox.name, address: cfg.address },
        to: to.name ? `"${to.name.replace(/["\\\r\n]/g, "")}" <${to.email}>` : to.email!,
        subject: replySubject(thread?.subject ?? null, threadToken(rt.secret(), message.sessionId), rt.inbox.name),
        text: message.text!,
        messageId,
        inReplyTo: thread?.inReplyTo ?? null,
        references: thread?.references ?? [],
        automatic: message.sender !== MessageSender.AGENT,
      }),
    );
    return { providerMessageId: messageId };
  },
};

/**
 * A notice from the company to one person (a password-reset code to a staff member, say): a new
 * thread, sent through the inbox's SMTP server to the address the SSRF guard resolved.
 */
export async function sendEmailNotice(rt: ChannelRuntime<EmailConfig>, to: string, subject: string, text: string): Promise<void> {
  const cfg = rt.config;
  const connectTo = await rt.resolveHost(cfg.smtp.host);
  await rt.breaker.execute(() =>
    sendMail(cfg.smtp, connectTo, { from: { name: rt.inbox.name, address: cfg.address }, to, subject, text, messageId: messageIdFor(crypto.randomUUID(), cfg.address), inReplyTo: null, references: [], automatic: true }),
  );
}
