/**
 * Tenant HTTP tools: what the assistant may call beyond the ticket tools, and the toolbox
 * offered to the model in a conversation (every call logged in the session's history).
 */
import type { DataSource } from "typeorm";
import type { ValidateFunction } from "ajv";
import { AiTool } from "../../../entities/ai-tool";
import { AiToolCall } from "../../../entities/ai-tool-call";
import { inTransaction, requirePrincipal, type RequestContext } from "../../../context";
import type { SecretBox } from "../../../infra/crypto";
import { newWebhookSecret } from "../../../infra/standard-webhooks";
import { UrlGuardError } from "../../../infra/url-guard";
import { Errors } from "../../../schema/errors";
import type { AiToolInput } from "../../../schema/types/ai.types";
import type { AuditService } from "../../audit.service";
import { AI_TOOLS, BUILTIN_TOOL_NAMES, runTool, type ToolBox, type ToolContext, type ToolOutcome } from "../../conversations/ai-tools";
import { findOwned } from "../../scoped";
import { intInRange, requiredText } from "../../validation/input";
import type { AiCallsService } from "../calls.service";
import type { TenantUrlGuards } from "../url-guards";
import { callHttpTool } from "./http-tool";
import { compileToolSchema, describe, ToolSchemaError } from "./json-schema";

const NAME = /^[a-z][a-z0-9_]{1,63}$/;
const METHODS = ["GET", "POST"];
const MAX_TOOLS = 20;
/** What of a result is kept in the history: enough for the agent, bounded for the table. */
const MAX_LOGGED_CHARS = 8_000;

function bounded(value: unknown): unknown {
  const json = JSON.stringify(value ?? null);
  return json.length <= MAX_LOGGED_CHARS ? value : { truncated: json.slice(0, MAX_LOGGED_CHARS) };
}

export class AiToolsService {
  private readonly validators = new Map<string, { stamp: number; validate: ValidateFunction }>();

  constructor(
    private readonly ds: DataSource,
    private readonly box: SecretBox,
    private readonly guards: TenantUrlGuards,
    private readonly calls: AiCallsService,
    private readonly audit: AuditService,
  ) {}

  list(ctx: RequestContext): Promise<AiTool[]> {
    return ctx.em.find(AiTool, { where: { tenantId: requirePrincipal(ctx).tenantId }, order: { name: "ASC" } });
  }

  async create(ctx: RequestContext, input: AiToolInput): Promise<AiTool> {
    const p = requirePrincipal(ctx);
    const values = await this.validate(p.tenantId, input);
    const secret = newWebhookSecret();
    const tool = await inTransaction(this.ds, ctx, async (tx) => {
      if ((await tx.em.count(AiTool, { where: { tenantId: p.tenantId } })) >= MAX_TOOLS) throw Errors.badInput("name", `Cada empresa pode ter até ${MAX_TOOLS} ferramentas.`);
      await this.assertFreeName(tx, p.tenantId, values.name);
      const saved = await tx.em.save(tx.em.create(AiTool, { ...values, tenantId: p.tenantId, secretSealed: this.box.seal(secret) }));
      await this.audit.log(tx, "ai_tool.created", { id: saved.id, name: saved.name, url: saved.url });
      return saved;
    });
    // Shown once: only the creation answer carries it.
    return Object.assign(tool, { secret });
  }

  async update(ctx: RequestContext, id: string, input: AiToolInput): Promise<AiTool> {
    const p = requirePrincipal(ctx);
    const values = await this.validate(p.tenantId, input);
    return inTransaction(this.ds, ctx, async (tx) => {
      const tool = await findOwned(tx, AiTool, id, "Ferramenta", { lock: true });
      if (values.name !== tool.name) await this.assertFreeName(tx, p.tenantId, values.name);
      Object.assign(tool, values);
      const saved = await tx.em.save(tool);
      await this.audit.log(tx, "ai_tool.updated", { id: tool.id, name: tool.name, url: tool.url });
      return saved;
    });
  }

  async remove(ctx: RequestContext, id: string): Promise<boolean> {
    return inTransaction(this.ds, ctx, async (tx) => {
      const tool = await findOwned(tx, AiTool, id, "Ferramenta");
      await tx.em.delete(AiTool, { id: tool.id, tenantId: tool.tenantId });
      await this.audit.log(tx, "ai_tool.deleted", { id: tool.id, name: tool.name });
      return true;
    });
  }

  /** The ticket tools plus the tenant's enabled HTTP tools, each call logged in the session's history. */
  async toolbox(tc: ToolContext): Promise<ToolBox> {
    const tools = await tc.ctx.em.find(AiTool, { where: { tenantId: tc.tenantId, enabled: true }, order: { name: "ASC" } });
    const byName = new Map(tools.map((t) => [t.name, t]));
    const log = (name: string, external: boolean, args: unknown, result: unknown, outcome: string, latencyMs: number) =>
      tc.ctx.em.insert(AiToolCall, { tenantId: tc.tenantId, sessionId: tc.sessionId, name, external, arguments: bounded(args) as never, result: bounded(result) as never, outcome, latencyMs });
    return {
      definitions: [
        ...AI_TOOLS,
        ...tools.map((t) => ({ type: "function" as const, function: { name: t.name, description: t.description, parameters: t.parametersSchema } })),
      ],
      run: async (name, rawArgs): Promise<ToolOutcome> => {
        const started = Date.now();
        let args: unknown;
        try {
          args = rawArgs ? JSON.parse(rawArgs) : {};
        } catch {
          await log(name, byName.has(name), rawArgs, null, "invalid_arguments", 0);
          return { result: { error: "argumentos inválidos: JSON malformado" } };
        }
        const tool = byName.get(name);
        if (!tool) {
          const outcome = await runTool(name, rawArgs, tc);
          await log(name, false, args, outcome.result, outcome.result && typeof outcome.result === "object" && "error" in outcome.result ? "error" : "ok", Date.now() - started);
          return outcome;
        }
        const validate = this.validator(tool);
        if (!validate(args)) {
          const error = `argumentos inválidos: ${describe(validate.errors)}`;
          await log(name, true, args, { error }, "invalid_arguments", 0);
          return { result: { error } };
        }
        const r = await callHttpTool(this.guards.for(tc.tenantId), { name: tool.name, url: tool.url, method: tool.method, timeoutMs: tool.timeoutMs, maxResponseBytes: tool.maxResponseBytes, secret: this.box.open(tool.secretSealed) }, {
          arguments: args as Record<string, unknown>, clientId: tc.clientId, sessionId: tc.sessionId,
        });
        await log(name, true, args, r.result, r.outcome, r.latencyMs);
        await this.calls.record(tc.ctx.em, { tenantId: tc.tenantId, sessionId: tc.sessionId, providerKind: "TOOL" }, {
          purpose: "tool", model: tool.name, latencyMs: r.latencyMs, outcome: r.outcome === "ok" ? "ok" : "error", error: r.outcome === "ok" ? null : r.outcome,
        });
        return { result: r.result, grounded: r.outcome === "ok" };
      },
    };
  }

  private validator(tool: AiTool): ValidateFunction {
    const hit = this.validators.get(tool.id);
    if (hit?.stamp === tool.updatedAt.getTime()) return hit.validate;
    const validate = compileToolSchema(tool.parametersSchema);
    this.validators.set(tool.id, { stamp: tool.updatedAt.getTime(), validate });
    return validate;
  }

  private async validate(tenantId: string, input: AiToolInput): Promise<Pick<AiTool, "name" | "description" | "parametersSchema" | "url" | "method" | "timeoutMs" | "maxResponseBytes" | "enabled">> {
    const name = input.name.trim();
    if (!NAME.test(name)) throw Errors.badInput("name", "Nome inválido: use letras minúsculas, números e _ (ex.: consultar_pedido), começando por letra.");
    if (BUILTIN_TOOL_NAMES.has(name)) throw Errors.badInput("name", "Esse nome é de uma ferramenta da plataforma.");
    const description = requiredText("description", input.description, 1000, "A descrição");
    try {
      compileToolSchema(input.parametersSchema);
    } catch (err) {
      if (err instanceof ToolSchemaError) throw Errors.badInput("parametersSchema", err.message);
      throw err;
    }
    let url: string;
    try {
      url = (await this.guards.for(tenantId).check(input.url.trim())).toString();
    } catch (err) {
      if (err instanceof UrlGuardError) throw Errors.badInput("url", err.message);
      throw err;
    }
    const method = (input.method ?? "POST").trim().toUpperCase();
    if (!METHODS.includes(method)) throw Errors.badInput("method", "Use GET ou POST.");
    return {
      name, description, parametersSchema: input.parametersSchema, url, method,
      timeoutMs: input.timeoutMs == null ? 5000 : intInRange("timeoutMs", input.timeoutMs, 100, 30_000, "O tempo limite (ms)"),
      maxResponseBytes: input.maxResponseBytes == null ? 65_536 : intInRange("maxResponseBytes", input.maxResponseBytes, 256, 1_048_576, "O limite de resposta (bytes)"),
      enabled: input.enabled ?? true,
    };
  }

  private async assertFreeName(tx: RequestContext, tenantId: string, name: string): Promise<void> {
    if (await tx.em.exists(AiTool, { where: { tenantId, name } })) throw Errors.badInput("name", "Já existe uma ferramenta com esse nome.");
  }
}
