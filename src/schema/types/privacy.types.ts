import { Field, ID, InputType } from "type-graphql";
import { GraphQLJSON } from "graphql-scalars";
import { ConsentPurpose, DataSubjectRequestType } from "../enums";

@InputType()
export class GrantConsentInput {
  @Field(() => ID) clientId!: string;
  @Field(() => ConsentPurpose) purpose!: ConsentPurpose;
  @Field(() => String) text!: string;
  @Field(() => String) textVersion!: string;
  @Field(() => String) source!: string;
}

@InputType()
export class RevokeConsentInput {
  @Field(() => ID) clientId!: string;
  @Field(() => ConsentPurpose) purpose!: ConsentPurpose;
  @Field(() => String, { nullable: true }) reason?: string | null;
  @Field(() => String, { nullable: true, description: "Where the revocation came from (channel, IP or message id); default: the API caller." })
  source?: string | null;
}

@InputType()
export class DataSubjectRequestInput {
  @Field(() => ID) clientId!: string;
  @Field(() => DataSubjectRequestType) type!: DataSubjectRequestType;
  @Field(() => String, { nullable: true }) reason?: string | null;
  @Field(() => GraphQLJSON, { nullable: true, description: "RECTIFICATION: campos do cliente e novos valores, ex.: {\"email\": \"novo@exemplo.com\"}; aplicados na aprovação." })
  corrections?: unknown;
}
