import { Field, ObjectType } from "type-graphql";

@ObjectType({ description: "Cabeçalhos de um e-mail e o texto completo recebido (com histórico citado e assinatura)." })
export class MessageEmailDetails {
  @Field(() => String, { nullable: true }) subject!: string | null;
  @Field(() => String, { nullable: true }) from!: string | null;
  @Field(() => [String]) to!: string[];
  @Field(() => [String]) cc!: string[];
  @Field(() => String, { nullable: true }) messageId!: string | null;
  @Field(() => String, { nullable: true }) inReplyTo!: string | null;
  @Field(() => [String]) references!: string[];
  @Field(() => String, { nullable: true, description: "O texto antes da remoção do histórico citado e da assinatura." }) originalText!: string | null;
}
