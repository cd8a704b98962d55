import type http from "node:http";
import type { Express, NextFunction, Request, Response } from "express";
import type { Logger } from "../infra/logger";

/**
 * Last error handler: body-parser failures (413 too large, 400 malformed JSON) and
 * anything else that escapes a route answer JSON without a stack or a path, in every
 * mode (Express's default page shows both in development). /graphql answers in the
 * GraphQL error shape.
 */
export function jsonErrors(logger: Logger) {
  return (err: { status?: number; statusCode?: number; type?: string; expose?: boolean }, req: Request, res: Response, _next: NextFunction) => {
    const raw = err.status ?? err.statusCode ?? 500;
    const status = raw >= 400 && raw < 600 ? raw : 500;
    if (status >= 500) (req.log ?? logger).error({ err }, "unhandled error");
    if (res.headersSent) return void res.end();
    const message =
      status === 413 ? "Corpo da requisição grande demais." : status === 400 ? "Requisição inválida (corpo malformado)." : status < 500 ? "Requisição recusada." : "Erro interno. Tente novamente; se persistir, informe o código da requisição ao suporte.";
    const code = status === 413 ? "PAYLOAD_TOO_LARGE" : status < 500 ? "BAD_REQUEST" : "INTERNAL_SERVER_ERROR";
    if (req.originalUrl.startsWith("/graphql")) return void res.status(status).json({ errors: [{ message, extensions: { code, requestId: req.id } }] });
    res.status(status).json({ error: code.toLowerCase(), message, requestId: req.id });
  };
}

/**
 * The client IP of a raw request (WebSocket upgrade) by the same rule Express uses
 * for `req.ip`: walk X-Forwarded-For from the right while the hop is a trusted proxy.
 */
export function clientIpOf(app: Express): (req: http.IncomingMessage) => string {
  return (req) => {
    const trust = app.get("trust proxy fn") as (addr: string, i: number) => boolean;
    const forwarded = String(req.headers["x-forwarded-for"] ?? "").split(",").map((s) => s.trim()).filter(Boolean).reverse();
    const hops = [req.socket.remoteAddress ?? "unknown", ...forwarded];
    let i = 0;
    while (i < hops.length - 1 && trust(hops[i]!, i)) i++;
    return hops[i]!;
  };
}
