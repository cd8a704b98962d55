/**
 * tesseract.js in process, configured as the platform's OCR pool (Portuguese LSTM data
 * from @tesseract.js-data/por, automatic page segmentation), reading the same images
 * with the same number of workers. Prints `ready`, then `done <ms>` per run of all files.
 */
import fs from "node:fs";
import os from "node:os";
import { createScheduler, createWorker, OEM, PSM } from "tesseract.js";
import { defaultLangPath } from "../../src/services/ocr/ocr-engine";

async function main(): Promise<void> {
  const files = (process.env.FILES ?? "").split(",").filter(Boolean);
  const size = Number(process.env.WORKERS ?? 1);
  const scheduler = createScheduler();
  for (let i = 0; i < size; i++) {
    const w = await createWorker("por", OEM.LSTM_ONLY, { langPath: defaultLangPath(), gzip: true, cacheMethod: "none", cachePath: os.tmpdir(), logger: () => undefined });
    await w.setParameters({ tessedit_pageseg_mode: PSM.AUTO });
    scheduler.addWorker(w);
  }
  console.log("ready 0");
  process.stdin.on("data", async () => {
    const t0 = performance.now();
    await Promise.all(files.map((f) => scheduler.addJob("recognize", fs.readFileSync(f))));
    console.log(`done ${(performance.now() - t0).toFixed(1)}`);
  });
  process.on("SIGTERM", () => void scheduler.terminate().then(() => process.exit(0)));
}
void main();
