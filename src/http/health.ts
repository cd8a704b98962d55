import crypto from "node:crypto";
import { Router } from "express";
import type { DataSource } from "typeorm";
import type { Redis } from "ioredis";
import { pendingMigrations } from "../infra/database";
import type { Storage } from "../infra/storage";

export interface HealthState { draining: boolean }

export interface HealthDeps {
  ds: DataSource;
  redis?: Redis;
  storage: Storage;
  state: HealthState;
  version: string;
}

type Check = "ok" | "fail" | "behind";

/** A successful storage write is trusted this long (probing S3 every few seconds costs requests). */
const STORAGE_OK_TTL_MS = 30_000;

/**
 * /healthz: the process is alive (and which version it runs).
 * /readyz: it can serve: database reachable, schema up to date with this code's
 * migrations, Redis reachable (when configured), storage writable, not draining.
 */
export function healthRouter(deps: HealthDeps): Router {
  const { ds, redis, storage, state, version } = deps;
  const router = Router();
  let storageOkAt = 0;
  const timeout = <T>(p: Promise<T>) => Promise.race([p, new Promise<never>((_, rej) => setTimeout(() => rej(new Error("timeout")), 2000).unref())]);
  const probe = async (fn: () => Promise<unknown>): Promise<Check> => {
    try {
      await timeout(fn());
      return "ok";
    } catch {
      return "fail";
    }
  };

  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok", version });
  });

  router.get("/readyz", async (_req, res) => {
    let pending: string[] = [];
    const [database, schema, redisCheck, storageCheck] = await Promise.all([
      probe(() => ds.query("SELECT 1")),
      timeout(pendingMigrations(ds)).then(
        (p): Check => ((pending = p), p.length ? "behind" : "ok"),
        (): Check => "fail",
      ),
      redis ? probe(() => redis.ping()) : Promise.resolve(undefined),
      Date.now() - storageOkAt < STORAGE_OK_TTL_MS
        ? Promise.resolve<Check>("ok")
        : probe(async () => {
            const key = `health/${crypto.randomUUID()}.probe`;
            await storage.put(key, Buffer.from("ok"), "text/plain");
            await storage.delete(key);
            storageOkAt = Date.now();
          }),
    ]);
    const checks: Record<string, Check> = { database, schema, ...(redisCheck ? { redis: redisCheck } : {}), storage: storageCheck };
    const ready = !state.draining && Object.values(checks).every((c) => c === "ok");
    const status = ready ? "ready" : state.draining ? "draining" : "unavailable";
    res.status(ready ? 200 : 503).json({ status, version, checks, ...(pending.length ? { pendingMigrations: pending } : {}) });
  });
  return router;
}
