import OpenAI from "openai";
import type { Message } from "../../entities/message";
import { MessageSender, type Priority } from "../../schema/enums";
import type { TriageResult, TriageUsage } from "../triage/types";
import { observedAiFetch } from "../../infra/ai-metrics";
import type { Meter } from "../ai/calls.service";
import type { ToolBox } from "./ai-tools";

/** A knowledge-base article given to the model as context, numbered for citations. */
export interface ContextArticle { ref: number; id: string; title: string; url: string | null; text: string }

export interface ReplyRequest {
  history: Message[];
  triage: TriageResult;
  model: string | null;
  systemPrompt: string | null;
  clientName: string;
  tools: ToolBox;
  articles?: ContextArticle[];
  /** Records every call to the provider (tokens, cost, latency, outcome). */
  meter?: Meter;
}

export interface ReplyResult {
  text: string | null;
  handoff?: { reason: string; priority: Priority };
  usage: TriageUsage[];
  provider: string;
  /** Articles the answer cites ([n] markers or the title). */
  cited: ContextArticle[];
  /** A tool returned data the answer may rest on. */
  groundedByTool: boolean;
}

export interface Responder { reply(req: ReplyRequest): Promise<ReplyResult> }

/** Offline: the triage template, nothing more (it never states facts it does not have). */
export class TemplateResponder implements Responder {
  async reply(req: ReplyRequest): Promise<ReplyResult> {
    return { text: req.triage.response, usage: [], provider: "rules", cited: [], groundedByTool: false };
  }
}

const BASE_PROMPT = `Você é o assistente virtual de atendimento de uma empresa brasileira. Responda em português do Brasil, com frases curtas e cordiais.
Regras:
- Use apenas informações fornecidas pelas ferramentas, pelos artigos da base de conhecimento ou pela conversa. Nunca invente números de chamado, status, prazos, valores ou datas.
- Para consultar ou abrir chamados use as ferramentas. Se não souber, diga que vai verificar ou transfira para uma pessoa.
- Se o cliente pedir uma pessoa, estiver insatisfeito, quiser cancelar ou tratar de dados pessoais (LGPD), use "transferir_para_humano".
- Nunca peça senhas ou dados de cartão.`;

const KB_PROMPT = `Artigos da base de conhecimento da empresa (a única fonte para perguntas sobre produtos, preços, prazos, políticas e funcionamento):
{articles}
Ao usar um artigo, cite-o com o número entre colchetes, por exemplo [1]. Se a resposta não estiver nos artigos nem nas ferramentas, não responda com suposições: use "transferir_para_humano".`;

const MAX_ROUNDS = 4;

function citedIn(text: string, articles: readonly ContextArticle[]): ContextArticle[] {
  const refs = new Set([...text.matchAll(/\[(\d{1,2})\]/g)].map((m) => Number(m[1])));
  const lower = text.toLowerCase();
  return articles.filter((a) => refs.has(a.ref) || (a.title.length >= 8 && lower.includes(a.title.toLowerCase())));
}

function failureReason(err: unknown): string {
  if (err instanceof OpenAI.APIConnectionTimeoutError || (err instanceof Error && err.name === "TimeoutError")) return "timeout";
  if (err instanceof OpenAI.APIError && err.status) return `http ${err.status}`;
  if (err instanceof OpenAI.APIConnectionError) return "connection error";
  return "erro";
}

/** OpenAI-compatible chat with tool calling; bounded history, rounds and time. */
export class OpenAiResponder implements Responder {
  private readonly client: OpenAI;

  constructor(private readonly cfg: { apiKey: string; baseUrl?: string; model: string; timeoutMs: number; fetch?: typeof fetch }, private readonly fallback: Responder) {
    this.client = new OpenAI({ apiKey: cfg.apiKey, baseURL: cfg.baseUrl, timeout: cfg.timeoutMs, maxRetries: 0, fetch: observedAiFetch("reply", undefined, cfg.fetch) });
  }

  async reply(req: ReplyRequest): Promise<ReplyResult> {
    const model = req.model ?? this.cfg.model;
    const usage: TriageUsage[] = [];
    const articles = req.articles ?? [];
    const kb = articles.length ? KB_PROMPT.replace("{articles}", articles.map((a) => `[${a.ref}] ${a.title}\n${a.text}`).join("\n\n")) : "";
    const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [
      { role: "system", content: [BASE_PROMPT, req.systemPrompt ? `Instruções da empresa:\n${req.systemPrompt}` : "", kb, `Nome do cliente: ${req.clientName}.`].filter(Boolean).join("\n\n") },
      ...req.history.flatMap((m): OpenAI.Chat.ChatCompletionMessageParam[] => {
        const content = [m.text, m.extractedText ? `[texto extraído do anexo]: ${m.extractedText}` : null].filter(Boolean).join("\n");
        if (!content) return [];
        return [m.sender === MessageSender.CLIENT ? { role: "user", content } : { role: "assistant", content }];
      }),
    ];
    let handoff: ReplyResult["handoff"];
    let groundedByTool = false;
    const deadline = Date.now() + this.cfg.timeoutMs * 2;
    let started = Date.now();
    try {
      for (let round = 0; round < MAX_ROUNDS; round++) {
        started = Date.now();
        const completion = await this.client.chat.completions.create(
          { model, messages, tools: req.tools.definitions, tool_choice: "auto", temperature: 0.2 },
          { timeout: Math.max(500, Math.min(this.cfg.timeoutMs, deadline - Date.now())) },
        );
        const u = { model: completion.model || model, inputTokens: completion.usage?.prompt_tokens ?? 0, outputTokens: completion.usage?.completion_tokens ?? 0 };
        if (completion.usage) usage.push(u);
        await req.meter?.({ purpose: "reply", ...u, latencyMs: Date.now() - started, outcome: "ok" });
        const choice = completion.choices[0]?.message;
        if (!choice) break;
        const calls = (choice.tool_calls ?? []).filter((c) => c.type === "function");
        if (!calls.length) {
          const text = choice.content?.trim() || null;
          return { text, handoff, usage, provider: "openai", cited: text ? citedIn(text, articles) : [], groundedByTool };
        }
        messages.push({ role: "assistant", content: choice.content ?? null, tool_calls: calls });
        for (const call of calls) {
          const outcome = await req.tools.run(call.function.name, call.function.arguments);
          if (outcome.handoff) handoff = outcome.handoff;
          if (outcome.grounded) groundedByTool = true;
          messages.push({ role: "tool", tool_call_id: call.id, content: JSON.stringify(outcome.result) });
        }
      }
      // Out of rounds: hand over rather than loop.
      return { text: null, handoff: handoff ?? { reason: "O assistente não concluiu a resposta", priority: req.triage.priority as Priority }, usage, provider: "openai", cited: [], groundedByTool };
    } catch (err) {
      const reason = failureReason(err);
      await req.meter?.({ purpose: "reply", model, latencyMs: Date.now() - started, outcome: "fallback", error: reason });
      const fallback = await this.fallback.reply(req);
      return { ...fallback, handoff: fallback.text ? handoff : handoff ?? { reason: "Assistente indisponível", priority: req.triage.priority as Priority }, usage, provider: `rules (fallback: ${reason})` };
    }
  }
}
