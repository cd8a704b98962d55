/**
 * Calibrates the offline auto-resolution threshold and writes its report.
 * Run: npm run calibrate:triage
 *   writes src/services/triage/rules/calibration.json (read by the classifier)
 *   and docs/triage-calibration.md (figures on dev, perturbed, leave-one-channel-out and held-out messages).
 *
 * The held-out set (test/fixtures/triage/heldout.jsonl) is only measured here, never used to choose anything.
 */
import fs from "node:fs";
import path from "node:path";
import { parseJsonl } from "../src/services/triage/rules/evaluate";
import { bundledModel } from "../src/services/triage/rules/rules-provider";
import { bySource, calibrate, DEFAULT_CALIBRATION, gateFigures } from "../src/services/triage/calibration/calibrate";
import { calibrationReport } from "../src/services/triage/calibration/report";

function main(): void {
  const root = process.cwd();
  const dev = parseJsonl(fs.readFileSync(path.resolve(root, "../shared/fixtures/triage/dev.jsonl"), "utf8"));
  const heldout = parseJsonl(fs.readFileSync(path.resolve(root, "test/fixtures/triage/heldout.jsonl"), "utf8"));
  const started = Date.now();
  const cal = calibrate(dev, DEFAULT_CALIBRATION);
  const out = path.resolve(root, "src/services/triage/rules/calibration.json");
  const all = cal.runs.flatMap((r) => r.predictions);
  const perturbed = gateFigures([...bySource(all, "cv-perturbed"), ...bySource(all, "loco-perturbed")], cal.threshold);
  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  fs.writeFileSync(out, JSON.stringify({
    autoResolveThreshold: cal.threshold,
    method: "max unsafe confidence over k-fold and leave-one-channel-out predictions (as written and perturbed), plus margin",
    seeds: cal.options.seeds,
    margin: cal.options.margin,
    maxUnsafeConfidence: Math.max(...cal.runs.map((r) => r.maxUnsafeConfidence)),
    // Shown as version 0 of every tenant's triageModel until it has examples of its own.
    shippedPerturbedAccuracy: round(perturbed.intentAccuracy),
    shippedPerturbedNeedsHumanRecall: round(perturbed.needsHumanRecall),
  }, null, 2) + "\n");
  const style = JSON.parse(fs.readFileSync(path.resolve(root, "test/fixtures/triage/tenant-style.json"), "utf8"));
  const report = calibrationReport(cal, bundledModel(), dev, heldout, style);
  fs.mkdirSync(path.resolve(root, "docs"), { recursive: true });
  fs.writeFileSync(path.resolve(root, "docs/triage-calibration.md"), report);
  console.log(report);
  console.log(`\nthreshold ${cal.threshold} → ${path.relative(root, out)} (${Date.now() - started} ms)`);
}

main();
