import { Arg, Authorized, Ctx, Field, FieldResolver, ID, InputType, Mutation, Query, Resolver, Root, Subscription, UseMiddleware, type MiddlewareFn, type SubscribeResolverData } from "type-graphql";
import { GraphQLUpload } from "graphql-upload-minimal";
import { In } from "typeorm";
import { requirePrincipal, type RequestContext } from "../context";
import { Document } from "../entities/document";
import { Message } from "../entities/message";
import { Ticket } from "../entities/ticket";
import { DocumentKind, Role } from "../schema/enums";
import { Errors } from "../schema/errors";
import type { Services } from "../services";
import type { FileUploadLike } from "../services/documents/documents.service";
import { EventResolutionCache, filterEvents, Topics, type DocumentEventPayload } from "../services/events";
import { findOwnedOrNull, isUuid } from "../services/scoped";
import { byIdLoader, groupLoader } from "../services/loaders";

const ALL = [Role.ADMIN, Role.SUPERVISOR, Role.AGENT, Role.INTEGRATOR];

@InputType()
export class UploadDocumentInput {
  @Field(() => DocumentKind)
  kind!: DocumentKind;

  @Field(() => ID, { nullable: true })
  clientId?: string | null;

  @Field(() => ID, { nullable: true })
  ticketId?: string | null;
}

const documentLoader = (ctx: RequestContext) => ctx.loaders.get("document", () => byIdLoader(ctx.em, Document, requirePrincipal(ctx).tenantId));

const ticketDocumentsLoader = (ctx: RequestContext) =>
  ctx.loaders.get("ticketDocuments", () =>
    groupLoader(
      (ids) => ctx.em.find(Document, { where: { tenantId: requirePrincipal(ctx).tenantId, ticketId: In([...ids]) }, order: { createdAt: "ASC", id: "ASC" } }),
      (d) => d.ticketId!,
    ),
  );

/** LGPD Art. 37: a client's document read through the API is logged (once per request). */
async function logRead(services: Services, ctx: RequestContext, docs: Document[]): Promise<void> {
  if (docs.some((d) => d.clientId)) await services.accessLog.requireJustification(ctx);
  for (const d of docs) if (d.clientId) await services.accessLog.record(ctx, { clientId: d.clientId, action: "document.read", resource: `Document:${d.id}` });
}

/**
 * The Upload argument is a promise that rejects when the multipart request is
 * malformed (bad part header, missing file, too many files). type-graphql awaits
 * it before the resolver runs, so the rejection is turned into a client error here;
 * errors of the resolver itself (storage, database) are not touched.
 */
export const uploadArgumentErrors: MiddlewareFn<RequestContext> = async ({ args }, next) => {
  const a = args as { file?: unknown; attachments?: unknown };
  const uploads: Array<[string, unknown]> = [["file", a.file], ...(Array.isArray(a.attachments) ? a.attachments.map((f, i): [string, unknown] => [`attachments.${i}`, f]) : [])];
  for (const [field, file] of uploads) {
    if (!file || typeof (file as Promise<unknown>).then !== "function") continue;
    const failure = await (file as Promise<unknown>).then(() => null, (err: unknown) => err ?? new Error("upload failed"));
    if (failure) {
      throw (failure as { status?: number }).status === 413
        ? Errors.badInput(field, "O arquivo excede o tamanho máximo permitido.")
        : Errors.badInput(field, "Arquivo ausente ou inválido.");
    }
  }
  return next();
};

/** One load per event per process, shared by every subscriber. */
const resolved = new EventResolutionCache();

@Resolver(() => Document)
export class DocumentResolver {
  constructor(private readonly services: Services) {}

  @Authorized(ALL)
  @Query(() => Document, { nullable: true })
  async document(@Ctx() ctx: RequestContext, @Arg("id", () => ID) id: string): Promise<Document> {
    const doc = await this.services.documents.get(ctx, id);
    if (!doc) throw Errors.notFound("Documento");
    await logRead(this.services, ctx, [doc]);
    return doc;
  }

  @Authorized(ALL)
  @UseMiddleware(uploadArgumentErrors)
  @Mutation(() => Document, { description: "Armazena o arquivo e agenda a leitura (OCR); o documento volta PENDING e documentUpdated avisa quando terminar." })
  async uploadDocument(
    @Ctx() ctx: RequestContext,
    @Arg("file", () => GraphQLUpload) file: FileUploadLike | Promise<FileUploadLike>,
    @Arg("input", () => UploadDocumentInput) input: UploadDocumentInput,
  ): Promise<Document> {
    return this.services.documents.upload(ctx, file, input);
  }

  @Subscription(() => Document, {
    description: "Documentos do tenant cuja leitura (OCR) terminou (DONE ou FAILED); com id, só esse documento.",
    subscribe: async ({ context: ctx, args }: SubscribeResolverData<unknown, Record<string, unknown>, RequestContext>) => {
      if (!ctx.principal) throw Errors.unauthenticated();
      if (!ALL.includes(ctx.principal.role)) throw Errors.forbidden();
      const id = (args as { id?: string | null }).id ?? null;
      if (id && !(await findOwnedOrNull(ctx, Document, id))) throw Errors.notFound("Documento");
      return filterEvents(ctx.pubsub.subscribe<DocumentEventPayload>(Topics.document(ctx.principal.tenantId)), (e) => !id || e.documentId === id);
    },
  })
  async documentUpdated(@Root() e: DocumentEventPayload, @Ctx() ctx: RequestContext, @Arg("id", () => ID, { nullable: true }) _id: string | null): Promise<Document> {
    const doc = await resolved.resolve(e.eventId, () => ctx.em.findOneOrFail(Document, { where: { id: e.documentId, tenantId: e.tenantId } }));
    await logRead(this.services, ctx, [doc]);
    return doc;
  }
}

@Resolver(() => Ticket)
export class TicketDocumentsResolver {
  constructor(private readonly services: Services) {}

  @FieldResolver(() => [Document])
  async documents(@Root() ticket: Ticket, @Ctx() ctx: RequestContext): Promise<Document[]> {
    const docs = await ticketDocumentsLoader(ctx).load(ticket.id);
    await logRead(this.services, ctx, docs);
    return docs;
  }
}

@Resolver(() => Message)
export class MessageDocumentResolver {
  constructor(private readonly services: Services) {}

  @FieldResolver(() => Document, { nullable: true })
  async document(@Root() message: Message, @Ctx() ctx: RequestContext): Promise<Document | null> {
    if (!message.documentId || !isUuid(message.documentId)) return null;
    const doc = await documentLoader(ctx).load(message.documentId);
    if (doc) await logRead(this.services, ctx, [doc]);
    return doc;
  }
}
