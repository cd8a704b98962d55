import OpenAI from "openai";
import type { QualificationValue } from "../../../entities/lead";
import type { QualificationFieldDef } from "../../../entities/pipeline";
import { QualificationFieldType as FieldType } from "../../../schema/crm-enums";
import { coerceValue } from "../pipeline-config";

export interface TranscriptLine { from: "cliente" | "empresa"; text: string }

const TYPE_HINT: Record<FieldType, string> = {
  [FieldType.NUMBER]: "número",
  [FieldType.MONEY]: "valor em reais, número sem R$",
  [FieldType.TEXT]: "texto curto",
  [FieldType.CITY]: "nome do município, com a UF se souber (ex.: Campinas/SP)",
  [FieldType.BOOLEAN]: "true ou false",
  [FieldType.CHOICE]: "uma das opções",
};

/**
 * Qualification answers read by the tenant's language model from the conversation
 * (an OpenAI-compatible chat API answering JSON). Values are checked against the
 * field types; anything else is dropped. Throws on API failure (the caller falls
 * back to the rules).
 */
export class LlmLeadExtractor {
  private readonly client: OpenAI;

  constructor(private readonly cfg: { apiKey: string; baseUrl?: string; model: string; timeoutMs: number }) {
    this.client = new OpenAI({ apiKey: cfg.apiKey, baseURL: cfg.baseUrl, timeout: cfg.timeoutMs, maxRetries: 0 });
  }

  async extract(fields: QualificationFieldDef[], transcript: TranscriptLine[], model?: string | null): Promise<{ values: Record<string, QualificationValue>; usage: { model: string; inputTokens: number; outputTokens: number } | null }> {
    const spec = fields.map((f) => `- "${f.key}": ${f.label} (${TYPE_HINT[f.type]}${f.type === FieldType.CHOICE ? `: ${(f.options ?? []).join(", ")}` : ""})`).join("\n");
    const completion = await this.client.chat.completions.create({
      model: model || this.cfg.model,
      temperature: 0,
      response_format: { type: "json_object" },
      messages: [
        {
          role: "system",
          content: `Você extrai dados de qualificação de um potencial cliente a partir de uma conversa de atendimento em português. Responda apenas com um objeto JSON com estas chaves:\n${spec}\nUse null quando a conversa não informar o dado com clareza. Não invente valores.`,
        },
        { role: "user", content: transcript.map((l) => `${l.from}: ${l.text}`).join("\n") },
      ],
    });
    const raw = completion.choices[0]?.message?.content ?? "{}";
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      throw new Error("lead extraction: the model did not answer JSON");
    }
    const values: Record<string, QualificationValue> = {};
    for (const f of fields) {
      try {
        const v = coerceValue(f, parsed[f.key]);
        if (v !== null) values[f.key] = v;
      } catch {
        // a value of the wrong type is not an answer
      }
    }
    const u = completion.usage;
    return { values, usage: u ? { model: completion.model, inputTokens: u.prompt_tokens, outputTokens: u.completion_tokens } : null };
  }
}
