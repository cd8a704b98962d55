import { Router } from "express";
import { Message } from "../entities/message";
import { isUuid } from "../infra/ids";
import type { Services } from "../services";

/**
 * Downloads of message media through the signed, expiring links `Message.attachments.url`
 * hands out (see MediaUrls). Anything invalid or expired is a plain 404.
 */
export function mediaRouter(services: Services): Router {
  const router = Router();
  router.get("/media/messages/:id", async (req, res) => {
    const id = String(req.params.id);
    const notFound = () => void res.status(404).json({ error: "not_found" });
    if (!isUuid(id) || !services.mediaUrls.verify(id, req.query.exp, req.query.sig)) return notFound();
    try {
      const message = await services.infra.ds.manager.findOne(Message, { where: { id } });
      const media = message?.media;
      if (!media?.storageKey || !media.mimeType) return notFound();
      const data = await services.infra.storage.get(media.storageKey);
      const name = (media.fileName ?? `arquivo-${id.slice(0, 8)}`).replace(/["\\\r\n]/g, "_");
      res.setHeader("content-type", media.mimeType);
      res.setHeader("content-length", data.length);
      res.setHeader("content-disposition", `attachment; filename="${name.replace(/[^\x20-\x7e]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(name)}`);
      res.setHeader("x-content-type-options", "nosniff");
      res.setHeader("cache-control", "private, no-store");
      res.end(data);
    } catch (err) {
      req.log.warn({ err, messageId: id }, "media download failed");
      if (!res.headersSent) res.status(404).json({ error: "not_found" });
    }
  });
  return router;
}
