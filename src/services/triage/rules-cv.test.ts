import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { crossValidate, parseJsonl, stratifiedFolds } from "./rules/evaluate";
import { train } from "./rules/model";
import { bundledModel } from "./rules/rules-provider";

const DEV = path.resolve(process.cwd(), "../shared/fixtures/triage/dev.jsonl");
const examples = parseJsonl(fs.readFileSync(DEV, "utf8"));

describe("rules triage: cross-validation on the labelled fixtures", () => {
  it.each([
    [5, 7],
    [10, 11],
  ])("%i-fold (seed %i) meets the quality bar", (k, seed) => {
    const r = crossValidate(examples, k, seed);
    expect(r.n).toBe(examples.length);
    expect(r.accuracy).toBeGreaterThanOrEqual(0.85);
    expect(r.macroF1).toBeGreaterThanOrEqual(0.85);
    expect(r.needsHumanRecall).toBeGreaterThanOrEqual(0.95);
    expect(r.priorityAccuracy).toBeGreaterThanOrEqual(0.85);
  });

  it("stratifies: every fold holds each intent in near-equal share", () => {
    const k = 5;
    const fold = stratifiedFolds(examples, k, 7);
    const intents = [...new Set(examples.map((e) => e.intent))];
    for (const intent of intents) {
      const counts = Array.from({ length: k }, (_, f) => examples.filter((e, i) => e.intent === intent && fold[i] === f).length);
      expect(Math.max(...counts) - Math.min(...counts), intent).toBeLessThanOrEqual(1);
    }
  });
});

describe("rules triage: training", () => {
  it("is deterministic", () => {
    const subset = examples.slice(0, 120);
    expect(train(subset)).toEqual(train(subset));
  });

  it("the committed model.json is what scripts/train-triage.ts produces from the fixtures", () => {
    // Fails when the lexicon, features or data change without retraining.
    expect(JSON.parse(JSON.stringify(train(examples)))).toEqual(bundledModel());
  });

  it("learns base priorities and which intents escalate", () => {
    const m = bundledModel();
    const prio = Object.fromEntries(m.intents.map((i, k) => [i, m.priorities[k]]));
    expect(prio).toMatchObject({ second_copy_invoice: "LOW", order_status: "MEDIUM", technical_issue: "HIGH", complaint: "HIGH" });
    expect([...m.escalatable].sort()).toEqual(["complaint", "technical_issue"]);
  });
});
