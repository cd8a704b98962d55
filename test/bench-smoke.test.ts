import { execFile } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hasPostgres, hasRedis } from "./support/services";

/**
 * `npm run bench -- --quick` runs every scenario once, small, against real PostgreSQL
 * and Redis: the bench keeps working as the platform changes. No figure is checked
 * (timings do not belong in tests); only that each scenario produced its rows.
 */
describe.runIf(hasPostgres() && hasRedis())("bench smoke run", () => {
  it("runs every scenario beside its baseline and prints the table", async () => {
    const out = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, [path.resolve("dist/bench/run.js"), "--quick"], { timeout: 900_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
        if (err) reject(new Error(`${err.message}\n${stdout}\n${stderr.slice(-4000)}`));
        else resolve(stdout);
      });
    });
    expect(out).toMatch(/\| scenario\s+\| measure/);
    for (const s of ["S1", "S2", "S4", "S7"]) expect(out).toMatch(new RegExp(`\\| ${s}\\s+\\|`));
    expect(out).not.toMatch(/FAILED/);
    expect(out).toMatch(/same JSON/);
  }, 900_000);
});
