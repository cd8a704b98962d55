import { describe, expect, it } from "vitest";
import { gate, LLM_CONFIDENCE_THRESHOLD, withContext, type Proposal } from "./gate";
import { RulesTriageProvider } from "./rules/rules-provider";

const rules = new RulesTriageProvider();
const llm = (text: string, p: Partial<Proposal>) =>
  gate({ proposal: { intent: "greeting", priority: "LOW", needsHuman: false, confidence: 0.95, response: "Olá!", ...p }, rules: rules.classify({ text }), source: "llm", threshold: LLM_CONFIDENCE_THRESHOLD });

describe("the gate every provider goes through", () => {
  it.each([
    ["quero cancelar minha assinatura", { intent: "cancellation" as const }],
    ["vou processar vocês, isso é um absurdo", { intent: "complaint" as const }],
    ["apaguem meus dados, LGPD", { intent: "privacy_request" as const }],
    ["quero falar com uma pessoa", { intent: "human_request" as const }],
  ])("overrides an LLM's 'no person needed' for %j", (text, p) => {
    const d = llm(text, { ...p, response: "Claro!" });
    expect(d).toMatchObject({ needsHuman: true, autoResolved: false, response: null });
    expect(d.reasons).toContain("llm_overridden");
  });

  it("overrides an LLM that mislabels a message the safety rules flag", () => {
    const d = llm("quero cancelar tudo hoje", { intent: "greeting" });
    expect(d.needsHuman).toBe(true);
    expect(d.reasons).toEqual(expect.arrayContaining(["safety:cancellation", "llm_overridden"]));
  });

  it("lets a confident LLM answer an answerable message, and holds back a doubtful one", () => {
    expect(llm("oi, tudo bem?", {})).toMatchObject({ needsHuman: false, autoResolved: true, reasons: [] });
    expect(llm("oi, tudo bem?", { confidence: 0.5 }).reasons).toEqual(["low_confidence"]);
    expect(llm("oi, tudo bem?", { needsHuman: true }).reasons).toEqual(["provider"]);
  });

  it("keeps URGENT when the rules see a legal threat the LLM under-rates", () => {
    expect(llm("meu sistema está fora do ar e a loja parada, vou no procon", { intent: "technical_issue", priority: "HIGH" }).priority).toBe("URGENT");
  });

  it("applies the offline threshold and blockers to the rules provider", () => {
    const sure = rules.triageSync({ text: "preciso da segunda via do boleto" });
    expect(sure).toMatchObject({ autoResolved: true, reasons: [] });
    const typo = rules.triageSync({ text: "quero cncelar o pedido" });
    expect(typo.autoResolved).toBe(false);
    expect(typo.reasons).toContain("sensitive:cancellation");
    const chatty = rules.triageSync({ text: "bom dia, o aplicativo de vocês não atualiza o saldo da minha conta desde ontem à noite" });
    expect(chatty.autoResolved).toBe(false);
  });

  it("adds the tenant's keywords, missing consent and AI-opened tickets", () => {
    const ok = rules.triageSync({ text: "preciso da segunda via do boleto" });
    expect(withContext(ok, {})).toBe(ok);
    expect(withContext(ok, { keyword: "boleto" })).toMatchObject({ needsHuman: true, autoResolved: false, reasons: ["keyword:boleto"] });
    expect(withContext(ok, { consent: false }).reasons).toEqual(["no_ai_consent"]);
    expect(withContext(ok, { origin: "ai_tool" }).reasons).toEqual(["ai_tool_ticket"]);
  });
});
