import "reflect-metadata";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embeddedPool } from "../src/infra/database";
import { InProcessJobQueue } from "../src/infra/jobs";
import { holdSessionForTransactions } from "../src/infra/pglite-session";
import { createLogger } from "../src/infra/logger";

/**
 * The embedded database (PGlite) is one session. Unrelated work must not run inside
 * each other's transactions: a webhook's acknowledged INSERT must survive a job's
 * ROLLBACK, and a transaction must be all or nothing.
 */
let ds: DataSource;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "atende-session-"));
  ds = new DataSource({ type: "postgres", driver: { Pool: await embeddedPool(dir) } } as never);
  await ds.initialize();
  holdSessionForTransactions(ds);
  await ds.query("CREATE TABLE t (x int)");
});

afterAll(async () => {
  await ds?.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

const rows = async () => ((await ds.query("SELECT x FROM t ORDER BY x")) as Array<{ x: number }>).map((r) => r.x);
const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

describe("embedded database session", () => {
  it("keeps a write made while another transaction is open when that transaction rolls back", async () => {
    await ds.query("DELETE FROM t");
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const failing = ds.transaction(async (em) => {
      await em.query("INSERT INTO t VALUES (1)");
      await gate;
      throw new Error("rollback");
    }).catch((err: Error) => err.message);
    await tick();
    // An unrelated write (a webhook being acknowledged) while the transaction is open.
    const outside = ds.query("INSERT INTO t VALUES (2)");
    await tick();
    open();
    expect(await failing).toBe("rollback");
    await outside;
    expect(await rows()).toEqual([2]);
  });

  it("runs concurrent transactions each all or nothing", async () => {
    await ds.query("DELETE FROM t");
    const ok = ds.transaction(async (em) => {
      await em.query("INSERT INTO t VALUES (10)");
      await tick();
      await em.query("INSERT INTO t VALUES (11)");
    });
    const bad = ds.transaction(async (em) => {
      await em.query("INSERT INTO t VALUES (20)");
      await tick();
      throw new Error("no");
    }).catch(() => "rolled back");
    await Promise.all([ok, bad]);
    expect(await rows()).toEqual([10, 11]);
  });

  it("lets a transaction's own work reach the database through another query runner (no self-deadlock)", async () => {
    await ds.query("DELETE FROM t");
    await ds.transaction(async (em) => {
      await em.query("INSERT INTO t VALUES (30)");
      // A service reading through the data source from inside the transaction sees its writes.
      const seen = (await ds.query("SELECT count(*)::int AS n FROM t")) as Array<{ n: number }>;
      expect(seen[0]!.n).toBe(1);
      await ds.manager.query("INSERT INTO t VALUES (31)");
    });
    expect(await rows()).toEqual([30, 31]);
  });

  it("lets the event loop in between queries (a webhook is not stuck behind a job's chain of statements)", async () => {
    let chainDone = false;
    let ranDuring = false;
    const chain = (async () => {
      for (let i = 0; i < 100; i++) await ds.query("SELECT $1::int AS i", [i]);
      chainDone = true;
    })();
    // A timer (like an HTTP request being read) fires before the chain ends.
    await new Promise<void>((resolve) => setTimeout(() => {
      ranDuring = !chainDone;
      resolve();
    }, 0));
    await chain;
    expect(ranDuring).toBe(true);
  });

  it("runs a job enqueued inside a transaction outside it", async () => {
    await ds.query("DELETE FROM t");
    const jobs = new InProcessJobQueue(createLogger("silent"));
    jobs.register("write", async () => {
      await ds.query("INSERT INTO t VALUES (41)");
    });
    await jobs.start();
    await ds.transaction(async (em) => {
      await em.query("INSERT INTO t VALUES (40)");
      await jobs.enqueue("write", {});
      await tick(50); // the job starts while the transaction is still open
      throw new Error("rollback");
    }).catch(() => undefined);
    await jobs.idle();
    await jobs.close(1000);
    expect(await rows()).toEqual([41]);
  });
});
