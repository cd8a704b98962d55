import { describe, expect, it } from "vitest";
import type { DataSource } from "typeorm";
import type { Inbox } from "../src/entities/inbox";
import type { JobQueue } from "../src/infra/jobs";
import { IntakeService } from "../src/services/channels/intake.service";

/**
 * Group commit of webhook intake, with the database held in the test's hand: while
 * one INSERT is in flight, the deliveries that arrive wait and go in together with
 * the next one; each is answered with its own rows; a key carried twice is new once;
 * a group that fails is retried delivery by delivery, so one bad delivery fails alone.
 */
function fakeDb(opts: { failWhen?: (keys: string[]) => boolean } = {}) {
  const calls: Array<{ keys: string[]; release: () => void }> = [];
  const stored = new Set<string>();
  let nextId = 0;
  const ds = {
    query: (_sql: string, params: unknown[]) => {
      const inboxIds = params[1] as string[];
      const keys = params[2] as string[];
      const statuses = params[5] as string[];
      return new Promise((resolve, reject) => {
        calls.push({
          keys,
          release: () => {
            if (opts.failWhen?.(keys)) return reject(new Error("valor inválido"));
            const rows: unknown[] = [];
            keys.forEach((k, i) => {
              const id = `${inboxIds[i]} ${k}`;
              if (stored.has(id)) return;
              stored.add(id);
              rows.push({ id: `ev${++nextId}`, status: statuses[i], inbox_id: inboxIds[i], event_key: k });
            });
            resolve(rows);
          },
        });
      });
    },
  } as unknown as DataSource;
  return { ds, calls };
}

const enqueued: string[] = [];
const jobs = { enqueue: async (_n: string, data: { eventId: string }) => void enqueued.push(data.eventId) } as unknown as JobQueue;
const inbox = { id: "00000000-0000-0000-0000-000000000001", tenantId: "00000000-0000-0000-0000-0000000000aa", provider: "WHATSAPP_CLOUD" } as Inbox;
const item = (key: string) => ({ key, event: { kind: "message", text: key, from: { phone: "5511999990000", name: "Cliente" } } as never });
const flush = () => new Promise((r) => setImmediate(r));

describe("webhook intake group commit", () => {
  it("inserts deliveries that arrive during an insert together, each answered with its own rows", async () => {
    const { ds, calls } = fakeDb();
    const intake = new IntakeService(ds, jobs, 10_000);
    const first = intake.store(inbox, [item("a")], null);
    await flush();
    expect(calls).toHaveLength(1);
    // Ten more arrive while the first INSERT is in flight; "b" twice, and "a" again.
    const more = ["b", "c", "d", "b", "e", "f", "g", "h", "a", "i"].map((k) => intake.store(inbox, [item(k)], null));
    await flush();
    expect(calls).toHaveLength(1);
    calls[0]!.release();
    expect(await first).toEqual({ accepted: 1, duplicates: 0 });
    await flush();
    expect(calls).toHaveLength(2);
    expect(calls[1]!.keys).toEqual(["b", "c", "d", "b", "e", "f", "g", "h", "a", "i"]);
    calls[1]!.release();
    const answers = await Promise.all(more);
    expect(answers.map((r) => r.accepted)).toEqual([1, 1, 1, 0, 1, 1, 1, 1, 0, 1]);
    expect(answers.map((r) => r.duplicates)).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 1, 0]);
    expect(calls).toHaveLength(2);
  });

  it("retries a failed group delivery by delivery: only the bad one fails", async () => {
    const { ds, calls } = fakeDb({ failWhen: (keys) => keys.includes("ruim") });
    const intake = new IntakeService(ds, jobs, 10_000);
    const first = intake.store(inbox, [item("x")], null);
    await flush();
    const good = intake.store(inbox, [item("y")], null);
    const bad = intake.store(inbox, [item("ruim")], null).then(() => "aceito", (err: Error) => err.message);
    const good2 = intake.store(inbox, [item("z")], null);
    await flush();
    calls[0]!.release();
    await first;
    // The group [y, ruim, z] fails, then each is tried alone.
    for (let i = 1; i < 10 && calls.length > i; i++) {
      await flush();
      calls[i]!.release();
      await flush();
    }
    expect(await good).toEqual({ accepted: 1, duplicates: 0 });
    expect(await bad).toBe("valor inválido");
    expect(await good2).toEqual({ accepted: 1, duplicates: 0 });
    expect(calls.map((c) => c.keys)).toEqual([["x"], ["y", "ruim", "z"], ["y"], ["ruim"], ["z"]]);
  });
});
