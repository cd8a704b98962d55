import { Field, InputType, ObjectType } from "type-graphql";
import { Inbox } from "../../entities/inbox";
import { InboxProvider } from "../enums";

@ObjectType()
export class CreatedInbox {
  @Field(() => Inbox) inbox!: Inbox;
  @Field(() => String, { description: "Mostrado uma única vez." }) webhookSecret!: string;
}

@InputType()
export class EvolutionInboxInput {
  @Field(() => String) baseUrl!: string;
  @Field(() => String) instance!: string;
  @Field(() => String) apiKey!: string;
  @Field(() => Boolean, { nullable: true, description: "Exigir o cabeçalho x-webhook-token ou o JWT do Evolution (além da chave no caminho)." })
  requireSignedHeaders?: boolean | null;
}

@InputType()
export class WhatsAppCloudInboxInput {
  @Field(() => String) phoneNumberId!: string;
  @Field(() => String) accessToken!: string;
  @Field(() => String) appSecret!: string;
  @Field(() => String) verifyToken!: string;
  @Field(() => String, { nullable: true }) graphApiUrl?: string | null;
}

@InputType()
export class CreateInboxInput {
  @Field(() => String) name!: string;
  @Field(() => InboxProvider) provider!: InboxProvider;
  @Field(() => EvolutionInboxInput, { nullable: true }) evolution?: EvolutionInboxInput | null;
  @Field(() => WhatsAppCloudInboxInput, { nullable: true }) whatsappCloud?: WhatsAppCloudInboxInput | null;
}
