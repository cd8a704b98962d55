import { FieldResolver, Resolver, Root } from "type-graphql";
import { Message } from "../entities/message";
import { MessageEmailDetails } from "../schema/types/email.types";

@Resolver(() => Message)
export class MessageEmailResolver {
  @FieldResolver(() => MessageEmailDetails, { nullable: true, description: "E-mail: assunto, remetente, cabeçalhos de conversa e o texto completo recebido." })
  email(@Root() message: Message): MessageEmailDetails | null {
    return message.email;
  }
}
