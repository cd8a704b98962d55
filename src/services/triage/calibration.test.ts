import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { gateFigures } from "./calibration/calibrate";
import { dropAccents, internetes, perturb, perturbedCopies, reorderClauses, typos } from "./calibration/perturb";
import { crossValidatedPredictions, leaveOneChannelOutPredictions } from "./calibration/predictions";
import { heldoutPredictions } from "./calibration/report";
import { autoResolveThreshold, classify } from "./rules/classify";
import { parseJsonl } from "./rules/evaluate";
import { mulberry32 } from "./rules/model";
import { bundledModel } from "./rules/rules-provider";
import calibration from "./rules/calibration.json";

const dev = parseJsonl(fs.readFileSync(path.resolve(process.cwd(), "../shared/fixtures/triage/dev.jsonl"), "utf8"));
const heldout = parseJsonl(fs.readFileSync(path.resolve(process.cwd(), "test/fixtures/triage/heldout.jsonl"), "utf8"));
const threshold = autoResolveThreshold(bundledModel());

describe("perturbations", () => {
  const rnd = () => mulberry32(42);

  it("drops accents, writes internetês, makes typos and reorders clauses", () => {
    expect(dropAccents("Não consigo emitir a segunda via, você pode ajudar?")).toBe("Nao consigo emitir a segunda via, voce pode ajudar?");
    expect(internetes("você não sabe porque também está assim", rnd(), 1)).not.toMatch(/você|não|porque|também/);
    const typed = typos("preciso cancelar minha assinatura amanhã cedo", rnd(), 1);
    expect(typed).not.toBe("preciso cancelar minha assinatura amanhã cedo");
    expect(typed.split(" ")).toHaveLength(6);
    expect(reorderClauses("o app trava, desde ontem, já reinstalei", rnd()).split(", ").sort()).toEqual(["desde ontem", "já reinstalei", "o app trava"]);
  });

  it("is reproducible from its seed and keeps the labels", () => {
    const a = perturbedCopies(dev.slice(0, 20), 3, 7);
    expect(perturbedCopies(dev.slice(0, 20), 3, 7)).toEqual(a);
    expect(a).toHaveLength(60);
    expect(a.every((p, i) => p.intent === dev[Math.floor(i / 3)]!.intent && p.kinds.length > 0)).toBe(true);
    expect(a.filter((p, i) => p.text !== dev[Math.floor(i / 3)]!.text).length).toBeGreaterThan(40);
  });

  it("never turns a content-free message into something else", () => {
    for (let s = 0; s < 50; s++) expect(perturb("?", ["slang", "casing"], mulberry32(s))).not.toMatch(/\p{L}{2,} \p{L}/u);
  });
});

describe("offline gate: calibrated threshold", () => {
  it("is the committed calibration", () => {
    expect(threshold).toBe(calibration.autoResolveThreshold);
    expect(threshold).toBeGreaterThan(0.5);
  });

  // Seeds the calibration never drew: a fresh perturbed evaluation.
  it("auto-resolves no message needing a person on a fresh perturbed evaluation (k-fold and leave-one-channel-out)", () => {
    const opt = { folds: 5, copies: 4, seed: 777 };
    const preds = [...crossValidatedPredictions(dev, opt), ...leaveOneChannelOutPredictions(dev, opt)];
    const f = gateFigures(preds, threshold);
    expect(f.unsafeAutoResolutions).toBe(0);
    expect(f.needsHumanRecall).toBe(1);
    // Still answers a useful share on its own.
    expect(f.autoResolutionRate).toBeGreaterThan(0.15);
  }, 120_000);

  it("auto-resolves no message needing a person on the held-out set, as written and perturbed", () => {
    const preds = heldoutPredictions(bundledModel(), heldout);
    const asWritten = gateFigures(preds.filter((p) => p.kinds.length === 0), threshold);
    const perturbed = gateFigures(preds.filter((p) => p.kinds.length > 0), threshold);
    expect(asWritten.n).toBe(heldout.length);
    expect(asWritten.unsafeAutoResolutions).toBe(0);
    expect(perturbed.unsafeAutoResolutions).toBe(0);
    expect(asWritten.autoResolutionRate).toBeGreaterThan(0.1);
  });

  it("the shipped classifier applies it by default", () => {
    const m = bundledModel();
    for (const e of heldout) {
      const c = classify(m, e.text, e.channel);
      if (!c.needsHuman) expect(c.confidence).toBeGreaterThanOrEqual(threshold);
      if (e.needsHuman) expect(c.needsHuman, e.text).toBe(true);
    }
  });
});
