import { Router } from "express";
import type { DataSource } from "typeorm";
import type { Redis } from "ioredis";

export interface HealthState { draining: boolean }

/** /healthz: the process is alive. /readyz: it can serve (database, Redis) and is not draining. */
export function healthRouter(ds: DataSource, redis: Redis | undefined, state: HealthState): Router {
  const router = Router();
  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  router.get("/readyz", async (_req, res) => {
    const checks: Record<string, "ok" | "fail"> = {};
    const timeout = <T>(p: Promise<T>) => Promise.race([p, new Promise<never>((_, rej) => setTimeout(() => rej(new Error("timeout")), 2000).unref())]);
    try {
      await timeout(ds.query("SELECT 1"));
      checks.database = "ok";
    } catch {
      checks.database = "fail";
    }
    if (redis) {
      try {
        await timeout(redis.ping());
        checks.redis = "ok";
      } catch {
        checks.redis = "fail";
      }
    }
    const ready = !state.draining && Object.values(checks).every((c) => c === "ok");
    res.status(ready ? 200 : 503).json({ status: ready ? "ready" : state.draining ? "draining" : "unavailable", checks });
  });
  return router;
}
