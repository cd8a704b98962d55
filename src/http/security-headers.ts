import type { IncomingMessage } from "node:http";
import type { RequestHandler } from "express";
import helmet from "helmet";

type Source = string | ((req: IncomingMessage) => string);
export type CspDirectives = Record<string, Source[]>;

/** ws:// and wss:// to the host the page was served from (a console's subscriptions). */
const sameHostSocket = (scheme: "ws" | "wss"): Source => (req) => {
  const host = req.headers.host ?? "";
  return /^[a-z0-9.-]+(:\d+)?$|^\[[0-9a-f:.]+\](:\d+)?$/i.test(host) ? `${scheme}://${host}` : "'self'";
};

/**
 * The default policy: the API and a single-page app served from here (the console
 * at `/`) with no inline scripts. Routes that need another policy pass overrides.
 */
export const BASE_CSP: CspDirectives = {
  "default-src": ["'self'"],
  "script-src": ["'self'"],
  // Component libraries inject <style> at run time; scripts stay strict.
  "style-src": ["'self'", "'unsafe-inline'"],
  "img-src": ["'self'", "data:", "blob:"],
  "media-src": ["'self'", "blob:"],
  "font-src": ["'self'"],
  "connect-src": ["'self'", sameHostSocket("ws"), sameHostSocket("wss")],
  "frame-ancestors": ["'none'"],
  "object-src": ["'none'"],
  "base-uri": ["'self'"],
  "form-action": ["'self'"],
};

/**
 * Middleware setting the Content-Security-Policy: BASE_CSP with `overrides` replacing
 * whole directives. A route mounts its own before its handler, e.g.
 * `app.get("/graphiql", contentSecurityPolicy({ "script-src": ["'self'", "'sha256-…'"] }), page)`.
 */
export function contentSecurityPolicy(overrides: Partial<CspDirectives> = {}): RequestHandler {
  return helmet.contentSecurityPolicy({ useDefaults: false, directives: { ...BASE_CSP, ...overrides } as never });
}

/** For files other sites embed (the web chat widget script): loadable cross-origin. */
export const embeddableResource: RequestHandler = (_req, res, next) => {
  res.setHeader("Cross-Origin-Resource-Policy", "cross-origin");
  next();
};

/** helmet's headers with our CSP, on every response. */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: BASE_CSP as never },
    xFrameOptions: { action: "deny" },
    crossOriginEmbedderPolicy: false,
  });
}
