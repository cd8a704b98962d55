import OpenAI from "openai";
import type { Message } from "../../entities/message";
import { MessageSender, type Priority } from "../../schema/enums";
import type { TriageResult, TriageUsage } from "../triage/types";
import { AI_TOOLS, runTool, type ToolContext } from "./ai-tools";
import { observedAiFetch } from "../../infra/ai-metrics";

export interface ReplyRequest {
  history: Message[];
  triage: TriageResult;
  model: string | null;
  systemPrompt: string | null;
  clientName: string;
  tools: ToolContext;
}

export interface ReplyResult {
  text: string | null;
  handoff?: { reason: string; priority: Priority };
  usage: TriageUsage[];
  provider: string;
}

export interface Responder { reply(req: ReplyRequest): Promise<ReplyResult> }

/** Offline: the triage template, nothing more (it never states facts it does not have). */
export class TemplateResponder implements Responder {
  async reply(req: ReplyRequest): Promise<ReplyResult> {
    return { text: req.triage.response, usage: [], provider: "rules" };
  }
}

const BASE_PROMPT = `Você é o assistente virtual de atendimento de uma empresa brasileira. Responda em português do Brasil, com frases curtas e cordiais.
Regras:
- Use apenas informações fornecidas pelas ferramentas ou pela conversa. Nunca invente números de chamado, status, prazos, valores ou datas.
- Para consultar ou abrir chamados use as ferramentas. Se não souber, diga que vai verificar ou transfira para uma pessoa.
- Se o cliente pedir uma pessoa, estiver insatisfeito, quiser cancelar ou tratar de dados pessoais (LGPD), use "transferir_para_humano".
- Nunca peça senhas ou dados de cartão.`;

const MAX_ROUNDS = 4;

/** OpenAI-compatible chat with tool calling; bounded history, rounds and time. */
export class OpenAiResponder implements Responder {
  private readonly client: OpenAI;

  constructor(private readonly cfg: { apiKey: string; baseUrl?: string; model: string; timeoutMs: number }, private readonly fallback: Responder) {
    this.client = new OpenAI({ apiKey: cfg.apiKey, baseURL: cfg.baseUrl, timeout: cfg.timeoutMs, maxRetries: 0, fetch: observedAiFetch("reply") });
  }

  async reply(req: ReplyRequest): Promise<ReplyResult> {
    const model = req.model ?? this.cfg.model;
    const usage: TriageUsage[] = [];
    const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [
      { role: "system", content: [BASE_PROMPT, req.systemPrompt ? `Instruções da empresa:\n${req.systemPrompt}` : "", `Nome do cliente: ${req.clientName}.`].filter(Boolean).join("\n\n") },
      ...req.history.flatMap((m): OpenAI.Chat.ChatCompletionMessageParam[] => {
        const content = [m.text, m.extractedText ? `[texto extraído do anexo]: ${m.extractedText}` : null].filter(Boolean).join("\n");
        if (!content) return [];
        return [m.sender === MessageSender.CLIENT ? { role: "user", content } : { role: "assistant", content }];
      }),
    ];
    let handoff: ReplyResult["handoff"];
    const deadline = Date.now() + this.cfg.timeoutMs * 2;
    try {
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const completion = await this.client.chat.completions.create(
          { model, messages, tools: AI_TOOLS, tool_choice: "auto", temperature: 0.2 },
          { timeout: Math.max(500, Math.min(this.cfg.timeoutMs, deadline - Date.now())) },
        );
        if (completion.usage) usage.push({ model: completion.model || model, inputTokens: completion.usage.prompt_tokens, outputTokens: completion.usage.completion_tokens });
        const choice = completion.choices[0]?.message;
        if (!choice) break;
        const calls = (choice.tool_calls ?? []).filter((c) => c.type === "function");
        if (!calls.length) return { text: choice.content?.trim() || null, handoff, usage, provider: "openai" };
        messages.push({ role: "assistant", content: choice.content ?? null, tool_calls: calls });
        for (const call of calls) {
          const outcome = await runTool(call.function.name, call.function.arguments, req.tools);
          if (outcome.handoff) handoff = outcome.handoff;
          messages.push({ role: "tool", tool_call_id: call.id, content: JSON.stringify(outcome.result) });
        }
      }
      // Out of rounds: hand over rather than loop.
      return { text: null, handoff: handoff ?? { reason: "O assistente não concluiu a resposta", priority: req.triage.priority as Priority }, usage, provider: "openai" };
    } catch (err) {
      const fallback = await this.fallback.reply(req);
      const reason = err instanceof OpenAI.APIConnectionTimeoutError ? "timeout" : err instanceof OpenAI.APIError ? `http ${err.status ?? "?"}` : "erro";
      return { ...fallback, handoff: fallback.text ? handoff : handoff ?? { reason: "Assistente indisponível", priority: req.triage.priority as Priority }, usage, provider: `rules (fallback: ${reason})` };
    }
  }
}
