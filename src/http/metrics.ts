import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { Config } from "../config";
import type { Logger } from "../infra/logger";
import { histogram, METRICS_CONTENT_TYPE, renderMetrics, secondsSince } from "../infra/metrics";
import { routeOf } from "./request-context";

const requests = histogram("atende_http_request_duration_seconds", "HTTP requests by method, route pattern and status", ["method", "route", "status"]);

/** Observes every HTTP request by route pattern (never the raw path: ids and keys are not labels). */
export function httpMetrics(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const route = routeOf(req) ?? (res.statusCode === 404 ? "unmatched" : "other");
      requests.observe({ method: req.method, route, status: String(res.statusCode) }, secondsSince(started));
    });
    next();
  };
}

async function sendMetrics(res: Response | http.ServerResponse): Promise<void> {
  const body = await renderMetrics();
  res.writeHead(200, { "content-type": METRICS_CONTENT_TYPE, "cache-control": "no-store" });
  res.end(body);
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer (.+)$/i.exec(header ?? "")?.[1] ?? "";
  const a = crypto.createHash("sha256").update(given).digest();
  const b = crypto.createHash("sha256").update(token).digest();
  return crypto.timingSafeEqual(a, b);
}

/**
 * `GET /metrics` on the main port, only with METRICS_TOKEN (as a bearer token).
 * Without it the route does not exist there (404): metrics are never public by default.
 */
export function metricsRoute(config: Config): RequestHandler {
  const token = config.ops.metrics.token;
  return (req, res, next) => {
    if (req.path !== "/metrics" || req.method !== "GET") return next();
    if (!token) return next();
    if (!tokenMatches(req.header("authorization"), token)) {
      res.setHeader("WWW-Authenticate", 'Bearer realm="metrics"');
      return void res.status(401).json({ error: "nao_autorizado" });
    }
    sendMetrics(res).catch(next);
  };
}

/** METRICS_PORT: /metrics alone on 127.0.0.1, for a Prometheus agent on the same host (token too, when set). */
export async function startMetricsServer(config: Config, logger: Logger): Promise<http.Server | null> {
  const { port, token } = config.ops.metrics;
  if (port === undefined) return null;
  const server = http.createServer((req, res) => {
    if (req.method !== "GET" || (req.url ?? "").split("?")[0] !== "/metrics") return void res.writeHead(404).end();
    if (token && !tokenMatches(req.headers.authorization, token)) return void res.writeHead(401).end();
    sendMetrics(res).catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  logger.info({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics` }, "metrics listening");
  return server;
}

const webhooks = histogram("atende_webhook_request_duration_seconds", "Webhook intake by provider path and outcome, until the answer (stored and committed first)", ["provider", "outcome"]);

function webhookOutcome(status: number): string {
  if (status < 300) return "accepted";
  if (status === 401 || status === 403) return "unauthorized";
  if (status === 404) return "unknown_inbox";
  if (status === 413) return "too_large";
  if (status < 500) return "invalid";
  return "error";
}

/** Mounted at /webhooks: latency and outcome per provider (the first path segment of a matched route). */
export function webhookMetrics(): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const provider = req.route ? (/^\/webhooks\/([a-z0-9-]{1,30})\//.exec(req.originalUrl)?.[1] ?? "other") : "unmatched";
      webhooks.observe({ provider, outcome: webhookOutcome(res.statusCode) }, secondsSince(started));
    });
    next();
  };
}
