import { Router } from "express";
import type { Services } from "../services";

/**
 * Downloads of analytics exports through the signed, expiring links `Export.url` hands out
 * (see ExportUrls): the signature names the export and its tenant. Anything invalid, expired
 * or tampered with is a plain 404. The file is streamed from storage.
 */
export function exportsRouter(services: Services): Router {
  const router = Router();
  router.get("/exports/:id", async (req, res) => {
    const id = String(req.params.id);
    try {
      const file = await services.exports.download(id, req.query.exp, req.query.sig);
      if (!file) return void res.status(404).json({ error: "not_found" });
      res.setHeader("content-type", file.contentType);
      if (file.size) res.setHeader("content-length", file.size);
      res.setHeader("content-disposition", `attachment; filename="${file.fileName}"`);
      res.setHeader("x-content-type-options", "nosniff");
      res.setHeader("cache-control", "private, no-store");
      file.stream.on("error", (err) => {
        req.log.warn({ err, exportId: id }, "export download failed");
        res.destroy(err);
      });
      file.stream.pipe(res);
    } catch (err) {
      req.log.warn({ err, exportId: id }, "export download failed");
      if (!res.headersSent) res.status(404).json({ error: "not_found" });
    }
  });
  return router;
}
