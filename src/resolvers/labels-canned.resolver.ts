import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../context";
import { CannedReply } from "../entities/canned-reply";
import { Client } from "../entities/client";
import { Label } from "../entities/label";
import { Session } from "../entities/session";
import { Role } from "../schema/enums";
import { CannedReplyInput, LabelInput, LabelTargetInput } from "../schema/types/helpdesk.types";
import type { Services } from "../services";
import { labelsLoader } from "../services/labels/labels.service";

const STAFF = [Role.ADMIN, Role.SUPERVISOR, Role.AGENT];
const ALL = [...STAFF, Role.INTEGRATOR];

@Resolver(() => Label)
export class LabelResolver {
  constructor(private readonly services: Services) {}

  @Authorized(ALL)
  @Query(() => [Label])
  labels(@Ctx() ctx: RequestContext) {
    return this.services.labels.list(ctx);
  }

  @Authorized([Role.ADMIN, Role.SUPERVISOR])
  @Mutation(() => Label)
  createLabel(@Ctx() ctx: RequestContext, @Arg("input", () => LabelInput) input: LabelInput) {
    return this.services.labels.create(ctx, input);
  }

  @Authorized([Role.ADMIN, Role.SUPERVISOR])
  @Mutation(() => Label)
  updateLabel(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string, @Arg("input", () => LabelInput) input: LabelInput) {
    return this.services.labels.update(ctx, id, input);
  }

  @Authorized([Role.ADMIN, Role.SUPERVISOR])
  @Mutation(() => Boolean, { description: "Exclui a etiqueta e a retira de tudo em que estava." })
  deleteLabel(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string) {
    return this.services.labels.delete(ctx, id);
  }

  @Authorized(ALL)
  @Mutation(() => [Label], { description: "Etiqueta uma conversa, um chamado ou um cliente (exatamente um); devolve as etiquetas do alvo." })
  addLabels(@Ctx() ctx: RequestContext, @Arg("input", () => LabelTargetInput) input: LabelTargetInput) {
    return this.services.labels.add(ctx, input);
  }

  @Authorized(ALL)
  @Mutation(() => [Label])
  removeLabels(@Ctx() ctx: RequestContext, @Arg("input", () => LabelTargetInput) input: LabelTargetInput) {
    return this.services.labels.remove(ctx, input);
  }
}

@Resolver(() => Session)
export class SessionLabelsResolver {
  @FieldResolver(() => [Label])
  async labels(@Root() s: Session, @Ctx() ctx: RequestContext): Promise<Label[]> {
    return (await labelsLoader(ctx, "SESSION").load(s.id)).map((l) => l.label);
  }
}

@Resolver(() => Client)
export class ClientLabelsResolver {
  @FieldResolver(() => [Label])
  async labels(@Root() c: Client, @Ctx() ctx: RequestContext): Promise<Label[]> {
    return (await labelsLoader(ctx, "CLIENT").load(c.id)).map((l) => l.label);
  }
}

@Resolver(() => CannedReply)
export class CannedReplyResolver {
  constructor(private readonly services: Services) {}

  @Authorized(STAFF)
  @Query(() => [CannedReply], { description: "Respostas prontas da empresa e as suas; search procura no atalho, no título e no texto." })
  cannedReplies(@Ctx() ctx: RequestContext, @Arg("search", () => String, { nullable: true }) search: string | null) {
    return this.services.canned.list(ctx, search);
  }

  @Authorized(STAFF)
  @Mutation(() => CannedReply)
  createCannedReply(@Ctx() ctx: RequestContext, @Arg("input", () => CannedReplyInput) input: CannedReplyInput) {
    return this.services.canned.create(ctx, input);
  }

  @Authorized(STAFF)
  @Mutation(() => CannedReply)
  updateCannedReply(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string, @Arg("input", () => CannedReplyInput) input: CannedReplyInput) {
    return this.services.canned.update(ctx, id, input);
  }

  @Authorized(STAFF)
  @Mutation(() => Boolean)
  deleteCannedReply(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string) {
    return this.services.canned.delete(ctx, id);
  }

  @FieldResolver(() => Boolean, { description: "Só de quem a criou." })
  personal(@Root() c: CannedReply): boolean {
    return Boolean(c.ownerId);
  }

  @FieldResolver(() => ID, { nullable: true })
  attachmentDocumentId(@Root() c: CannedReply): string | null {
    return c.attachmentDocumentId;
  }
}
