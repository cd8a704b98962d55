import { AsyncLocalStorage } from "node:async_hooks";
import { EventEmitter } from "node:events";
import type { DataSource } from "typeorm";

/**
 * PGlite is one PostgreSQL session in this process. typeorm-pglite hands that one
 * session to every query runner at once, so statements of unrelated work interleave
 * inside each other's transactions: a job's ROLLBACK took back a webhook's INSERT
 * that had already been acknowledged, and a COMMIT committed another request's
 * half-done work. This pool gives the session to one query runner at a time (a lease
 * from connect() to release()), so a transaction holds it from BEGIN to COMMIT and
 * everything else waits its turn.
 *
 * Work that runs inside a transaction and reaches the database through another query
 * runner (a service calling `ds.query` from inside `ds.transaction`) would wait for
 * its own transaction forever; an async context marks such work as part of the
 * lease holder (`exclusiveSession`, which every `manager.transaction` goes through),
 * and it shares the session as it did before. A wait that still exceeds
 * `waitLimitMs` (a holder waiting on work from another context) joins the session
 * rather than hang, and says so in the log.
 */
interface Holder { held: boolean }

/** The part of a PGlite instance the pool uses. */
export interface EmbeddedDb {
  query(sql: string, params?: unknown[]): Promise<unknown>;
  exec(sql: string): Promise<unknown[]>;
}

const holders = new AsyncLocalStorage<Holder>();

/** Runs `fn` as one holder of the embedded session: its queries, from any query runner, share one lease. */
export function exclusiveSession<T>(fn: () => Promise<T>): Promise<T> {
  return holders.getStore() ? fn() : holders.run({ held: false }, fn);
}

/**
 * Runs `fn` as work of its own, not of the holder that scheduled it: a job enqueued
 * inside a transaction starts on a timer that would otherwise inherit the holder
 * and run its queries inside that transaction.
 */
export function outsideSession<T>(fn: () => T): T {
  return holders.exit(fn);
}

type Callback = (err: Error | null, result?: unknown) => void;

/** What a query runner talks to while it holds the lease (TypeORM listens for "error" on it). */
class Lease extends EventEmitter {
  constructor(private readonly db: () => Promise<EmbeddedDb>) {
    super();
  }

  async query(sql: string, params?: unknown[] | Callback, callback?: Callback): Promise<unknown> {
    const cb = typeof params === "function" ? params : callback;
    const values = typeof params === "function" ? undefined : params;
    try {
      // PGlite runs a statement synchronously and answers with a resolved promise: without
      // a turn of the event loop here, a job's chain of queries would run as one block
      // that no HTTP request (a webhook waiting to be acknowledged) could get between.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const db = await this.db();
      // Without parameters, exec: a migration may hold several statements (TypeORM expects the last result).
      const result = values?.length ? await db.query(sql, values) : await db.exec(sql).then((rs) => rs[rs.length - 1] ?? { rows: [] });
      cb?.(null, result);
      return result;
    } catch (err) {
      cb?.(err as Error);
      throw err;
    }
  }
}

export interface SessionPoolOptions {
  open(): Promise<EmbeddedDb>;
  close(): Promise<void>;
  waitLimitMs?: number;
  onLongWait?(waitedMs: number): void;
}

/** A pg-pool look-alike for TypeORM's postgres driver over one PGlite instance. */
export function sessionPool(opts: SessionPoolOptions): new () => EventEmitter {
  const waitLimitMs = opts.waitLimitMs ?? 15_000;
  let locked = false;
  const waiting: Array<() => void> = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else locked = false;
  };
  /** Resolves true with the lease, or false when the wait passed the limit (shared use). */
  const acquire = (): Promise<boolean> => {
    if (!locked) {
      locked = true;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const started = Date.now();
      const grant = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        const i = waiting.indexOf(grant);
        if (i >= 0) waiting.splice(i, 1);
        opts.onLongWait?.(Date.now() - started);
        resolve(false);
      }, waitLimitMs);
      timer.unref();
      waiting.push(grant);
    });
  };

  return class SessionPool extends EventEmitter {
    connect(callback: (err: Error | null, client: EventEmitter | null, done: () => void) => void): void {
      const holder = holders.getStore();
      const client = new Lease(opts.open);
      if (holder?.held) return callback(null, client, () => undefined);
      void acquire().then((owned) => {
        if (!owned) return callback(null, client, () => undefined);
        if (holder) holder.held = true;
        let done = false;
        callback(null, client, () => {
          if (done) return;
          done = true;
          if (holder) holder.held = false;
          release();
        });
      });
    }

    /** pool.query (outside a query runner): takes the lease for the one statement. */
    async query(sql: string, params?: unknown[]): Promise<unknown> {
      const owned = await acquire();
      try {
        return await new Lease(opts.open).query(sql, params);
      } finally {
        if (owned) release();
      }
    }

    end(callback?: (err: Error | null) => void): void {
      opts.close().then(() => callback?.(null), (err: Error) => callback?.(err));
    }
  };
}

/** Every transaction of the data source runs as one holder of the session (see above). */
export function holdSessionForTransactions(ds: DataSource): void {
  const manager = ds.manager;
  const original = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  (manager as { transaction: unknown }).transaction = (...args: unknown[]) => exclusiveSession(() => original(...args));
}
