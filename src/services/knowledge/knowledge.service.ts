/**
 * The tenant's knowledge base: articles managed through the API, found in Portuguese
 * (full-text, accent- and plural-insensitive, ranked), and what the assistant answers from.
 */
import type { DataSource, EntityManager } from "typeorm";
import { Article } from "../../entities/article";
import { inTransaction, requirePrincipal, type RequestContext } from "../../context";
import type { JobQueue } from "../../infra/jobs";
import type { Logger } from "../../infra/logger";
import { decodeCursor, encodeCursor, pageSize, type Connection, type PageArgs } from "../../schema/connection";
import { Errors } from "../../schema/errors";
import type { ArticleInput } from "../../schema/types/ai.types";
import type { AuditService } from "../audit.service";
import type { AiRuntime } from "../ai/runtime";
import type { ContextArticle } from "../conversations/ai-responder";
import { findOwned } from "../scoped";
import { optionalText, requiredText } from "../validation/input";
import { foldForSearch, paragraphs } from "./fold";
import { bestParagraph, isStrongMatch, matchMessage, writeSearchVector } from "./search";
import type { Embeddings } from "./embeddings";

export const EMBED_JOB = "knowledge.embed";
const MAX_TAGS = 20;
const EXCERPT_CHARS = 480;
const CONTEXT_CHARS = 1500;

export class KnowledgeService {
  embeddings: Embeddings | null = null;

  constructor(private readonly ds: DataSource, private readonly jobs: JobQueue, private readonly audit: AuditService, private readonly logger: Logger) {}

  async create(ctx: RequestContext, input: ArticleInput): Promise<Article> {
    const p = requirePrincipal(ctx);
    const values = validate(input);
    const article = await inTransaction(this.ds, ctx, async (tx) => {
      const saved = await tx.em.save(tx.em.create(Article, { ...values, tenantId: p.tenantId }));
      await writeSearchVector(tx.em, saved.id, saved);
      await this.audit.log(tx, "article.created", { id: saved.id, title: saved.title });
      return saved;
    });
    await this.embedLater(article);
    return article;
  }

  async update(ctx: RequestContext, id: string, input: ArticleInput): Promise<Article> {
    const values = validate(input);
    const article = await inTransaction(this.ds, ctx, async (tx) => {
      const a = await findOwned(tx, Article, id, "Artigo", { lock: true });
      Object.assign(a, values, { embedding: null, embeddingModel: null });
      const saved = await tx.em.save(a);
      await writeSearchVector(tx.em, saved.id, saved);
      await this.audit.log(tx, "article.updated", { id: saved.id, title: saved.title });
      return saved;
    });
    await this.embedLater(article);
    return article;
  }

  async remove(ctx: RequestContext, id: string): Promise<boolean> {
    return inTransaction(this.ds, ctx, async (tx) => {
      const a = await findOwned(tx, Article, id, "Artigo");
      await tx.em.delete(Article, { id: a.id, tenantId: a.tenantId });
      await this.audit.log(tx, "article.deleted", { id: a.id, title: a.title });
      return true;
    });
  }

  /**
   * Newest first; with `search`, by relevance (websearch syntax: words, "phrases", -excluded),
   * keyset-paginated on (rank, id).
   */
  async list(ctx: RequestContext, args: PageArgs & { search?: string | null }): Promise<Connection<Article>> {
    const p = requirePrincipal(ctx);
    const limit = pageSize(args.first);
    const search = args.search?.trim() ? foldForSearch(args.search.trim().slice(0, 200)) : null;
    const rankSql = `round(ts_rank_cd(a.search_vector, websearch_to_tsquery('portuguese', :search), 32)::numeric, 8)`;
    const qb = ctx.em.createQueryBuilder(Article, "a").where("a.tenant_id = :tenantId", { tenantId: p.tenantId });
    if (search) qb.andWhere("a.search_vector @@ websearch_to_tsquery('portuguese', :search)", { search });
    const totalCount = await qb.clone().getCount();
    const sort = search ? rankSql : "a.updated_at";
    if (args.after) {
      const [value, id] = decodeCursor(args.after);
      qb.andWhere(`(${sort}, a.id) < (:cursorValue, :cursorId)`, { cursorValue: value, cursorId: id });
    }
    const { entities, raw } = await qb.addSelect(sort, "sort_value").orderBy(sort, "DESC").addOrderBy("a.id", "DESC").limit(limit + 1).getRawAndEntities();
    const rows = limit === 0 ? [] : entities.slice(0, limit);
    const edges = rows.map((node, i) => {
      const v = raw[i]?.sort_value;
      return { cursor: encodeCursor(search ? Number(v) : node.updatedAt, node.id), node };
    });
    return { edges, pageInfo: { hasNextPage: entities.length > limit, endCursor: edges.at(-1)?.cursor ?? null }, totalCount };
  }

  /**
   * Offline answer from the best article when it matches the message strongly: the most
   * relevant paragraph and where to read more. Null otherwise (the template answers).
   */
  async offlineAnswer(em: EntityManager, tenantId: string, text: string): Promise<{ text: string; article: Article } | null> {
    const { terms, hits } = await matchMessage(em, tenantId, text, 3);
    const best = hits.find(isStrongMatch);
    if (!best) return null;
    const article = await em.findOneByOrFail(Article, { id: best.id, tenantId });
    const paras = paragraphs(article.body);
    const excerpt = truncate(paras[await bestParagraph(em, paras, terms)] ?? article.title, EXCERPT_CHARS);
    return { text: `${excerpt}\n\n${sourceLine(article)}`, article };
  }

  /** The articles given to an LLM for a message: full-text matches fused with embedding neighbours. */
  async contextFor(ctx: RequestContext, tenantId: string, text: string, rt: AiRuntime, meterScope: { sessionId?: string | null }): Promise<ContextArticle[]> {
    const { hits } = await matchMessage(ctx.em, tenantId, text, 5);
    let ids = hits.map((h) => h.id);
    if (this.embeddings && rt.llm?.embeddingModel) ids = await this.embeddings.rerank(ctx, tenantId, text, rt, ids, meterScope);
    if (!ids.length) return [];
    const articles = await ctx.em.findBy(Article, ids.slice(0, 3).map((id) => ({ id, tenantId })));
    return ids.slice(0, 3).flatMap((id, i) => {
      const a = articles.find((x) => x.id === id);
      return a ? [{ ref: i + 1, id: a.id, title: a.title, url: a.url, text: truncate(a.body, CONTEXT_CHARS) }] : [];
    });
  }

  /** The answer with its [n] markers replaced by the cited articles' titles and links. */
  withSources(text: string, cited: readonly ContextArticle[]): string {
    const clean = text.replace(/\s*\[\d{1,2}\]/g, "").trim();
    if (!cited.length) return clean;
    return `${clean}\n\n${cited.map((a) => sourceLine(a)).join("\n")}`;
  }

  private async embedLater(article: Article): Promise<void> {
    if (!this.embeddings || !article.published) return;
    await this.jobs.enqueue(EMBED_JOB, { articleId: article.id }, { jobId: `${EMBED_JOB}:${article.id}:${article.updatedAt.getTime()}` });
  }
}

function sourceLine(a: { title: string; url: string | null }): string {
  return a.url ? `Fonte: ${a.title} — ${a.url}` : `Fonte: ${a.title}`;
}

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const end = Math.max(cut.lastIndexOf(". "), cut.lastIndexOf("! "), cut.lastIndexOf("? "));
  return end > max / 2 ? cut.slice(0, end + 1) : `${cut.trimEnd()}…`;
}

function validate(input: ArticleInput): Pick<Article, "title" | "body" | "tags" | "published" | "url"> {
  const tags = [...new Set((input.tags ?? []).map((t) => t.trim().toLowerCase()).filter(Boolean))];
  if (tags.length > MAX_TAGS || tags.some((t) => t.length > 40)) throw Errors.badInput("tags", `Use até ${MAX_TAGS} etiquetas de até 40 caracteres.`);
  const url = optionalText("url", input.url, 500, "O link");
  if (url && !/^https?:\/\/\S+$/i.test(url)) throw Errors.badInput("url", "Link inválido (use http:// ou https://).");
  const body = input.body.trim();
  if (!body) throw Errors.badInput("body", "O texto é obrigatório.");
  if (body.length > 50_000) throw Errors.badInput("body", "O texto pode ter no máximo 50.000 caracteres.");
  return { title: requiredText("title", input.title, 200, "O título"), body, tags, published: input.published ?? true, url };
}
