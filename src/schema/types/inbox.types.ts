import { Field, InputType, Int, ObjectType } from "type-graphql";
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

@InputType({ description: "Chat do site (widget.js)." })
export class WebChatInboxInput {
  @Field(() => [String], { description: "Sites onde o widget pode ser usado, ex.: https://www.minhaloja.com.br (https://*.minhaloja.com.br para subdomínios)." })
  allowedOrigins!: string[];
  @Field(() => String, { nullable: true, description: "Cor do botão e do cabeçalho, #RRGGBB." }) color?: string | null;
  @Field(() => String, { nullable: true }) welcomeText?: string | null;
  @Field(() => String, { nullable: true }) privacyNoticeUrl?: string | null;
  @Field(() => String, { nullable: true, description: "Registrada com o consentimento de cada visitante (padrão \"1\")." }) privacyNoticeVersion?: string | null;
}

@InputType()
export class MailServerInput {
  @Field(() => String) host!: string;
  @Field(() => Int, { nullable: true, description: "Padrão: 587 (SMTP) / 143 (IMAP); 465 / 993 com secure." }) port?: number | null;
  @Field(() => Boolean, { nullable: true, description: "TLS desde a conexão (465/993); sem ele, STARTTLS quando o servidor oferece." }) secure?: boolean | null;
  @Field(() => String, { nullable: true }) user?: string | null;
  @Field(() => String, { nullable: true }) password?: string | null;
}

@InputType()
export class ImapServerInput extends MailServerInput {
  @Field(() => String, { nullable: true, description: "Pasta lida (padrão INBOX)." }) mailbox?: string | null;
}

@InputType({ description: "E-mail: envio por SMTP; entrada por IMAP (imap) ou pelo webhook de inbound parse (webhookPath)." })
export class EmailInboxInput {
  @Field(() => String) address!: string;
  @Field(() => MailServerInput) smtp!: MailServerInput;
  @Field(() => ImapServerInput, { nullable: true }) imap?: ImapServerInput | null;
}

@InputType()
export class GenericWebhookInboxInput {
  @Field(() => String, { nullable: true, description: "Respostas são enviadas por POST para esta URL, assinadas (Standard Webhooks) com o segredo da caixa." })
  callbackUrl?: string | null;
}

@InputType()
export class CreateInboxInput {
  @Field(() => String) name!: string;
  @Field(() => InboxProvider) provider!: InboxProvider;
  @Field(() => EvolutionInboxInput, { nullable: true }) evolution?: EvolutionInboxInput | null;
  @Field(() => WhatsAppCloudInboxInput, { nullable: true }) whatsappCloud?: WhatsAppCloudInboxInput | null;
  @Field(() => WebChatInboxInput, { nullable: true }) webChat?: WebChatInboxInput | null;
  @Field(() => EmailInboxInput, { nullable: true }) email?: EmailInboxInput | null;
  @Field(() => GenericWebhookInboxInput, { nullable: true }) genericWebhook?: GenericWebhookInboxInput | null;
}

@ObjectType({ description: "Configuração do chat do site (sem segredos)." })
export class WebChatInboxSettings {
  @Field(() => [String]) allowedOrigins!: string[];
  @Field(() => String) color!: string;
  @Field(() => String, { nullable: true }) welcomeText!: string | null;
  @Field(() => String, { nullable: true }) privacyNoticeUrl!: string | null;
  @Field(() => String) privacyNoticeVersion!: string;
}

@ObjectType({ description: "Configuração de e-mail (sem senhas) e estado da leitura IMAP." })
export class EmailInboxSettings {
  @Field(() => String) address!: string;
  @Field(() => String) smtpHost!: string;
  @Field(() => Int) smtpPort!: number;
  @Field(() => String, { nullable: true }) imapHost!: string | null;
  @Field(() => String, { nullable: true }) imapMailbox!: string | null;
  @Field(() => Date, { nullable: true }) lastPolledAt!: Date | null;
  @Field(() => String, { nullable: true, description: "Último erro da leitura IMAP (credenciais, conexão)." }) pollError!: string | null;
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
