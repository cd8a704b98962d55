/**
 * Cross-validated evaluation of the rules triage pipeline.
 * Run: npm run eval:triage   (or: npx tsc -p . && node dist/scripts/eval-triage.js [--k=10] [--errors])
 */
import fs from "node:fs";
import path from "node:path";
import { crossValidate, formatReport, parseJsonl } from "../src/services/triage/rules/evaluate";

function arg(name: string): string | undefined {
  const hit = process.argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  return hit?.includes("=") ? hit.slice(hit.indexOf("=") + 1) : hit ? "" : undefined;
}

function main(): void {
  const file = arg("data") || path.resolve(process.cwd(), "../shared/fixtures/triage/dev.jsonl");
  const examples = parseJsonl(fs.readFileSync(file, "utf8"));
  const k = Number(arg("k") || 5);
  const seed = Number(arg("seed") || 7);
  const started = Date.now();
  const report = crossValidate(examples, k, seed);
  console.log(formatReport(report));
  console.log(`\n(${Date.now() - started} ms, seed ${seed})`);
  if (arg("errors") !== undefined) {
    console.log("\nMisclassified:");
    for (const e of report.errors) console.log(`  [${e.gold} → ${e.predicted}] ${e.text}`);
    console.log("\nneedsHuman misses (would have been auto-resolved):");
    for (const e of report.humanMisses) console.log(`  [${e.gold} → ${e.predicted} @${e.confidence.toFixed(2)}] ${e.text}`);
    console.log("\nPriority errors:");
    for (const e of report.priorityErrors) console.log(`  [${e.gold} → ${e.predicted}] ${e.text}`);
  }
}

main();
