import { Field, InputType, ObjectType } from "type-graphql";
import { ApiKey } from "../../entities/api-key";
import { User } from "../../entities/user";
import { Role } from "../enums";

@ObjectType()
export class AuthPayload {
  @Field(() => String) accessToken!: string;
  @Field(() => String) refreshToken!: string;
  @Field(() => Date) accessTokenExpiresAt!: Date;
  @Field(() => User) user!: User;
}

@ObjectType()
export class TwoFactorSetup {
  @Field(() => String) secret!: string;
  @Field(() => String) otpauthUrl!: string;
}

@ObjectType()
export class CreatedApiKey {
  @Field(() => ApiKey) apiKey!: ApiKey;
  @Field(() => String) token!: string;
}

@InputType()
export class SignUpInput {
  @Field(() => String) tenantName!: string;
  @Field(() => String) name!: string;
  @Field(() => String) email!: string;
  @Field(() => String) password!: string;
}

@InputType()
export class LogInInput {
  @Field(() => String) email!: string;
  @Field(() => String) password!: string;
  @Field(() => String, { nullable: true }) totpCode?: string | null;
}

@InputType()
export class CreateUserInput {
  @Field(() => String) name!: string;
  @Field(() => String) email!: string;
  @Field(() => String) password!: string;
  @Field(() => Role) role!: Role;
}
