import type { MigrationInterface, QueryRunner } from "typeorm";

export class CrmCnpj1796142328678 implements MigrationInterface {
  name = "CrmCnpj1796142328678";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "cnpj_registrations" ("cnpj" text NOT NULL, "source" text NOT NULL, "data" jsonb NOT NULL, "fetched_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "PK_39222b0b83717ee626dabb55c2b" PRIMARY KEY ("cnpj"))`);
    await queryRunner.query(`ALTER TABLE "clients" ADD "company" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "clients" DROP COLUMN "company"`);
    await queryRunner.query(`DROP TABLE "cnpj_registrations"`);
  }
}
