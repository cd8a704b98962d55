import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLDateTime } from "graphql-scalars";
import { ChannelType, Priority } from "../enums";
import { Handoff } from "../../entities/handoff";
import { Ticket } from "../../entities/ticket";

export enum SlaEventKind { WARNING = "WARNING", BREACH = "BREACH" }
export enum SlaTarget { FIRST_RESPONSE = "FIRST_RESPONSE", RESOLUTION = "RESOLUTION" }
registerEnumType(SlaEventKind, { name: "SlaEventKind", description: "WARNING: o prazo está perto; BREACH: o prazo venceu." });
registerEnumType(SlaTarget, { name: "SlaTarget" });

@InputType()
export class TeamInput {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
}

@InputType()
export class RoutingMatchInput {
  @Field(() => [String], { nullable: true, description: "Intenções da triagem (ex.: payment_status)." }) intents?: string[] | null;
  @Field(() => [ChannelType], { nullable: true }) channels?: ChannelType[] | null;
  @Field(() => [ID], { nullable: true }) inboxIds?: string[] | null;
  @Field(() => [String], { nullable: true, description: "Palavras ou frases procuradas na mensagem do cliente (sem acento, sem maiúsculas)." }) keywords?: string[] | null;
  @Field(() => [ID], { nullable: true, description: "Etiquetas da conversa ou do cliente." }) labelIds?: string[] | null;
}

@ObjectType()
export class RoutingMatch {
  @Field(() => [String]) intents!: string[];
  @Field(() => [ChannelType]) channels!: ChannelType[];
  @Field(() => [ID]) inboxIds!: string[];
  @Field(() => [String]) keywords!: string[];
  @Field(() => [ID]) labelIds!: string[];
}

@InputType()
export class RoutingRuleInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => RoutingMatchInput, { description: "Toda lista não vazia precisa casar (com qualquer um de seus valores)." }) match!: RoutingMatchInput;
  @Field(() => ID) teamId!: string;
  @Field(() => Priority, { nullable: true, description: "Prioridade dada ao atendimento roteado (senão, a da triagem)." }) priority?: Priority | null;
  @Field(() => Int, { nullable: true, description: "Ordem de avaliação (crescente); a primeira regra que casa decide." }) order?: number | null;
  @Field(() => Boolean, { nullable: true }) enabled?: boolean | null;
}

@InputType()
export class TransferHandoffInput {
  @Field(() => ID) handoffId!: string;
  @Field(() => ID, { nullable: true, description: "Agente que assume o atendimento." }) toAgentId?: string | null;
  @Field(() => ID, { nullable: true, description: "Equipe de destino (sem agente: volta para a fila dessa equipe)." }) toTeamId?: string | null;
  @Field(() => String, { nullable: true, description: "Nota interna da transferência." }) note?: string | null;
}

@InputType()
export class UpdateTicketInput {
  @Field(() => String, { nullable: true, description: "Uma das categorias da empresa (ticketCategories); null limpa." }) category?: string | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: "Prazo; null limpa." }) dueAt?: Date | null;
  @Field(() => [ID], { nullable: true, description: "Substitui as etiquetas do chamado." }) labels?: string[] | null;
}

@InputType()
export class SlaPolicyInput {
  @Field(() => Priority) priority!: Priority;
  @Field(() => ID, { nullable: true, description: "Política só desta equipe (vence a da empresa)." }) teamId?: string | null;
  @Field(() => Int, { description: "Minutos úteis (horário comercial e feriados da empresa)." }) firstResponseMinutes!: number;
  @Field(() => Int, { description: "Minutos úteis (horário comercial e feriados da empresa)." }) resolutionMinutes!: number;
  @Field(() => Boolean, { nullable: true, description: "Pausa o prazo de resolução enquanto se espera o cliente." }) pauseWhileWaitingCustomer?: boolean | null;
  @Field(() => Int, { nullable: true, description: "Aviso (WARNING) quantos minutos antes do prazo; padrão 15." }) warnBeforeMinutes?: number | null;
}

@InputType()
export class CannedReplyInput {
  @Field(() => String, { description: "Atalho, ex.: /boleto" }) shortcut!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { description: "Texto; variáveis: {{cliente.nome}}, {{atendente.nome}}, {{empresa.nome}}, {{protocolo}}." }) body!: string;
  @Field(() => Boolean, { nullable: true, description: "true: só sua; false (padrão): da empresa (supervisores e administradores)." }) personal?: boolean | null;
  @Field(() => ID, { nullable: true }) attachmentDocumentId?: string | null;
}

@InputType()
export class LabelInput {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true, description: "#rrggbb" }) color?: string | null;
}

@InputType()
export class LabelTargetInput {
  @Field(() => ID, { nullable: true }) sessionId?: string | null;
  @Field(() => ID, { nullable: true }) ticketId?: string | null;
  @Field(() => ID, { nullable: true }) clientId?: string | null;
  @Field(() => [ID]) labelIds!: string[];
}

@ObjectType()
export class SlaEvent {
  @Field(() => SlaEventKind) kind!: SlaEventKind;
  @Field(() => SlaTarget) target!: SlaTarget;
  @Field(() => Handoff, { nullable: true }) handoff!: Handoff | null;
  @Field(() => Ticket, { nullable: true }) ticket!: Ticket | null;
  @Field(() => GraphQLDateTime) dueAt!: Date;
}
