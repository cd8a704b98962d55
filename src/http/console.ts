import fs from "node:fs";
import path from "node:path";
import express, { Router } from "express";

/** `console/dist` (built by `npm run build:console`; `npm start` rebuilds it when stale), from src/ (tests) or dist/src/ (npm start). */
export function consoleDistPath(): string | null {
  for (const up of ["../..", "../../.."]) {
    const dir = path.resolve(__dirname, up, "console/dist");
    if (fs.existsSync(path.join(dir, "index.html"))) return dir;
  }
  return null;
}

/** Paths that belong to the API: never answered with the console's page. */
const API_PATHS = /^\/(graphql|graphiql|webhooks|media|healthz|readyz|metrics|widget\.js|assets)(\/|$)/;

/**
 * The agent and admin console at `/`: hashed assets cached for a year, every other
 * GET that asks for HTML gets index.html (client-side routes such as /fila or
 * /conversas/:id survive a reload). The page runs under the default CSP (no inline
 * scripts), set for every response by securityHeaders().
 */
export function consoleRouter(opts: { graphiql: boolean }): Router {
  const router = Router();
  let dir = consoleDistPath();
  const page = (res: express.Response) => {
    dir ??= consoleDistPath();
    if (!dir) return void res.status(503).type("text/plain; charset=utf-8").send("Console ainda não construído: rode `npm run build:console` (o `npm start` faz isso).");
    res.setHeader("Cache-Control", "no-cache");
    res.sendFile(path.join(dir, "index.html"));
  };
  router.use("/assets", (req, res, next) => {
    dir ??= consoleDistPath();
    if (!dir) return next();
    express.static(path.join(dir, "assets"), { immutable: true, maxAge: "365d", index: false, fallthrough: true })(req, res, next);
  });
  router.get("/graphiql", (_req, res, next) => {
    if (!opts.graphiql) return next();
    dir ??= consoleDistPath();
    const file = dir && path.join(dir, "graphiql.html");
    if (!file || !fs.existsSync(file)) return next();
    res.setHeader("Cache-Control", "no-cache");
    res.sendFile(file);
  });
  router.get(/.*/, (req, res, next) => {
    // Browsers navigating ask for HTML first; fetch()'s bare */* (scripts, probes) keeps the JSON 404.
    if (API_PATHS.test(req.path) || req.accepts(["json", "html"]) !== "html") return next();
    page(res);
  });
  return router;
}
