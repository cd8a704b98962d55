import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { Router } from "express";

/** `widget/dist/widget.js`, found from this file whether it runs from src/ (tests) or dist/src/ (npm start). */
export function widgetBundlePath(): string | null {
  for (const up of ["../..", "../../.."]) {
    const file = path.resolve(__dirname, up, "widget/dist/widget.js");
    if (fs.existsSync(file)) return file;
  }
  return null;
}

/**
 * `GET /widget.js`: the embeddable web chat (built from widget/, committed prebuilt).
 * Cached briefly with an ETag, so a new release reaches sites within minutes.
 */
export function widgetRouter(): Router {
  const router = Router();
  let cached: { body: Buffer; etag: string; mtime: number } | null = null;
  router.get("/widget.js", (req, res) => {
    const file = widgetBundlePath();
    if (!file) return void res.status(404).type("text/plain").send("widget not built: npm run build:widget");
    const mtime = fs.statSync(file).mtimeMs;
    if (!cached || cached.mtime !== mtime) {
      const body = fs.readFileSync(file);
      cached = { body, mtime, etag: `"${crypto.createHash("sha256").update(body).digest("base64url").slice(0, 27)}"` };
    }
    res.setHeader("Cache-Control", "public, max-age=300");
    res.setHeader("ETag", cached.etag);
    res.setHeader("X-Content-Type-Options", "nosniff");
    // Loaded by other sites: no cookies, no referrer needed.
    res.setHeader("Cross-Origin-Resource-Policy", "cross-origin");
    if (req.header("if-none-match") === cached.etag) return void res.status(304).end();
    res.type("application/javascript; charset=utf-8").send(cached.body);
  });
  return router;
}
