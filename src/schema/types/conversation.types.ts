import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
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

@InputType()
export class AgentMessageInput {
  @Field(() => ID) sessionId!: string;
  @Field(() => String) text!: string;
}

@InputType()
export class ProactiveMessageInput {
  @Field(() => ID) clientId!: string;
  @Field(() => ID) inboxId!: string;
  @Field(() => String) text!: string;
  @Field(() => ConsentPurpose, { nullable: true, description: "WHATSAPP_CONTACT (padrão) ou MARKETING" }) purpose?: ConsentPurpose | null;
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
}

@ObjectType()
export class QueueEvent {
  @Field(() => QueueEventKind) kind!: QueueEventKind;
  @Field(() => Handoff) handoff!: Handoff;
  @Field(() => Int) queueLength!: number;
}
