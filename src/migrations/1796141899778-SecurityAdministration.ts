import type { MigrationInterface, QueryRunner } from "typeorm";

export class SecurityAdministration1796141899778 implements MigrationInterface {
  name = "SecurityAdministration1796141899778";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "auth_sessions" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "tenant_id" uuid NOT NULL, "user_id" uuid NOT NULL, "ip" text, "user_agent" text, "last_used_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_641507381f32580e8479efc36cd" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "auth_sessions_user_idx" ON "auth_sessions"  ("user_id") `);
    await queryRunner.query(`CREATE TABLE "password_resets" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "tenant_id" uuid NOT NULL, "user_id" uuid NOT NULL, "code_hash" text NOT NULL, "created_by_id" uuid, "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP(3) WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_4816377aa98211c1de34469e742" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "password_resets_user_idx" ON "password_resets"  ("user_id") `);
    await queryRunner.query(`ALTER TABLE "tenant_settings" ADD "require_two_factor_for_admins" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "messages" ADD "original_length" integer`);
    await queryRunner.query(`ALTER TABLE "auth_sessions" ADD CONSTRAINT "FK_5dc49263cfc54258d6fa9282873" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "password_resets" ADD CONSTRAINT "FK_518c8ca9dcdbe598dbfc23a1a62" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // Refresh families that exist already become login sessions, so nobody is signed out by the deploy.
    await queryRunner.query(`INSERT INTO "auth_sessions" ("id", "tenant_id", "user_id", "created_at", "last_used_at", "expires_at", "revoked_at")
      SELECT rt.family_id, u.tenant_id, rt.user_id, min(rt.created_at), max(rt.created_at), max(rt.expires_at),
             CASE WHEN bool_and(rt.revoked_at IS NOT NULL) THEN now() END
      FROM "refresh_tokens" rt JOIN "users" u ON u.id = rt.user_id
      GROUP BY rt.family_id, u.tenant_id, rt.user_id`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "password_resets" DROP CONSTRAINT "FK_518c8ca9dcdbe598dbfc23a1a62"`);
    await queryRunner.query(`ALTER TABLE "auth_sessions" DROP CONSTRAINT "FK_5dc49263cfc54258d6fa9282873"`);
    await queryRunner.query(`ALTER TABLE "messages" DROP COLUMN "original_length"`);
    await queryRunner.query(`ALTER TABLE "tenant_settings" DROP COLUMN "require_two_factor_for_admins"`);
    await queryRunner.query(`DROP INDEX "public"."password_resets_user_idx"`);
    await queryRunner.query(`DROP TABLE "password_resets"`);
    await queryRunner.query(`DROP INDEX "public"."auth_sessions_user_idx"`);
    await queryRunner.query(`DROP TABLE "auth_sessions"`);
  }
}
