import { describe, expect, it } from "vitest";
import { InProcessJobQueue } from "../src/infra/jobs";
import { createLogger } from "../src/infra/logger";

/**
 * Embedded mode: while webhook intake is in a burst, jobs start one at a time and
 * seldom (intake goes first); otherwise they run at full concurrency. Nothing starves.
 */
describe("in-process jobs yield to an intake burst", () => {
  async function startsWithin(busy: boolean, ms: number, jobMs = 2_000): Promise<number> {
    const jobs = new InProcessJobQueue(createLogger("silent"), 8);
    jobs.yieldTo = () => busy;
    let started = 0;
    jobs.register("slow", async () => {
      started++;
      await new Promise((r) => setTimeout(r, jobMs));
    });
    await jobs.start();
    for (let i = 0; i < 20; i++) await jobs.enqueue("slow", { i });
    await new Promise((r) => setTimeout(r, ms));
    await jobs.close(0);
    return started;
  }

  it("runs up to its concurrency when intake is quiet", async () => {
    expect(await startsWithin(false, 300)).toBe(8);
  });

  it("starts one job at a time during a burst, and still starts them", async () => {
    expect(await startsWithin(true, 300)).toBe(1);
  });

  it("spaces job starts during a burst even when each job is quick (about four a second)", async () => {
    const n = await startsWithin(true, 1_000, 1);
    expect(n).toBeGreaterThanOrEqual(2);
    expect(n).toBeLessThanOrEqual(6);
    expect(await startsWithin(false, 1_000, 1)).toBe(20);
  });
});
