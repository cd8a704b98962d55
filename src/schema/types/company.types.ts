import { Field, Float, ObjectType } from "type-graphql";

@ObjectType()
export class CompanyActivity {
  @Field(() => String, { description: "CNAE, 7 dígitos" }) code!: string;
  @Field(() => String) description!: string;
}

@ObjectType()
export class CompanyAddress {
  @Field(() => String, { nullable: true }) street!: string | null;
  @Field(() => String, { nullable: true }) number!: string | null;
  @Field(() => String, { nullable: true }) complement!: string | null;
  @Field(() => String, { nullable: true }) district!: string | null;
  @Field(() => String, { nullable: true }) city!: string | null;
  @Field(() => String, { nullable: true }) state!: string | null;
  @Field(() => String, { nullable: true }) postalCode!: string | null;
}

@ObjectType()
export class CompanyPartner {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) role!: string | null;
  @Field(() => String, { nullable: true, description: "AAAA-MM-DD" }) since!: string | null;
}

@ObjectType({ description: "Dados cadastrais públicos de uma empresa (Receita Federal), da primeira fonte que respondeu." })
export class CompanyRegistration {
  @Field(() => String) cnpj!: string;
  @Field(() => String) legalName!: string;
  @Field(() => String, { nullable: true }) tradeName!: string | null;
  @Field(() => String, { nullable: true, description: "ATIVA, BAIXADA, INAPTA, SUSPENSA ou NULA" }) status!: string | null;
  @Field(() => String, { nullable: true }) statusDate!: string | null;
  @Field(() => String, { nullable: true, description: "Data de abertura, AAAA-MM-DD" }) openedOn!: string | null;
  @Field(() => CompanyActivity, { nullable: true }) mainActivity!: CompanyActivity | null;
  @Field(() => [CompanyActivity]) secondaryActivities!: CompanyActivity[];
  @Field(() => String, { nullable: true }) legalNature!: string | null;
  @Field(() => String, { nullable: true }) size!: string | null;
  @Field(() => Float, { nullable: true }) shareCapital!: number | null;
  @Field(() => Boolean, { nullable: true }) headquarters!: boolean | null;
  @Field(() => Boolean, { nullable: true }) simples!: boolean | null;
  @Field(() => Boolean, { nullable: true }) mei!: boolean | null;
  @Field(() => CompanyAddress, { nullable: true }) address!: CompanyAddress | null;
  @Field(() => [String]) phones!: string[];
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => [CompanyPartner], { description: "Quadro de sócios e administradores, quando a fonte informa." }) partners!: CompanyPartner[];
  @Field(() => String, { description: "brasilapi, receitaws ou cnpja" }) source!: string;
  @Field(() => Date) fetchedAt!: Date;
  @Field(() => Boolean, { description: "Fora da janela de atualização: servido do cache porque nenhuma fonte respondeu." }) stale!: boolean;
}
