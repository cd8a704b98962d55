import crypto from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import type { Logger } from "../infra/logger";

declare module "express-serve-static-core" {
  interface Request {
    id: string;
    log: Logger;
  }
}

const VALID_ID = /^[\w.:-]{8,128}$/;
/** Route parameters that are credentials (webhook path keys): never logged in full. */
const SECRET_PARAMS = ["inboxKey"];

/** The matched route pattern (`/webhooks/evolution/:inboxKey`), or null when no route matched. */
export function routeOf(req: Request): string | null {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof path === "string") return `${req.baseUrl}${path}`;
  return req.baseUrl || null;
}

/** The path the client asked for (mount points included, query string and secrets left out). */
function loggedPath(req: Request): string {
  let path = req.originalUrl.split("?")[0] ?? "";
  for (const name of SECRET_PARAMS) {
    const value = req.params?.[name];
    if (typeof value === "string" && value.length > 4) path = path.replace(value, `…${value.slice(-4)}`);
  }
  return path.slice(0, 300);
}

/** Request id (incoming `X-Request-Id` when sane, else new), echoed back and bound to the request's logger. */
export function requestContext(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const incoming = req.header("x-request-id");
    req.id = incoming && VALID_ID.test(incoming) ? incoming : crypto.randomUUID();
    req.log = logger.child({ requestId: req.id });
    res.setHeader("X-Request-Id", req.id);
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      req.log.info({ method: req.method, path: loggedPath(req), operation: req.graphqlOperation, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, "request");
    });
    next();
  };
}
