/**
 * Article embeddings for tenants whose provider has an embeddings model: computed in a job
 * when an article is saved, used at answer time next to the full-text ranking (reciprocal rank
 * fusion). pgvector does the distance when the extension is installed, SQL over real[] otherwise.
 */
import type { DataSource } from "typeorm";
import { Article } from "../../entities/article";
import type { RequestContext } from "../../context";
import type { Logger } from "../../infra/logger";
import type { AiCallsService } from "../ai/calls.service";
import type { AiRuntime, AiRuntimeLookup } from "../ai/runtime";
import { markdownToText } from "./fold";
import { fuse, nearestByEmbedding } from "./search";

const MAX_INPUT_CHARS = 8000;

function unit(v: number[]): number[] {
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
  return v.map((x) => x / norm);
}

export class Embeddings {
  private pgvector: Promise<boolean> | null = null;

  constructor(
    private readonly ds: DataSource,
    private readonly runtime: AiRuntimeLookup,
    private readonly calls: AiCallsService,
    private readonly systemContext: (tenantId: string) => RequestContext,
    private readonly logger: Logger,
  ) {}

  /** The job: embeds one article with the tenant's current embeddings model (a no-op without one). */
  async embedArticle(articleId: string): Promise<void> {
    const article = await this.ds.manager.findOneBy(Article, { id: articleId });
    if (!article || !article.published) return;
    const ctx = this.systemContext(article.tenantId);
    const rt = await this.runtime(ctx, article.tenantId);
    const model = rt.llm?.embeddingModel;
    if (!rt.llm || !model) return;
    const vector = await this.embed(ctx, article.tenantId, rt, `${article.title}\n\n${markdownToText(article.body)}`, { sessionId: null });
    // Saved only if the article did not change meanwhile (a newer job embeds the new text).
    await this.ds.query(`UPDATE articles SET embedding = $1::real[], embedding_model = $2 WHERE id = $3 AND updated_at = $4`, [vector, model, article.id, article.updatedAt]);
  }

  /** Full-text matches fused with the nearest articles by embedding. */
  async rerank(ctx: RequestContext, tenantId: string, text: string, rt: AiRuntime, ftsIds: string[], scope: { sessionId?: string | null }): Promise<string[]> {
    const model = rt.llm?.embeddingModel;
    if (!rt.llm || !model) return ftsIds;
    try {
      const vector = await this.embed(ctx, tenantId, rt, text, scope);
      const near = await nearestByEmbedding(ctx.em, tenantId, model, vector, await this.hasPgvector());
      // Unrelated neighbours are not context: only reasonably similar ones join the fusion.
      return fuse([ftsIds, near.filter((n) => n.similarity >= 0.3).map((n) => n.id)]);
    } catch (err) {
      this.logger.warn({ err, tenantId }, "embedding search failed; using full-text ranking only");
      return ftsIds;
    }
  }

  private async embed(ctx: RequestContext, tenantId: string, rt: AiRuntime, input: string, scope: { sessionId?: string | null }): Promise<number[]> {
    const llm = rt.llm!;
    const model = llm.embeddingModel!;
    const meter = this.calls.meter({ tenantId, sessionId: scope.sessionId ?? null, providerKind: rt.kind, label: llm.label, price: llm.price }, ctx.em);
    const started = Date.now();
    try {
      const r = await llm.client.embeddings.create({ model, input: input.slice(0, MAX_INPUT_CHARS) });
      await meter({ purpose: "embedding", model, inputTokens: r.usage?.prompt_tokens ?? 0, latencyMs: Date.now() - started, outcome: "ok" });
      const v = r.data[0]?.embedding;
      if (!Array.isArray(v) || !v.length) throw new Error("empty embedding");
      return unit(v);
    } catch (err) {
      await meter({ purpose: "embedding", model, latencyMs: Date.now() - started, outcome: "error", error: err instanceof Error ? err.message.slice(0, 100) : "erro" });
      throw err;
    }
  }

  private hasPgvector(): Promise<boolean> {
    return (this.pgvector ??= this.ds.query(`SELECT 1 FROM pg_extension WHERE extname = 'vector'`).then((r: unknown[]) => r.length > 0, () => false));
  }
}
