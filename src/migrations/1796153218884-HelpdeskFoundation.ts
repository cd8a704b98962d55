import type { MigrationInterface, QueryRunner } from "typeorm";

export class HelpdeskFoundation1796153218884 implements MigrationInterface {
  name = "HelpdeskFoundation1796153218884";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "teams" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "tenant_id" uuid NOT NULL, "name" text NOT NULL, "description" text, CONSTRAINT "PK_7e5523774a38b08a6236d322403" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "teams_tenant_name_uq" ON "teams"  ("tenant_id", "name") `);
    await queryRunner.query(`CREATE TABLE "team_members" ("team_id" uuid NOT NULL, "user_id" uuid NOT NULL, "tenant_id" uuid NOT NULL, CONSTRAINT "PK_1d3c06a8217a8785e2af0ec4ab8" PRIMARY KEY ("team_id", "user_id"))`);
    await queryRunner.query(`CREATE INDEX "team_members_user_idx" ON "team_members"  ("user_id") `);
    await queryRunner.query(`CREATE TABLE "labels" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "tenant_id" uuid NOT NULL, "name" text NOT NULL, "color" text NOT NULL DEFAULT '#6b7280', CONSTRAINT "PK_c0c4e97f76f1f3a268c7a70b925" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "labels_tenant_name_uq" ON "labels"  ("tenant_id", "name") `);
    await queryRunner.query(`CREATE TABLE "label_links" ("label_id" uuid NOT NULL, "target_type" text NOT NULL, "target_id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_de6963310aa1187a5703b821da3" PRIMARY KEY ("label_id", "target_type", "target_id"))`);
    await queryRunner.query(`CREATE INDEX "label_links_target_idx" ON "label_links"  ("tenant_id", "target_type", "target_id") `);
    await queryRunner.query(`CREATE TABLE "survey_responses" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "tenant_id" uuid NOT NULL, "kind" text NOT NULL, "status" text NOT NULL DEFAULT 'SENT', "client_id" uuid NOT NULL, "session_id" uuid, "handoff_id" uuid, "agent_id" uuid, "team_id" uuid, "channel" "public"."channel_type" NOT NULL, "inbox_id" uuid, "score" smallint, "comment" text, "sent_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "answered_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_349995c51959d139d8e485a58ea" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "survey_responses_client_kind_idx" ON "survey_responses"  ("tenant_id", "client_id", "kind", "sent_at") `);
    await queryRunner.query(`CREATE INDEX "survey_responses_session_idx" ON "survey_responses"  ("session_id", "status") `);
    await queryRunner.query(`CREATE INDEX "survey_responses_tenant_answered_idx" ON "survey_responses"  ("tenant_id", "answered_at") `);
    await queryRunner.query(`ALTER TABLE "tickets" ADD "team_id" uuid`);
    await queryRunner.query(`ALTER TABLE "tickets" ADD "category" text`);
    await queryRunner.query(`ALTER TABLE "tickets" ADD "due_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "tickets" ADD "first_response_due_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "tickets" ADD "resolution_due_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "tickets" ADD "first_response_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "tickets" ADD "resolved_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "tickets" ADD "first_response_breached_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "tickets" ADD "resolution_breached_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "handoffs" ADD "team_id" uuid`);
    await queryRunner.query(`ALTER TABLE "handoffs" ADD "first_response_due_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "handoffs" ADD "resolution_due_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "handoffs" ADD "first_response_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "handoffs" ADD "first_response_breached_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "handoffs" ADD "resolution_breached_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "handoffs" ADD "transfer_count" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "teams" ADD CONSTRAINT "FK_11c78d7c145fb2c24ae04b17c0c" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "labels" ADD CONSTRAINT "FK_9534d65dd5c6bf747bf5ce7d0aa" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "survey_responses" ADD CONSTRAINT "FK_c330ad22210b3192b2da394824e" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "survey_responses" DROP CONSTRAINT "FK_c330ad22210b3192b2da394824e"`);
    await queryRunner.query(`ALTER TABLE "labels" DROP CONSTRAINT "FK_9534d65dd5c6bf747bf5ce7d0aa"`);
    await queryRunner.query(`ALTER TABLE "teams" DROP CONSTRAINT "FK_11c78d7c145fb2c24ae04b17c0c"`);
    await queryRunner.query(`ALTER TABLE "handoffs" DROP COLUMN "transfer_count"`);
    await queryRunner.query(`ALTER TABLE "handoffs" DROP COLUMN "resolution_breached_at"`);
    await queryRunner.query(`ALTER TABLE "handoffs" DROP COLUMN "first_response_breached_at"`);
    await queryRunner.query(`ALTER TABLE "handoffs" DROP COLUMN "first_response_at"`);
    await queryRunner.query(`ALTER TABLE "handoffs" DROP COLUMN "resolution_due_at"`);
    await queryRunner.query(`ALTER TABLE "handoffs" DROP COLUMN "first_response_due_at"`);
    await queryRunner.query(`ALTER TABLE "handoffs" DROP COLUMN "team_id"`);
    await queryRunner.query(`ALTER TABLE "tickets" DROP COLUMN "resolution_breached_at"`);
    await queryRunner.query(`ALTER TABLE "tickets" DROP COLUMN "first_response_breached_at"`);
    await queryRunner.query(`ALTER TABLE "tickets" DROP COLUMN "resolved_at"`);
    await queryRunner.query(`ALTER TABLE "tickets" DROP COLUMN "first_response_at"`);
    await queryRunner.query(`ALTER TABLE "tickets" DROP COLUMN "resolution_due_at"`);
    await queryRunner.query(`ALTER TABLE "tickets" DROP COLUMN "first_response_due_at"`);
    await queryRunner.query(`ALTER TABLE "tickets" DROP COLUMN "due_at"`);
    await queryRunner.query(`ALTER TABLE "tickets" DROP COLUMN "category"`);
    await queryRunner.query(`ALTER TABLE "tickets" DROP COLUMN "team_id"`);
    await queryRunner.query(`DROP INDEX "public"."survey_responses_tenant_answered_idx"`);
    await queryRunner.query(`DROP INDEX "public"."survey_responses_session_idx"`);
    await queryRunner.query(`DROP INDEX "public"."survey_responses_client_kind_idx"`);
    await queryRunner.query(`DROP TABLE "survey_responses"`);
    await queryRunner.query(`DROP INDEX "public"."label_links_target_idx"`);
    await queryRunner.query(`DROP TABLE "label_links"`);
    await queryRunner.query(`DROP INDEX "public"."labels_tenant_name_uq"`);
    await queryRunner.query(`DROP TABLE "labels"`);
    await queryRunner.query(`DROP INDEX "public"."team_members_user_idx"`);
    await queryRunner.query(`DROP TABLE "team_members"`);
    await queryRunner.query(`DROP INDEX "public"."teams_tenant_name_uq"`);
    await queryRunner.query(`DROP TABLE "teams"`);
  }
}
