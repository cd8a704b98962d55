import { Field, InputType, ObjectType } from "type-graphql";
import { Inbox } from "../../entities/inbox";
import { InboxConnectionState, InboxProvider } from "../enums";

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
  @Field(() => String, { nullable: true, description: "Id da conta do WhatsApp Business (WABA): necessário para os modelos de mensagem." }) wabaId?: string | null;
}

@InputType()
export class CreateInboxInput {
  @Field(() => String) name!: string;
  @Field(() => InboxProvider) provider!: InboxProvider;
  @Field(() => EvolutionInboxInput, { nullable: true }) evolution?: EvolutionInboxInput | null;
  @Field(() => WhatsAppCloudInboxInput, { nullable: true }) whatsappCloud?: WhatsAppCloudInboxInput | null;
}

@InputType({ description: "Campos ausentes ficam como estão; a seção do provedor é informada inteira (as credenciais nunca são mostradas, então são digitadas de novo)." })
export class UpdateInboxInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => EvolutionInboxInput, { nullable: true }) evolution?: EvolutionInboxInput | null;
  @Field(() => WhatsAppCloudInboxInput, { nullable: true }) whatsappCloud?: WhatsAppCloudInboxInput | null;
}

@ObjectType()
export class InboxConnection {
  @Field(() => InboxConnectionState) state!: InboxConnectionState;
  @Field(() => String, { nullable: true, description: "QR code em PNG, base64 (sem o prefixo data:)." }) qrCodeBase64!: string | null;
  @Field(() => String, { nullable: true, description: "Código de pareamento (quando um número foi informado)." }) pairingCode!: string | null;
}
