import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { Session } from "../../entities/session";
import { MessageSender } from "../enums";

@InputType()
export class VisitorSessionInput {
  @Field(() => String, { description: "Chave pública do chat (data-inbox do widget)." }) publicKey!: string;
  @Field(() => Boolean, { description: "O visitante aceitou o aviso de privacidade (registrado como consentimento com a versão do aviso)." }) acceptedPrivacyNotice!: boolean;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
}

@ObjectType()
export class VisitorSession {
  @Field(() => String, { description: "Token do visitante (só esta conversa): Authorization: Bearer …, também no connection_init do graphql-ws." }) token!: string;
  @Field(() => Session) session!: Session;
}

@ObjectType({ description: "O que o widget mostra antes da conversa (público; só para os sites permitidos)." })
export class WebChatSettings {
  @Field(() => String, { description: "Nome da empresa." }) name!: string;
  @Field(() => String) color!: string;
  @Field(() => String, { nullable: true }) welcomeText!: string | null;
  @Field(() => String, { nullable: true }) privacyNoticeUrl!: string | null;
  @Field(() => String) privacyNoticeVersion!: string;
  @Field(() => String, { description: "O texto exato que o visitante aceita." }) privacyNoticeText!: string;
  @Field(() => Int) maxTextLength!: number;
  @Field(() => Int) maxAttachmentBytes!: number;
}

@ObjectType({ description: "Alguém digitando numa conversa (não é armazenado)." })
export class TypingIndicator {
  @Field(() => ID) sessionId!: string;
  @Field(() => MessageSender, { description: "CLIENT (visitante) ou AGENT." }) sender!: MessageSender;
  @Field(() => Boolean) typing!: boolean;
  @Field(() => Date) at!: Date;
}
