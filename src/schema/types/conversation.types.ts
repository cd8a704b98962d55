import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { GraphQLUpload } from "graphql-upload-minimal";
import type { Readable } from "node:stream";
import { Handoff } from "../../entities/handoff";
import { Message } from "../../entities/message";
import { Session } from "../../entities/session";
import { connectionTypes } from "../connection";
import { ChannelType, ConsentPurpose, HandoffStatus, Priority, QueueEventKind, SessionStatus } from "../enums";

export const { Connection: SessionConnection, Edge: SessionEdge } = connectionTypes("Session", Session);
export const { Connection: MessageConnection, Edge: MessageEdge } = connectionTypes("Message", Message);
export const { Connection: HandoffConnection, Edge: HandoffEdge } = connectionTypes("Handoff", Handoff);

@InputType()
export class SessionFilter {
  @Field(() => SessionStatus, { nullable: true }) status?: SessionStatus | null;
  @Field(() => ChannelType, { nullable: true }) channel?: ChannelType | null;
  @Field(() => ID, { nullable: true }) clientId?: string | null;
  @Field(() => Boolean, { nullable: true }) assignedToMe?: boolean | null;
  @Field(() => ID, { nullable: true, description: "Só conversas com esta etiqueta." }) labelId?: string | null;
}

@InputType()
export class StartSessionInput {
  @Field(() => ID) clientId!: string;
  @Field(() => ChannelType) channel!: ChannelType;
}

@InputType()
export class ClientMessageInput {
  @Field(() => ID) sessionId!: string;
  @Field(() => String) text!: string;
}

/** What graphql-upload-minimal resolves an `Upload` to (see services/documents). */
type UploadFile = { filename: string; createReadStream(): Readable };
type UploadArg = UploadFile | Promise<UploadFile>;

@InputType()
export class AgentMessageInput {
  @Field(() => ID) sessionId!: string;
  @Field(() => String, { nullable: true, description: "Texto; com anexos, vira a legenda do primeiro arquivo que aceita legenda." }) text?: string | null;
  @Field(() => [GraphQLUpload], { nullable: true, description: "Imagens, PDFs/documentos, áudios (nota de voz) e vídeos: uma mensagem por arquivo." }) attachments?: UploadArg[] | null;
  @Field(() => [ID], { nullable: true, description: "Documentos já armazenados (do cliente da conversa ou sem cliente) enviados como arquivo." }) documentIds?: string[] | null;
  @Field(() => ID, { nullable: true, description: "Mensagem desta conversa a citar (resposta)." }) replyToMessageId?: string | null;
  @Field(() => ID, { nullable: true, description: "Resposta pronta a enviar, com as variáveis preenchidas pelo servidor a partir da conversa (sem text)." }) cannedReplyId?: string | null;
}

@InputType()
export class ProactiveMessageInput {
  @Field(() => ID) clientId!: string;
  @Field(() => ID) inboxId!: string;
  @Field(() => String, { nullable: true }) text?: string | null;
  @Field(() => ConsentPurpose, { nullable: true, description: "WHATSAPP_CONTACT (padrão) ou MARKETING" }) purpose?: ConsentPurpose | null;
  @Field(() => [GraphQLUpload], { nullable: true }) attachments?: UploadArg[] | null;
  @Field(() => [ID], { nullable: true }) documentIds?: string[] | null;
}

@InputType()
export class TemplateMessageInput {
  @Field(() => ID) clientId!: string;
  @Field(() => ID) inboxId!: string;
  @Field(() => String, { description: "Nome do modelo aprovado." }) template!: string;
  @Field(() => String, { description: "Idioma do modelo, por exemplo pt_BR." }) language!: string;
  @Field(() => [String], { nullable: true, description: "Valores de {{1}}, {{2}}… do corpo, em ordem." }) parameters?: string[] | null;
}

@ObjectType({ description: "Arquivo de uma mensagem; a url é um link assinado que expira em 15 minutos." })
export class Attachment {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) fileName!: string | null;
  @Field(() => String) mimeType!: string;
  @Field(() => Int, { nullable: true }) size!: number | null;
  @Field(() => String) url!: string;
  @Field(() => Boolean, { description: "Áudio enviado/recebido como nota de voz." }) voice!: boolean;
}

@ObjectType({ description: "Cartão de contato compartilhado pelo cliente." })
export class SharedContact {
  @Field(() => String) name!: string;
  @Field(() => [String]) phones!: string[];
}

@ObjectType()
export class ClientMessageResult {
  @Field(() => Message) message!: Message;
  @Field(() => Message, { nullable: true }) reply!: Message | null;
  @Field(() => Handoff, { nullable: true }) handoff!: Handoff | null;
}

@InputType()
export class RequestHandoffInput {
  @Field(() => ID) sessionId!: string;
  @Field(() => String) reason!: string;
  @Field(() => Priority, { nullable: true }) priority?: Priority | null;
}

@InputType()
export class CompleteHandoffInput {
  @Field(() => ID) handoffId!: string;
  @Field(() => String) resolution!: string;
  @Field(() => Int, { nullable: true }) satisfaction?: number | null;
  @Field(() => String, { nullable: true, description: "Confirma ou corrige a intenção da conversa (exemplo para o modelo de triagem da empresa)." }) intent?: string | null;
}

@InputType()
export class HandoffFilter {
  @Field(() => HandoffStatus, { nullable: true }) status?: HandoffStatus | null;
  @Field(() => ID, { nullable: true }) agentId?: string | null;
  @Field(() => Priority, { nullable: true }) priority?: Priority | null;
  @Field(() => ID, { nullable: true }) teamId?: string | null;
  @Field(() => ID, { nullable: true, description: "Só atendimentos cuja conversa tem esta etiqueta." }) labelId?: string | null;
}

@ObjectType()
export class QueueEvent {
  @Field(() => QueueEventKind) kind!: QueueEventKind;
  @Field(() => Handoff) handoff!: Handoff;
  @Field(() => Int) queueLength!: number;
}
