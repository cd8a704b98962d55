import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { build } from "vite";

const COMMITTED = path.resolve(process.cwd(), "widget/dist/widget.js");

/**
 * widget.js is committed prebuilt (so `npm start` serves it with nothing to build and
 * no dev tooling in production images); this proves it is exactly what its source
 * builds to, and that it stays small and self-contained.
 */
describe("web chat widget bundle", () => {
  it("matches its source (run `npm run build:widget` after changing widget/src)", async () => {
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "atende-widget-"));
    try {
      await build({ configFile: path.resolve(process.cwd(), "widget/vite.config.mts"), build: { outDir, emptyOutDir: true }, logLevel: "silent" });
      expect(fs.readFileSync(path.join(outDir, "widget.js"), "utf8")).toBe(fs.readFileSync(COMMITTED, "utf8"));
    } finally {
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  }, 120_000);

  it("is at most 50 KB gzipped and names no third-party host", () => {
    const code = fs.readFileSync(COMMITTED);
    expect(zlib.gzipSync(code, { level: 9 }).length).toBeLessThanOrEqual(50 * 1024);
    expect(code.toString("utf8")).not.toMatch(/https?:\/\/(?!\$\{)/);
  });
});
