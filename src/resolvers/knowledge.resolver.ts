import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../context";
import { Article } from "../entities/article";
import { Role } from "../schema/enums";
import { ArticleConnection, ArticleInput } from "../schema/types/ai.types";
import type { Services } from "../services";

const READERS = [Role.ADMIN, Role.SUPERVISOR, Role.AGENT, Role.INTEGRATOR];
// Integrators may sync the knowledge base from the company's own help center.
const EDITORS = [Role.ADMIN, Role.SUPERVISOR, Role.INTEGRATOR];

@Resolver(() => Article)
export class ArticleResolver {
  constructor(private readonly services: Services) {}

  @Authorized(READERS)
  @Query(() => ArticleConnection, { description: "Base de conhecimento; com search, busca em português (sem acentos, plurais) por relevância." })
  articles(
    @Ctx() ctx: RequestContext,
    @Arg("search", () => String, { nullable: true }) search: string | null,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ) {
    return this.services.knowledge.list(ctx, { search, first, after });
  }

  @Authorized(EDITORS)
  @Mutation(() => Article)
  createArticle(@Ctx() ctx: RequestContext, @Arg("input", () => ArticleInput) input: ArticleInput) {
    return this.services.knowledge.create(ctx, input);
  }

  @Authorized(EDITORS)
  @Mutation(() => Article)
  updateArticle(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string, @Arg("input", () => ArticleInput) input: ArticleInput) {
    return this.services.knowledge.update(ctx, id, input);
  }

  @Authorized(EDITORS)
  @Mutation(() => Boolean)
  deleteArticle(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string) {
    return this.services.knowledge.remove(ctx, id);
  }

  @FieldResolver(() => Date)
  updatedAt(@Root() a: Article): Date {
    return a.updatedAt;
  }
}
