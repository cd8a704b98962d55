import type { MigrationInterface, QueryRunner } from "typeorm";

export class Documents1795469897298 implements MigrationInterface {
  name = "Documents1795469897298";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."document_kind" AS ENUM('PAYSLIP', 'UTILITY_BILL', 'CNPJ_CARD', 'OTHER')`);
    await queryRunner.query(`CREATE TYPE "public"."ocr_status" AS ENUM('PENDING', 'PROCESSING', 'DONE', 'FAILED')`);
    await queryRunner.query(`CREATE TABLE "documents" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "tenant_id" uuid NOT NULL, "client_id" uuid, "ticket_id" uuid, "message_id" uuid, "filename" text NOT NULL, "mime_type" text NOT NULL, "size" integer NOT NULL, "kind" "public"."document_kind" NOT NULL DEFAULT 'OTHER', "ocr_status" "public"."ocr_status" NOT NULL DEFAULT 'PENDING', "ocr_text" text, "ocr_confidence" double precision, "fields" jsonb, "sensitive" boolean NOT NULL DEFAULT false, "storage_key" text, "error" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ac51aa5181ee2036f5ca482857c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "documents_client_idx" ON "documents"  ("tenant_id", "client_id") `);
    await queryRunner.query(`CREATE INDEX "documents_ticket_idx" ON "documents"  ("ticket_id") `);
    await queryRunner.query(`CREATE INDEX "documents_tenant_created_idx" ON "documents"  ("tenant_id", "created_at") `);
    await queryRunner.query(`ALTER TABLE "documents" ADD CONSTRAINT "FK_5109a94ccfd3f39bf4a7a1e1fa6" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "documents" ADD CONSTRAINT "FK_f6a0859c9b1c7c3fcb003c17163" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "documents" ADD CONSTRAINT "FK_d158c92d1b26e1be9490a8c565d" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    // No documents existed before this migration: any document_id set so far points nowhere.
    await queryRunner.query(`UPDATE "messages" SET "document_id" = NULL WHERE "document_id" IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE "messages" ADD CONSTRAINT "FK_9b4887dbbb658dea7874063187b" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "messages" DROP CONSTRAINT "FK_9b4887dbbb658dea7874063187b"`);
    await queryRunner.query(`ALTER TABLE "documents" DROP CONSTRAINT "FK_d158c92d1b26e1be9490a8c565d"`);
    await queryRunner.query(`ALTER TABLE "documents" DROP CONSTRAINT "FK_f6a0859c9b1c7c3fcb003c17163"`);
    await queryRunner.query(`ALTER TABLE "documents" DROP CONSTRAINT "FK_5109a94ccfd3f39bf4a7a1e1fa6"`);
    await queryRunner.query(`DROP INDEX "public"."documents_tenant_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."documents_ticket_idx"`);
    await queryRunner.query(`DROP INDEX "public"."documents_client_idx"`);
    await queryRunner.query(`DROP TABLE "documents"`);
    await queryRunner.query(`DROP TYPE "public"."ocr_status"`);
    await queryRunner.query(`DROP TYPE "public"."document_kind"`);
  }
}
