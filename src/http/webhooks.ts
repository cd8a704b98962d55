import express, { Router, type NextFunction, type Request, type Response } from "express";
import type { Services } from "../services";
import { CHANNELS, type Channel, type WebhookKit } from "../channels";

type Handler = (req: Request, res: Response) => Promise<void>;

/**
 * REST surface for providers: routes `/webhooks/<channel>/:inboxKey…` to the channel
 * that verifies, parses and keys the event (src/channels/*). Every POST is stored
 * (committed) and only then acknowledged; processing happens in a job. 4xx are
 * answers providers do not retry; 503 when the event could not be stored, so they retry.
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

  const kitFor = (channel: Channel): WebhookKit<object> => ({
    async inbox(req, res) {
      const rt = await services.inboxes.webhookRuntime(String(req.params.inboxKey ?? ""));
      if (!rt || rt.inbox.provider !== channel.provider || rt.inbox.disabledAt) {
        res.status(404).json({ error: "inbox_desconhecida" });
        return null;
      }
      return rt;
    },
    store: (inbox, items, rawText) => services.intake.store(inbox, items, rawText),
    log,
  });

  for (const channel of CHANNELS) {
    const kit = kitFor(channel);
    for (const route of channel.webhooks) {
      const path = `/webhooks/${channel.slug}/:inboxKey${route.path}`;
      const handler = guard((req, res) => route.handle(req, res, kit));
      if (route.rawBody) router[route.method](path, raw, handler);
      else router[route.method](path, handler);
    }
  }
  // Body-parser errors (too large, aborted) as JSON, never a stack.
  router.use("/webhooks", (err: { status?: number; type?: string }, _req: Request, res: Response, _next: NextFunction) => {
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 400;
    res.status(status).json({ error: status === 413 ? "payload_grande_demais" : "requisicao_invalida" });
  });
  return router;
}
