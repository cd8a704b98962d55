import { describe, expect, it } from "vitest";
import { platformActivities, type PlatformFacts } from "./processing-defaults";

const base: PlatformFacts = {
  aiProvider: "rules", aiHost: null, aiModel: null, requireAiConsent: false, transcription: false, inboxProviders: [],
  retentionDays: 90, deletionGraceDays: 15, storage: "local", cnpjSources: ["brasilapi.com.br"],
};

describe("record of processing: prefilled from what the platform does", () => {
  it("names the AI provider, its model and the transfer abroad when an LLM answers", () => {
    const ai = platformActivities({ ...base, aiProvider: "openai", aiHost: "api.groq.com", aiModel: "llama-3.3-70b", transcription: true }).find((a) => a.key === "ai_processing")!;
    expect(ai.recipients).toEqual(["Groq, Inc. (EUA) — API api.groq.com, modelo llama-3.3-70b"]);
    expect(ai.internationalTransfer).toMatch(/Groq/);
    expect(ai.dataCategories).toContain("Áudios (transcrição)");
  });

  it("says nothing leaves the server with the rules classifier, and consent is the basis when the tenant requires it", () => {
    const ai = platformActivities({ ...base, requireAiConsent: true }).find((a) => a.key === "ai_processing")!;
    expect(ai.recipients).toEqual([]);
    expect(ai.internationalTransfer).toBeNull();
    expect(ai.legalBasis).toMatch(/Consentimento/);
  });

  it("lists the channel providers, cloud storage and CNPJ sources that receive data", () => {
    const acts = platformActivities({ ...base, inboxProviders: ["WHATSAPP_CLOUD"], storage: "abc.r2.cloudflarestorage.com" });
    expect(acts.find((a) => a.key === "support_conversations")!.recipients).toEqual(["Meta Platforms, Inc. (WhatsApp Cloud API)", "Armazenamento de arquivos em nuvem (abc.r2.cloudflarestorage.com)"]);
    expect(acts.find((a) => a.key === "cnpj_lookup")!.recipients[0]).toMatch(/brasilapi\.com\.br/);
    expect(acts.map((a) => a.position)).toEqual(acts.map((_, i) => i + 1));
  });
});
