import { Column, Entity, Index } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { TenantScopedEntity } from "./tenant-scoped";

/**
 * A knowledge-base article the AI answers from. `search_vector` is the Portuguese full-text
 * index of title (weight A), tags (B) and body (C), written by the service from accent-folded
 * text (the same folding is applied to queries; see services/knowledge/fold.ts).
 */
@ObjectType()
@Entity("articles")
@Index("articles_tenant_updated_idx", ["tenantId", "updatedAt", "id"])
@Index("articles_search_idx", { synchronize: false })
export class Article extends TenantScopedEntity {
  @Field(() => String)
  @Column({ type: "text" })
  title!: string;

  /** Markdown. */
  @Field(() => String)
  @Column({ type: "text" })
  body!: string;

  @Field(() => [String])
  @Column({ type: "jsonb", default: () => "'[]'" })
  tags!: string[];

  @Field(() => Boolean)
  @Column({ type: "boolean", default: true })
  published!: boolean;

  /** Public page of the article, cited in answers. */
  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  url!: string | null;

  @Column({ name: "search_vector", type: "tsvector", nullable: true, select: false })
  searchVector!: string | null;

  /** Unit-length embedding of title and body, when the tenant's provider has an embeddings model. */
  @Column({ type: "real", array: true, nullable: true, select: false })
  embedding!: number[] | null;

  @Column({ name: "embedding_model", type: "text", nullable: true })
  embeddingModel!: string | null;
}
