import express, { Router, type NextFunction, type Request, type Response } from "express";
import type { Services } from "../services";
import { bodyHash, type IntakeItem } from "../services/channels/intake.service";
import type { CloudConfig, EvolutionConfig } from "../services/channels/inboxes.service";
import { cloudEventKey, parseCloudWebhook } from "../services/inbound/cloud-api";
import { eventKey as evolutionEventKey, InvalidPayloadError, parseEvolutionWebhook } from "../services/inbound/evolution";
import { checkEvolutionJwt, safeEqual, verifyCloudSignature, verifyGenericSignature } from "../services/inbound/signatures";
import { InboxProvider } from "../schema/enums";
import type { Inbox } from "../entities/inbox";

type Handler = (req: Request, res: Response) => Promise<void>;

/**
 * REST surface for providers. Every POST is verified, stored (committed) and only
 * then acknowledged; processing happens in a job. 4xx are answers providers do not
 * retry; 503 when the event could not be stored, so they retry.
 */
export function webhookRouter(services: Services): Router {
  const router = Router();
  const raw = express.raw({ type: () => true, limit: services.infra.config.webhookBodyLimit });
  const log = services.infra.logger.child({ area: "webhooks" });

  const guard = (fn: Handler) => (req: Request, res: Response) =>
    fn(req, res).catch((err) => {
      req.log.error({ err }, "webhook could not be stored");
      if (!res.headersSent) res.status(503).json({ error: "indisponivel", message: "Evento não armazenado; tente novamente." });
    });

  const inboxFor = async (req: Request, res: Response, provider: InboxProvider): Promise<Inbox | null> => {
    const inbox = await services.inboxes.byKey(services.infra.ds.manager, String(req.params.inboxKey ?? ""));
    if (!inbox || inbox.provider !== provider || inbox.disabledAt) {
      res.status(404).json({ error: "inbox_desconhecida" });
      return null;
    }
    return inbox;
  };

  const json = (req: Request, res: Response): unknown | undefined => {
    try {
      return JSON.parse(Buffer.isBuffer(req.body) ? req.body.toString("utf8") : "");
    } catch {
      res.status(400).json({ error: "json_invalido" });
      return undefined;
    }
  };

  const evolution: Handler = async (req, res) => {
    const inbox = await inboxFor(req, res, InboxProvider.EVOLUTION);
    if (!inbox) return;
    const cfg = services.inboxes.config<EvolutionConfig>(inbox);
    const secret = services.inboxes.secret(inbox);
    const token = req.header("x-webhook-token");
    const authorization = req.header("authorization");
    if (token !== undefined && !safeEqual(token, secret)) return void res.status(401).json({ error: "token_invalido" });
    if (authorization !== undefined) {
      const jwt = await checkEvolutionJwt(authorization, secret);
      if (!jwt.valid) return void res.status(401).json({ error: "jwt_invalido", reason: jwt.reason });
    }
    if (cfg.requireSignedHeaders && token === undefined && authorization === undefined) return void res.status(401).json({ error: "credencial_ausente" });
    const body = json(req, res);
    if (body === undefined) return;
    const instance = (body as { instance?: unknown })?.instance;
    if (typeof instance === "string" && instance !== cfg.instance) return void res.status(403).json({ error: "instancia_diferente" });
    let item: IntakeItem;
    try {
      item = { key: evolutionEventKey(body), event: parseEvolutionWebhook(body) };
    } catch (err) {
      if (err instanceof InvalidPayloadError) {
        log.warn({ inboxId: inbox.id, reason: err.message }, "evolution payload rejected");
        return void res.status(422).json({ error: "payload_invalido", message: err.message });
      }
      throw err;
    }
    const r = await services.intake.store(inbox, [item], null);
    res.status(200).json({ status: r.accepted ? "accepted" : "duplicate" });
  };

  const cloudVerify: Handler = async (req, res) => {
    const inbox = await inboxFor(req, res, InboxProvider.WHATSAPP_CLOUD);
    if (!inbox) return;
    const cfg = services.inboxes.config<CloudConfig>(inbox);
    const q = req.query as Record<string, string | undefined>;
    const mode = q["hub.mode"] ?? q.hub_mode;
    const token = q["hub.verify_token"] ?? q.hub_verify_token;
    const challenge = q["hub.challenge"] ?? q.hub_challenge;
    if (mode === "subscribe" && typeof token === "string" && safeEqual(token, cfg.verifyToken) && typeof challenge === "string") {
      res.status(200).type("text/plain").send(challenge);
    } else res.status(403).type("text/plain").send("forbidden");
  };

  const cloud: Handler = async (req, res) => {
    const inbox = await inboxFor(req, res, InboxProvider.WHATSAPP_CLOUD);
    if (!inbox) return;
    const cfg = services.inboxes.config<CloudConfig>(inbox);
    const rawBody: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!verifyCloudSignature(rawBody, req.header("x-hub-signature-256"), cfg.appSecret)) return void res.status(401).json({ error: "assinatura_invalida" });
    let body: unknown;
    try {
      body = JSON.parse(rawBody.toString("utf8"));
    } catch {
      // Signed by Meta but unreadable: keep it (dead letter) and answer 200, or Meta retries for a week.
      await services.intake.store(inbox, [{ key: `dead:${bodyHash(rawBody)}`, event: null, dead: "corpo ilegível" }], rawBody.toString("utf8"));
      return void res.status(200).json({ status: "dead_letter" });
    }
    const items: IntakeItem[] = parseCloudWebhook(body).map((e) => {
      if (e.kind === "invalid") return { key: `dead:${e.dedupeKey ?? bodyHash(rawBody)}`, event: null, dead: e.reason };
      if (e.phoneNumberId && e.phoneNumberId !== cfg.phoneNumberId) return { key: cloudEventKey(e), event: { kind: "ignored", reason: `phone_number_id ${e.phoneNumberId}` } };
      const { dedupeKey: _k, phoneNumberId: _p, ...event } = e;
      return { key: e.dedupeKey ?? cloudEventKey(e), event: event as IntakeItem["event"] };
    });
    const r = await services.intake.store(inbox, items, rawBody.toString("utf8"));
    res.status(200).json({ status: "ok", accepted: r.accepted, duplicates: r.duplicates });
  };

  const generic: Handler = async (req, res) => {
    const inbox = await inboxFor(req, res, InboxProvider.GENERIC_WEBHOOK);
    if (!inbox) return;
    const rawBody: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!verifyGenericSignature(rawBody, req.header("x-signature"), req.header("x-timestamp"), services.inboxes.secret(inbox))) {
      return void res.status(401).json({ error: "assinatura_invalida" });
    }
    const body = json(req, res) as Record<string, unknown> | undefined;
    if (body === undefined) return;
    const from = (body?.from ?? {}) as Record<string, unknown>;
    const id = typeof body?.messageId === "string" ? body.messageId.trim() : "";
    const text = typeof body?.text === "string" ? body.text : "";
    const phone = typeof from.phone === "string" ? from.phone : null;
    if (!id || id.length > 200 || !text.trim() || !phone) return void res.status(422).json({ error: "payload_invalido", message: "Campos obrigatórios: messageId, text, from.phone." });
    const event = { kind: "message" as const, providerMessageId: `generic:${id}`, from: { phone, waId: null, name: typeof from.name === "string" ? from.name : null }, timestamp: new Date(), type: "TEXT" as const, text };
    const r = await services.intake.store(inbox, [{ key: `msg:${id}`, event }], null);
    res.status(200).json({ status: r.accepted ? "accepted" : "duplicate" });
  };

  router.post("/webhooks/evolution/:inboxKey", raw, guard(evolution));
  router.post("/webhooks/evolution/:inboxKey/:event", raw, guard(evolution));
  router.get("/webhooks/whatsapp/:inboxKey", guard(cloudVerify));
  router.post("/webhooks/whatsapp/:inboxKey", raw, guard(cloud));
  router.post("/webhooks/generic/:inboxKey", raw, guard(generic));
  // Body-parser errors (too large, aborted) as JSON, never a stack.
  router.use("/webhooks", (err: { status?: number; type?: string }, _req: Request, res: Response, _next: NextFunction) => {
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 400;
    res.status(status).json({ error: status === 413 ? "payload_grande_demais" : "requisicao_invalida" });
  });
  return router;
}
