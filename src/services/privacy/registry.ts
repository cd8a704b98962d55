import type { EntityManager } from "typeorm";

/**
 * Where every area that stores personal data declares how to erase it, export it
 * and expire it, so that an LGPD deletion really deletes and an export is complete
 * without this module knowing the other areas' tables.
 *
 * Registration happens once per process, in the `Services` constructor, e.g.
 *
 *   services.personalData.register("sessions", {
 *     erase: async (em, tenantId, clientId) => { ...UPDATE messages SET text = '[removido]' ... },
 *     export: async (em, tenantId, clientId) => ({ sessions: [...] }),
 *   });
 *   services.personalData.registerRetention("sessions", async (em, tenantId, olderThan) => affectedRows);
 *
 * Contracts:
 * - Every function is scoped by `tenantId` AND `clientId` in its SQL: the ids come
 *   from a data-subject request, never from a caller's input.
 * - Erasers run in ONE transaction together (all or nothing) and must be
 *   idempotent: a failed or interrupted erasure is retried from the start. Anonymise
 *   rows that others reference (keep ids and foreign keys), delete the rest. The
 *   transaction has `app.lgpd_erasure = 'on'`, the only state in which the consents
 *   trigger lets `consents.source`/`reason` change.
 * - Files (storage) cannot roll back, so erasers delete them after the commit: push
 *   a function onto `run.afterErase`. If one throws, the request stays APPROVED and
 *   the whole erasure runs again later, so keep in the database what you need to
 *   find the file again (e.g. clear `storage_key` only once the object is gone, or
 *   delete the row in the hook itself).
 * - Exporters return JSON-serialisable data (no bigint, no Buffer); the result is
 *   placed under the area's name in the export document.
 * - Retention handlers get `olderThan` = now - tenant `retentionDays` and return how
 *   many rows they anonymised or deleted. They run in their own transaction per
 *   tenant, in registration order; files go in `afterCommit` hooks, and a handler must
 *   find files a failed hook left behind on its next run. Data access logs younger than 6 months cannot be deleted (database
 *   trigger, Marco Civil Art. 15): do not try.
 */
export interface ErasureRun {
  tenantId: string;
  clientId: string;
  /** Data-subject request being executed. */
  requestId: string;
  /** Run in order after the erasure transaction commits (storage deletions). */
  afterErase: Array<() => Promise<void>>;
}

export type Eraser = (em: EntityManager, tenantId: string, clientId: string, run: ErasureRun) => Promise<void>;
export type Exporter = (em: EntityManager, tenantId: string, clientId: string) => Promise<Record<string, unknown>>;
/** `afterCommit`: functions run once the handler's transaction commits (storage deletions; see erasers). */
export type RetentionHandler = (em: EntityManager, tenantId: string, olderThan: Date, afterCommit: Array<() => Promise<void>>) => Promise<number>;

export interface PersonalDataArea {
  erase?: Eraser;
  export?: Exporter;
  /**
   * Erasers run by ascending order (default 0), then registration order. The
   * client record itself is anonymised last (order 100) so that other erasers can
   * still read its phone or WhatsApp id to find their rows (e.g. raw webhook events).
   */
  order?: number;
}

interface Entry<T> { name: string; fn: T; order: number; seq: number }

export class PersonalDataRegistry {
  private readonly erasers: Entry<Eraser>[] = [];
  private readonly exporters: Entry<Exporter>[] = [];
  private readonly retention: Entry<RetentionHandler>[] = [];
  private seq = 0;

  /** Registers what an area holds about clients under a unique name (also its key in exports). */
  register(name: string, area: PersonalDataArea): void {
    if (area.erase) this.add(this.erasers, name, area.erase, area.order ?? 0);
    if (area.export) this.add(this.exporters, name, area.export, 0);
  }

  registerEraser(name: string, eraser: Eraser, order = 0): void {
    this.add(this.erasers, name, eraser, order);
  }

  registerExporter(name: string, exporter: Exporter): void {
    this.add(this.exporters, name, exporter, 0);
  }

  registerRetention(name: string, handler: RetentionHandler): void {
    this.add(this.retention, name, handler, 0);
  }

  /** Removes a registration (tests; areas never unregister in production). */
  unregister(name: string): void {
    for (const list of [this.erasers, this.exporters, this.retention] as Array<Entry<unknown>[]>) {
      const i = list.findIndex((e) => e.name === name);
      if (i >= 0) list.splice(i, 1);
    }
  }

  erasersInOrder(): ReadonlyArray<{ name: string; erase: Eraser }> {
    return this.sorted(this.erasers).map((e) => ({ name: e.name, erase: e.fn }));
  }

  exportersInOrder(): ReadonlyArray<{ name: string; export: Exporter }> {
    return this.sorted(this.exporters).map((e) => ({ name: e.name, export: e.fn }));
  }

  retentionHandlers(): ReadonlyArray<{ name: string; handler: RetentionHandler }> {
    return this.sorted(this.retention).map((e) => ({ name: e.name, handler: e.fn }));
  }

  private add<T>(list: Entry<T>[], name: string, fn: T, order: number): void {
    // A second registration under one name is a wiring bug (e.g. two Services sharing a registry).
    if (list.some((e) => e.name === name)) throw new Error(`personal data area "${name}" registered twice`);
    list.push({ name, fn, order, seq: this.seq++ });
  }

  private sorted<T>(list: Entry<T>[]): Entry<T>[] {
    return [...list].sort((a, b) => a.order - b.order || a.seq - b.seq);
  }
}
