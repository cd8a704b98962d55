/**
 * Portuguese full-text search over a tenant's articles (plus cosine similarity of embeddings
 * when the tenant's provider has an embeddings model). Every text goes through `foldForSearch`
 * before `to_tsvector('portuguese', …)`, on both sides.
 */
import type { EntityManager } from "typeorm";
import { foldForSearch, markdownToText } from "./fold";

export interface ArticleTexts { title: string; body: string; tags: string[] }

/** Title weighs most (A), then tags (B), then the body (C). */
export async function writeSearchVector(em: EntityManager, articleId: string, a: ArticleTexts): Promise<void> {
  await em.query(
    `UPDATE articles SET search_vector =
       setweight(to_tsvector('portuguese', $2), 'A') || setweight(to_tsvector('portuguese', $3), 'B') || setweight(to_tsvector('portuguese', $4), 'C')
     WHERE id = $1`,
    [articleId, foldForSearch(a.title), foldForSearch(a.tags.join(" ")), foldForSearch(markdownToText(a.body))],
  );
}

/**
 * Words of a chat that say nothing about its subject ("você", "queria", "ajuda"): not stop words
 * of the Portuguese dictionary, but they would match any article written in the second person.
 */
const CHAT_WORDS = "voce voces gostaria queria quero preciso saber ola oi bom boa dia tarde noite obrigado obrigada favor pode posso consigo ajuda ajudar alguem aqui agora hoje tudo bem gente pessoal";

export interface TermMatch {
  id: string;
  /** Distinct message terms the article contains. */
  matched: number;
  /** Of those, terms of the title. */
  titleMatched: number;
  titleTerms: number;
  rank: number;
}

/**
 * Articles sharing terms with a customer's message (any term: a message is not a keyword
 * query), with how many of its terms each contains, best first.
 */
export async function matchMessage(em: EntityManager, tenantId: string, text: string, limit = 5): Promise<{ terms: string[]; hits: TermMatch[] }> {
  const [{ terms }] = (await em.query(
    `SELECT coalesce(array_agg(t), '{}') AS terms FROM unnest(tsvector_to_array(to_tsvector('portuguese', $1))) t
     WHERE t <> ALL(tsvector_to_array(to_tsvector('portuguese', $2)))`,
    [foldForSearch(text), CHAT_WORDS],
  )) as Array<{ terms: string[] }>;
  if (!terms?.length) return { terms: [], hits: [] };
  const rows: Array<{ id: string; matched: number; title_matched: number; title_terms: number; rank: number }> = await em.query(
    `WITH q AS (SELECT $2::text[] AS terms, (SELECT string_agg(quote_literal(t), ' | ') FROM unnest($2::text[]) t)::tsquery AS query)
     SELECT a.id,
            (SELECT count(*) FROM unnest(tsvector_to_array(a.search_vector)) l WHERE l = ANY(q.terms))::int AS matched,
            (SELECT count(*) FROM unnest(tsvector_to_array(ts_filter(a.search_vector, '{a}'))) l WHERE l = ANY(q.terms))::int AS title_matched,
            cardinality(tsvector_to_array(ts_filter(a.search_vector, '{a}')))::int AS title_terms,
            ts_rank_cd(a.search_vector, q.query, 32)::float8 AS rank
     FROM articles a, q
     WHERE a.tenant_id = $1 AND a.published AND a.search_vector @@ q.query
     ORDER BY rank DESC, a.id LIMIT $3`,
    [tenantId, terms, limit],
  );
  return { terms, hits: rows.map((r) => ({ id: r.id, matched: r.matched, titleMatched: r.title_matched, titleTerms: r.title_terms, rank: Number(r.rank) })) };
}

/**
 * A match strong enough to answer with the article alone: it shares at least two terms with
 * the message, one of them in the title, and either most of the title or three terms overall.
 */
export function isStrongMatch(m: TermMatch): boolean {
  return m.titleMatched >= 1 && m.matched >= 2 && (m.titleMatched / Math.max(1, m.titleTerms) >= 0.5 || m.matched >= 3);
}

/** Index of the paragraph sharing most terms with the message (the first on ties). */
export async function bestParagraph(em: EntityManager, paras: string[], terms: string[]): Promise<number> {
  if (paras.length <= 1) return 0;
  const rows: Array<{ i: number; hits: number }> = await em.query(
    `SELECT t.i::int AS i, (SELECT count(*) FROM unnest(tsvector_to_array(to_tsvector('portuguese', t.p))) l WHERE l = ANY($2::text[]))::int AS hits
     FROM unnest($1::text[]) WITH ORDINALITY AS t(p, i) ORDER BY hits DESC, t.i LIMIT 1`,
    [paras.map(foldForSearch), terms],
  );
  return Math.max(0, (rows[0]?.i ?? 1) - 1);
}

/** Cosine similarity (embeddings are stored at unit length), pgvector when installed. */
export async function nearestByEmbedding(em: EntityManager, tenantId: string, model: string, vector: number[], pgvector: boolean, limit = 5): Promise<Array<{ id: string; similarity: number }>> {
  const sql = pgvector
    ? `SELECT id, (1 - (embedding::vector <=> $3::real[]::vector))::float8 AS similarity FROM articles
       WHERE tenant_id = $1 AND published AND embedding_model = $2 AND embedding IS NOT NULL ORDER BY embedding::vector <=> $3::real[]::vector LIMIT $4`
    : `SELECT a.id, (SELECT sum(x * y) FROM unnest(a.embedding, $3::real[]) AS t(x, y))::float8 AS similarity FROM articles a
       WHERE a.tenant_id = $1 AND a.published AND a.embedding_model = $2 AND a.embedding IS NOT NULL ORDER BY similarity DESC, a.id LIMIT $4`;
  const rows: Array<{ id: string; similarity: number }> = await em.query(sql, [tenantId, model, vector, limit]);
  return rows.map((r) => ({ id: r.id, similarity: Number(r.similarity) }));
}

/** Reciprocal rank fusion of ranked id lists (k = 60, the usual constant). */
export function fuse(lists: string[][], k = 60): string[] {
  const score = new Map<string, number>();
  for (const list of lists) list.forEach((id, i) => score.set(id, (score.get(id) ?? 0) + 1 / (k + i + 1)));
  return [...score.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([id]) => id);
}
