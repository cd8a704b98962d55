import type { NextFunction, Request, Response } from "express";

/**
 * CORS for /graphql, so the web chat widget (on the business's site) can call the
 * API. Any origin may read answers because no credential is ambient: there are no
 * cookies, every caller sends a bearer token it holds (and the visitor operations
 * also check the Origin against their chat's allow-list).
 */
export function graphqlCors() {
  return (req: Request, res: Response, next: NextFunction) => {
    const origin = req.header("origin");
    if (!origin) return next();
    res.setHeader("Access-Control-Allow-Origin", origin);
    res.append("Vary", "Origin");
    if (req.method !== "OPTIONS") return next();
    res.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
    res.setHeader("Access-Control-Allow-Headers", "content-type, authorization, apollo-require-preflight, x-apollo-operation-name, x-request-id");
    res.setHeader("Access-Control-Max-Age", "600");
    res.status(204).end();
  };
}
