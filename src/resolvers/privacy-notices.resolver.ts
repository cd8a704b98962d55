import { Ctx, FieldResolver, ID, Resolver, Root } from "type-graphql";
import { In } from "typeorm";
import { requirePrincipal, type RequestContext } from "../context";
import { DataSubjectRequest } from "../entities/data-subject-request";
import { Message } from "../entities/message";
import { SubjectNotification } from "../entities/subject-notification";
import { SubjectNotificationStatus } from "../schema/privacy-enums";
import { byIdLoader, groupLoader } from "../services/loaders";
import { notificationStatus } from "../services/privacy/notices";

const notificationsLoader = (ctx: RequestContext) =>
  ctx.loaders.get("subjectNotifications", () =>
    groupLoader(
      (ids) => ctx.em.find(SubjectNotification, { where: { tenantId: requirePrincipal(ctx).tenantId, requestId: In([...ids]) }, order: { createdAt: "ASC", id: "ASC" } }),
      (n) => n.requestId,
    ),
  );

const messageLoader = (ctx: RequestContext) => ctx.loaders.get("noticeMessage", () => byIdLoader(ctx.em, Message, requirePrincipal(ctx).tenantId));

@Resolver(() => DataSubjectRequest)
export class DataSubjectRequestNoticesResolver {
  @FieldResolver(() => [SubjectNotification], { description: "Avisos enviados ao titular sobre este pedido (recebido, aprovado, concluído, recusado)." })
  notifications(@Root() request: DataSubjectRequest, @Ctx() ctx: RequestContext): Promise<SubjectNotification[]> {
    return notificationsLoader(ctx).load(request.id);
  }
}

@Resolver(() => SubjectNotification)
export class SubjectNotificationResolver {
  @FieldResolver(() => SubjectNotificationStatus)
  async status(@Root() n: SubjectNotification, @Ctx() ctx: RequestContext): Promise<SubjectNotificationStatus> {
    return notificationStatus(n, n.messageId ? await messageLoader(ctx).load(n.messageId) : null);
  }

  @FieldResolver(() => String, { nullable: true, description: "Por que o aviso não saiu (sem canal) ou o erro do provedor." })
  async error(@Root() n: SubjectNotification, @Ctx() ctx: RequestContext): Promise<string | null> {
    if (!n.messageId) return n.skippedReason;
    return (await messageLoader(ctx).load(n.messageId))?.deliveryError ?? null;
  }

  /** The conversation message (only its id: the text belongs to the conversation and is erased with it). */
  @FieldResolver(() => ID, { nullable: true })
  messageId(@Root() n: SubjectNotification): string | null {
    return n.messageId;
  }
}
