import type { MigrationInterface, QueryRunner } from "typeorm";

export class LgpdPrivacy1795466150659 implements MigrationInterface {
  name = "LgpdPrivacy1795466150659";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."consent_purpose" AS ENUM('WHATSAPP_CONTACT', 'MARKETING', 'AI_PROCESSING', 'DATA_SHARING')`);
    await queryRunner.query(`CREATE TABLE "consents" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "seq" BIGSERIAL NOT NULL, "tenant_id" uuid NOT NULL, "client_id" uuid NOT NULL, "purpose" "public"."consent_purpose" NOT NULL, "granted" boolean NOT NULL, "text" text NOT NULL, "text_version" text NOT NULL, "source" text NOT NULL, "reason" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_9efc68eb6aba7d638fb6ea034dd" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "consents_client_purpose_idx" ON "consents"  ("tenant_id", "client_id", "purpose", "seq") `);
    await queryRunner.query(`CREATE TYPE "public"."dsr_type" AS ENUM('ACCESS', 'EXPORT', 'DELETION', 'RECTIFICATION')`);
    await queryRunner.query(`CREATE TYPE "public"."dsr_status" AS ENUM('PENDING', 'APPROVED', 'REJECTED', 'COMPLETED')`);
    await queryRunner.query(`CREATE TABLE "data_subject_requests" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "tenant_id" uuid NOT NULL, "client_id" uuid NOT NULL, "type" "public"."dsr_type" NOT NULL, "status" "public"."dsr_status" NOT NULL DEFAULT 'PENDING', "reason" text, "decision_reason" text, "decided_by" uuid, "decided_at" TIMESTAMP(3) WITH TIME ZONE, "due_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "execute_after" TIMESTAMP(3) WITH TIME ZONE, "completed_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_7bd74287e894f1a89709e8fc120" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "dsr_due_deletions_idx" ON "data_subject_requests"  ("execute_after") WHERE status = 'APPROVED' AND type = 'DELETION'`);
    await queryRunner.query(`CREATE INDEX "dsr_client_idx" ON "data_subject_requests"  ("tenant_id", "client_id") `);
    await queryRunner.query(`CREATE INDEX "dsr_tenant_created_idx" ON "data_subject_requests"  ("tenant_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "data_access_logs" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "tenant_id" uuid NOT NULL, "actor_id" uuid, "api_key_id" uuid, "client_id" uuid, "action" text NOT NULL, "resource" text NOT NULL, "justification" text, "ip" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_887a3d112356cce5f7e918d9a09" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "data_access_logs_client_idx" ON "data_access_logs"  ("tenant_id", "client_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "data_access_logs_tenant_created_idx" ON "data_access_logs"  ("tenant_id", "created_at") `);
    await queryRunner.query(`ALTER TABLE "consents" ADD CONSTRAINT "FK_949e8b074f10fe283dc754bfb8b" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "consents" ADD CONSTRAINT "FK_618e4fb7c4dc5b95a223cc9866c" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "data_subject_requests" ADD CONSTRAINT "FK_9e80cf4bd7d868fa01e500db7cd" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "data_subject_requests" ADD CONSTRAINT "FK_0b3f222e3c47cf156f65ec93ba4" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    // --- written by hand: rules the entities cannot express ---------------------------
    // consents is an append-only legal record (LGPD Art. 8 §2: the controller proves consent).
    // UPDATE, DELETE and TRUNCATE raise. The one exception is the LGPD erasure
    // (services/privacy/erasure.service.ts), which runs with the transaction-local setting
    // app.lgpd_erasure = 'on' and may only scrub the free-text columns that can hold
    // personal data (source: IP or message id; reason): every other column must be equal.
    await queryRunner.query(`CREATE FUNCTION consents_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND coalesce(current_setting('app.lgpd_erasure', true), '') = 'on'
     AND (to_jsonb(NEW) - 'source' - 'reason') = (to_jsonb(OLD) - 'source' - 'reason') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'consents is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$`);
    await queryRunner.query(`CREATE TRIGGER consents_append_only BEFORE UPDATE OR DELETE ON "consents" FOR EACH ROW EXECUTE FUNCTION consents_append_only()`);
    await queryRunner.query(`CREATE TRIGGER consents_no_truncate BEFORE TRUNCATE ON "consents" FOR EACH STATEMENT EXECUTE FUNCTION consents_append_only()`);
    // data_access_logs: entries never change, and none younger than 6 months is ever
    // deleted (Marco Civil da Internet, Art. 15), whatever a retention handler does.
    await queryRunner.query(`CREATE FUNCTION data_access_logs_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.created_at < now() - interval '6 months' THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION 'data_access_logs: % is not allowed (entries are immutable and kept for at least 6 months)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$`);
    await queryRunner.query(`CREATE TRIGGER data_access_logs_guard BEFORE UPDATE OR DELETE ON "data_access_logs" FOR EACH ROW EXECUTE FUNCTION data_access_logs_guard()`);
    await queryRunner.query(`CREATE TRIGGER data_access_logs_no_truncate BEFORE TRUNCATE ON "data_access_logs" FOR EACH STATEMENT EXECUTE FUNCTION data_access_logs_guard()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER data_access_logs_no_truncate ON "data_access_logs"`);
    await queryRunner.query(`DROP TRIGGER data_access_logs_guard ON "data_access_logs"`);
    await queryRunner.query(`DROP FUNCTION data_access_logs_guard()`);
    await queryRunner.query(`DROP TRIGGER consents_no_truncate ON "consents"`);
    await queryRunner.query(`DROP TRIGGER consents_append_only ON "consents"`);
    await queryRunner.query(`DROP FUNCTION consents_append_only()`);
    await queryRunner.query(`ALTER TABLE "data_subject_requests" DROP CONSTRAINT "FK_0b3f222e3c47cf156f65ec93ba4"`);
    await queryRunner.query(`ALTER TABLE "data_subject_requests" DROP CONSTRAINT "FK_9e80cf4bd7d868fa01e500db7cd"`);
    await queryRunner.query(`ALTER TABLE "consents" DROP CONSTRAINT "FK_618e4fb7c4dc5b95a223cc9866c"`);
    await queryRunner.query(`ALTER TABLE "consents" DROP CONSTRAINT "FK_949e8b074f10fe283dc754bfb8b"`);
    await queryRunner.query(`DROP INDEX "public"."data_access_logs_tenant_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."data_access_logs_client_idx"`);
    await queryRunner.query(`DROP TABLE "data_access_logs"`);
    await queryRunner.query(`DROP INDEX "public"."dsr_tenant_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."dsr_client_idx"`);
    await queryRunner.query(`DROP INDEX "public"."dsr_due_deletions_idx"`);
    await queryRunner.query(`DROP TABLE "data_subject_requests"`);
    await queryRunner.query(`DROP TYPE "public"."dsr_status"`);
    await queryRunner.query(`DROP TYPE "public"."dsr_type"`);
    await queryRunner.query(`DROP INDEX "public"."consents_client_purpose_idx"`);
    await queryRunner.query(`DROP TABLE "consents"`);
    await queryRunner.query(`DROP TYPE "public"."consent_purpose"`);
  }
}
