import { Field, Float, ID, InputType, Int, ObjectType } from "type-graphql";
import { GraphQLDateTime } from "graphql-scalars";
import { Client } from "../../entities/client";
import { Ticket } from "../../entities/ticket";
import { connectionTypes } from "../connection";
import { ChannelType, Priority, TicketStatus } from "../enums";

export const { Connection: ClientConnection, Edge: ClientEdge } = connectionTypes("Client", Client);
export const { Connection: TicketConnection, Edge: TicketEdge } = connectionTypes("Ticket", Ticket);

@InputType()
export class CreateClientInput {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true }) document?: string | null;
  @Field(() => ChannelType, { nullable: true }) preferredChannel?: ChannelType | null;
}

@InputType()
export class UpdateClientInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true }) document?: string | null;
  @Field(() => ChannelType, { nullable: true }) preferredChannel?: ChannelType | null;
}

@InputType()
export class ClientFilter {
  @Field(() => String, { nullable: true }) search?: string | null;
  @Field(() => ChannelType, { nullable: true }) preferredChannel?: ChannelType | null;
  @Field(() => ID, { nullable: true, description: "Só clientes com esta etiqueta." }) labelId?: string | null;
}

@InputType()
export class CreateTicketInput {
  @Field(() => ID) clientId!: string;
  @Field(() => ChannelType) channel!: ChannelType;
  @Field(() => String) message!: string;
  @Field(() => String, { nullable: true }) subject?: string | null;
}

@InputType()
export class TicketFilter {
  @Field(() => TicketStatus, { nullable: true }) status?: TicketStatus | null;
  @Field(() => ChannelType, { nullable: true }) channel?: ChannelType | null;
  @Field(() => Priority, { nullable: true }) priority?: Priority | null;
  @Field(() => ID, { nullable: true }) clientId?: string | null;
  @Field(() => ID, { nullable: true }) assigneeId?: string | null;
  @Field(() => ID, { nullable: true }) teamId?: string | null;
  @Field(() => String, { nullable: true }) category?: string | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: "Prazo (dueAt) antes deste instante." }) dueBefore?: Date | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: "Prazo (dueAt) a partir deste instante." }) dueAfter?: Date | null;
  @Field(() => Boolean, { nullable: true, description: "true: prazo vencido e chamado ainda aberto; false: os demais." }) overdue?: boolean | null;
  @Field(() => ID, { nullable: true }) labelId?: string | null;
}

@ObjectType()
export class Triage {
  @Field(() => String) intent!: string;
  @Field(() => Priority) priority!: Priority;
  @Field(() => Boolean) needsHuman!: boolean;
  @Field(() => Boolean) autoResolved!: boolean;
  @Field(() => Float) confidence!: number;
  @Field(() => String, { nullable: true }) response!: string | null;
  @Field(() => String) provider!: string;
  @Field(() => [String], { nullable: true, description: "Por que a triagem encaminhou para uma pessoa (vazio quando respondeu sozinha)." }) reasons?: string[] | null;
}

@ObjectType()
export class CountByKey {
  @Field(() => String) key!: string;
  @Field(() => Int) count!: number;
}

@ObjectType()
export class TicketStats {
  @Field(() => Int) total!: number;
  @Field(() => Int) autoResolved!: number;
  @Field(() => Int) escalated!: number;
  @Field(() => Float) autoResolutionRate!: number;
  @Field(() => [CountByKey]) byChannel!: CountByKey[];
  @Field(() => [CountByKey]) byStatus!: CountByKey[];
}

@InputType()
export class PeriodInput {
  @Field(() => GraphQLDateTime) from!: Date;
  @Field(() => GraphQLDateTime) to!: Date;
}
