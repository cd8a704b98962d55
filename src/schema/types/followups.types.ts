import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { FollowUp } from "../../entities/follow-up";
import { SurveyResponse } from "../../entities/survey-response";
import { WebhookDelivery, WebhookSubscription } from "../../entities/webhook-subscription";
import { connectionTypes } from "../connection";
import { ChannelType } from "../enums";

import { SurveyKind, SurveyStatus } from "../followups-enums";

@InputType()
export class SurveyFilter {
  @Field(() => SurveyKind, { nullable: true }) kind?: SurveyKind | null;
  @Field(() => SurveyStatus, { nullable: true }) status?: SurveyStatus | null;
  @Field(() => ID, { nullable: true }) clientId?: string | null;
  @Field(() => ID, { nullable: true }) agentId?: string | null;
  @Field(() => ID, { nullable: true }) teamId?: string | null;
  @Field(() => ChannelType, { nullable: true }) channel?: ChannelType | null;
  @Field(() => Date, { nullable: true, description: "Enviadas a partir de" }) from?: Date | null;
  @Field(() => Date, { nullable: true, description: "Enviadas antes de" }) to?: Date | null;
}

export const { Connection: SurveyResponseConnection } = connectionTypes("SurveyResponse", SurveyResponse);

@InputType()
export class FollowUpInput {
  @Field(() => ID) sessionId!: string;
  @Field(() => String) text!: string;
  @Field(() => Date, { nullable: true, description: "Quando enviar (levado ao próximo horário de atendimento). Ou afterSilenceMinutes." }) sendAt?: Date | null;
  @Field(() => Int, { nullable: true, description: "Enviar se o cliente ficar este tempo sem escrever (cancelado quando ele escreve)." }) afterSilenceMinutes?: number | null;
}

@InputType()
export class WebhookSubscriptionInput {
  @Field(() => String) url!: string;
  @Field(() => [String], { description: "ticket.created, ticket.updated, handoff.created, handoff.assigned, handoff.completed, message.created, client.created, survey.answered, dsr.completed" }) events!: string[];
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => Boolean, { nullable: true, description: "false desativa; true reativa (zera as falhas)." }) enabled?: boolean | null;
}

@ObjectType()
export class CreatedWebhookSubscription {
  @Field(() => WebhookSubscription) subscription!: WebhookSubscription;
  @Field(() => String, { description: "Segredo de assinatura (Standard Webhooks, whsec_…): mostrado só agora." }) secret!: string;
}

export const { Connection: WebhookDeliveryConnection } = connectionTypes("WebhookDelivery", WebhookDelivery);

export { FollowUp };
