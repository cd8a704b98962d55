/**
 * Trains the rules triage model from the labelled fixtures and writes the committed model file.
 * Run: npx tsc -p . && node dist/scripts/train-triage.js [--data=path.jsonl] [--out=path.json]
 *
 * Product code never reads ../shared at run time; it imports the JSON written here.
 */
import fs from "node:fs";
import path from "node:path";
import { parseJsonl } from "../src/services/triage/rules/evaluate";
import { train } from "../src/services/triage/rules/model";
import { INTENTS } from "../src/services/triage/types";

function arg(name: string): string | undefined {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit?.slice(hit.indexOf("=") + 1);
}

function main(): void {
  const data = arg("data") ?? path.resolve(process.cwd(), "../shared/fixtures/triage/dev.jsonl");
  const out = arg("out") ?? path.resolve(process.cwd(), "src/services/triage/rules/model.json");
  const examples = parseJsonl(fs.readFileSync(data, "utf8"));
  const unknown = examples.filter((e) => !(INTENTS as readonly string[]).includes(e.intent));
  if (unknown.length) throw new Error(`unknown intents in ${data}: ${[...new Set(unknown.map((e) => e.intent))].join(", ")}`);

  const model = train(examples);
  fs.writeFileSync(out, JSON.stringify(model) + "\n");
  console.log(
    `trained on ${examples.length} messages → ${path.relative(process.cwd(), out)} ` +
      `(${model.features.length} features, ${(fs.statSync(out).size / 1024).toFixed(1)} KiB)`,
  );
}

main();
