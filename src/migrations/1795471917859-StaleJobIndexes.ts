import type { MigrationInterface, QueryRunner } from "typeorm";

export class StaleJobIndexes1795471917859 implements MigrationInterface {
  name = "StaleJobIndexes1795471917859";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "documents_open_ocr_idx" ON "documents"  ("updated_at") WHERE ocr_status IN ('PENDING', 'PROCESSING')`);
    await queryRunner.query(`CREATE INDEX "messages_outbound_pending_idx" ON "messages"  ("created_at") WHERE delivery_status = 'PENDING' AND direction = 'OUTBOUND'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."messages_outbound_pending_idx"`);
    await queryRunner.query(`DROP INDEX "public"."documents_open_ocr_idx"`);
  }
}
