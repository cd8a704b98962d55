import { Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { AuditLog } from "../../entities/audit-log";
import { DataAccessLog } from "../../entities/data-access-log";
import { connectionTypes } from "../connection";

export enum PasswordResetDelivery {
  EMAIL = "EMAIL",
  CODE_SHOWN_ONCE = "CODE_SHOWN_ONCE",
}
registerEnumType(PasswordResetDelivery, { name: "PasswordResetDelivery" });

@ObjectType({ description: "Redefinição de senha iniciada por um administrador." })
export class PasswordReset {
  @Field(() => PasswordResetDelivery) delivery!: PasswordResetDelivery;
  @Field(() => String, { nullable: true, description: "Código de uso único (mostrado só nesta resposta) quando delivery = CODE_SHOWN_ONCE." })
  code!: string | null;
  @Field(() => Date) expiresAt!: Date;
}

@InputType()
export class ChangePasswordInput {
  @Field(() => String) currentPassword!: string;
  @Field(() => String) newPassword!: string;
}

@InputType()
export class CompletePasswordResetInput {
  @Field(() => String) email!: string;
  @Field(() => String) code!: string;
  @Field(() => String) newPassword!: string;
}

@InputType()
export class AuditLogFilter {
  @Field(() => ID, { nullable: true }) actorId?: string | null;
  @Field(() => String, { nullable: true, description: "O evento, p. ex. user.deactivated" }) action?: string | null;
  @Field(() => String, { nullable: true, description: "info, warning ou critical" }) severity?: string | null;
  @Field(() => Date, { nullable: true }) from?: Date | null;
  @Field(() => Date, { nullable: true }) to?: Date | null;
  @Field(() => ID, { nullable: true }) clientId?: string | null;
}

@InputType()
export class DataAccessLogFilter {
  @Field(() => ID, { nullable: true }) actorId?: string | null;
  @Field(() => String, { nullable: true, description: "A ação, p. ex. client.read" }) action?: string | null;
  @Field(() => Date, { nullable: true }) from?: Date | null;
  @Field(() => Date, { nullable: true }) to?: Date | null;
  @Field(() => ID, { nullable: true }) clientId?: string | null;
}

export const { Connection: AuditLogConnection } = connectionTypes("AuditLog", AuditLog);
export const { Connection: DataAccessLogConnection } = connectionTypes("DataAccessLog", DataAccessLog);
