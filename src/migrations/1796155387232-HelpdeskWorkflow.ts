import type { MigrationInterface, QueryRunner } from "typeorm";

export class HelpdeskWorkflow1796155387232 implements MigrationInterface {
  name = "HelpdeskWorkflow1796155387232";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "routing_rules" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "tenant_id" uuid NOT NULL, "name" text, "team_id" uuid NOT NULL, "priority" "public"."priority", "position" integer NOT NULL DEFAULT '0', "enabled" boolean NOT NULL DEFAULT true, "match" jsonb NOT NULL, CONSTRAINT "PK_b744c5cc71053ea4d3fc8a860c2" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "routing_rules_tenant_position_idx" ON "routing_rules"  ("tenant_id", "position") `);
    await queryRunner.query(`CREATE TABLE "sla_policies" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "tenant_id" uuid NOT NULL, "priority" "public"."priority" NOT NULL, "team_id" uuid, "first_response_minutes" integer NOT NULL, "resolution_minutes" integer NOT NULL, "pause_while_waiting_customer" boolean NOT NULL DEFAULT false, "warn_before_minutes" integer NOT NULL DEFAULT '15', CONSTRAINT "PK_41b6803cef982534243a67b6302" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "sla_policies_tenant_priority_idx" ON "sla_policies"  ("tenant_id", "priority") `);
    await queryRunner.query(`CREATE TABLE "canned_replies" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "tenant_id" uuid NOT NULL, "owner_id" uuid, "shortcut" text NOT NULL, "title" text NOT NULL, "body" text NOT NULL, "attachment_document_id" uuid, CONSTRAINT "PK_dd80b4af0ce27d517e404fbc7d6" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "canned_replies_tenant_shortcut_idx" ON "canned_replies"  ("tenant_id", "shortcut") `);
    await queryRunner.query(`ALTER TABLE "tickets" ADD "first_response_warned_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "tickets" ADD "resolution_warned_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "tenant_settings" ADD "ticket_categories" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "handoffs" ADD "first_response_warned_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "handoffs" ADD "resolution_warned_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "handoffs" ADD "sla_paused_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "team_members" ADD CONSTRAINT "FK_fdad7d5768277e60c40e01cdcea" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "team_members" ADD CONSTRAINT "FK_c2bf4967c8c2a6b845dadfbf3d4" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "tickets" ADD CONSTRAINT "FK_ec5071f9de4677c9e8da947e144" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "handoffs" ADD CONSTRAINT "FK_b183d951cbb68531e6f8a089b10" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "label_links" ADD CONSTRAINT "FK_1f10c1d88a12c281cbffb0eb582" FOREIGN KEY ("label_id") REFERENCES "labels"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "routing_rules" ADD CONSTRAINT "FK_892dd56e120db44b27eead7e5cd" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "routing_rules" ADD CONSTRAINT "FK_fd318b214d50c9f2efbea0a595a" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "sla_policies" ADD CONSTRAINT "FK_8367c67283819e019db89361893" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "sla_policies" ADD CONSTRAINT "FK_88efed505d080ac15da79a160ae" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "canned_replies" ADD CONSTRAINT "FK_dd4168012ff618a027809bb88c3" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "canned_replies" ADD CONSTRAINT "FK_b818b97068cf79cc979bc27da56" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "canned_replies" ADD CONSTRAINT "FK_1209d0e4c0bd898ca23250198bb" FOREIGN KEY ("attachment_document_id") REFERENCES "documents"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "canned_replies" DROP CONSTRAINT "FK_1209d0e4c0bd898ca23250198bb"`);
    await queryRunner.query(`ALTER TABLE "canned_replies" DROP CONSTRAINT "FK_b818b97068cf79cc979bc27da56"`);
    await queryRunner.query(`ALTER TABLE "canned_replies" DROP CONSTRAINT "FK_dd4168012ff618a027809bb88c3"`);
    await queryRunner.query(`ALTER TABLE "sla_policies" DROP CONSTRAINT "FK_88efed505d080ac15da79a160ae"`);
    await queryRunner.query(`ALTER TABLE "sla_policies" DROP CONSTRAINT "FK_8367c67283819e019db89361893"`);
    await queryRunner.query(`ALTER TABLE "routing_rules" DROP CONSTRAINT "FK_fd318b214d50c9f2efbea0a595a"`);
    await queryRunner.query(`ALTER TABLE "routing_rules" DROP CONSTRAINT "FK_892dd56e120db44b27eead7e5cd"`);
    await queryRunner.query(`ALTER TABLE "label_links" DROP CONSTRAINT "FK_1f10c1d88a12c281cbffb0eb582"`);
    await queryRunner.query(`ALTER TABLE "handoffs" DROP CONSTRAINT "FK_b183d951cbb68531e6f8a089b10"`);
    await queryRunner.query(`ALTER TABLE "tickets" DROP CONSTRAINT "FK_ec5071f9de4677c9e8da947e144"`);
    await queryRunner.query(`ALTER TABLE "team_members" DROP CONSTRAINT "FK_c2bf4967c8c2a6b845dadfbf3d4"`);
    await queryRunner.query(`ALTER TABLE "team_members" DROP CONSTRAINT "FK_fdad7d5768277e60c40e01cdcea"`);
    await queryRunner.query(`ALTER TABLE "handoffs" DROP COLUMN "sla_paused_at"`);
    await queryRunner.query(`ALTER TABLE "handoffs" DROP COLUMN "resolution_warned_at"`);
    await queryRunner.query(`ALTER TABLE "handoffs" DROP COLUMN "first_response_warned_at"`);
    await queryRunner.query(`ALTER TABLE "tenant_settings" DROP COLUMN "ticket_categories"`);
    await queryRunner.query(`ALTER TABLE "tickets" DROP COLUMN "resolution_warned_at"`);
    await queryRunner.query(`ALTER TABLE "tickets" DROP COLUMN "first_response_warned_at"`);
    await queryRunner.query(`DROP INDEX "public"."canned_replies_tenant_shortcut_idx"`);
    await queryRunner.query(`DROP TABLE "canned_replies"`);
    await queryRunner.query(`DROP INDEX "public"."sla_policies_tenant_priority_idx"`);
    await queryRunner.query(`DROP TABLE "sla_policies"`);
    await queryRunner.query(`DROP INDEX "public"."routing_rules_tenant_position_idx"`);
    await queryRunner.query(`DROP TABLE "routing_rules"`);
  }
}
