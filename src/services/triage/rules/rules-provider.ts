import { INTENTS, PRIORITIES, type TriageInput, type TriageProvider, type TriageResult } from "../types";
import { autoResolveThreshold, classify, type Classification } from "./classify";
import { gate } from "../gate";
import type { TriageModel } from "./model";
// Imported rather than read from disk so the build (dist/src/...) carries it along and no path
// juggling is needed at run time. Regenerate with scripts/train-triage.ts.
import bundled from "./model.json";
import { templateFor } from "./templates";

/** Checks a parsed model file against the current intent set before trusting it. */
export function loadModel(json: unknown): TriageModel {
  const m = json as Partial<TriageModel> | null;
  const ok =
    m != null &&
    m.version === 1 &&
    Array.isArray(m.intents) &&
    m.intents.length === INTENTS.length &&
    m.intents.every((i, k) => i === INTENTS[k]) &&
    Array.isArray(m.features) &&
    typeof m.weights === "string" &&
    typeof m.weightScale === "number" &&
    Array.isArray(m.bias) &&
    m.bias.length === INTENTS.length &&
    Array.isArray(m.priorities) &&
    m.priorities.every((p) => (PRIORITIES as readonly string[]).includes(p)) &&
    Array.isArray(m.escalatable) &&
    typeof m.lowConfidence === "number" &&
    m.groupWeights != null;
  if (!ok) throw new Error("triage model file does not match this version of the code; rerun scripts/train-triage.ts");
  return m as TriageModel;
}

let defaultModel: TriageModel | undefined;
export function bundledModel(): TriageModel {
  return (defaultModel ??= loadModel(bundled));
}

/** Offline, deterministic triage: linear model + safety rules + templates. */
export class RulesTriageProvider implements TriageProvider {
  readonly name = "rules";
  private readonly model: TriageModel;

  constructor(model?: TriageModel) {
    this.model = model ?? bundledModel();
  }

  /** Below this confidence a message goes to a person (calibrated; see docs/triage-calibration.md). */
  get lowConfidence(): number {
    return autoResolveThreshold(this.model);
  }

  /** The model in use (the shipped one or a tenant's retrained one). */
  get trained(): TriageModel {
    return this.model;
  }

  /** Full pipeline detail, including the safety flags the LLM provider enforces. */
  classify(input: TriageInput): Classification {
    return classify(this.model, input.text ?? "", input.channel);
  }

  /** Synchronous core, also used by the LLM provider as its fallback. */
  triageSync(input: TriageInput): TriageResult {
    const c = this.classify(input);
    const d = gate({ proposal: { ...c, response: templateFor(c.intent) }, rules: c, source: "rules", threshold: this.lowConfidence });
    return {
      intent: c.intent,
      priority: d.priority,
      needsHuman: d.needsHuman,
      autoResolved: d.autoResolved,
      confidence: Math.round(c.confidence * 1000) / 1000,
      response: d.response,
      provider: this.name,
      reasons: d.reasons,
    };
  }

  async triage(input: TriageInput): Promise<TriageResult> {
    return this.triageSync(input);
  }
}
