/**
 * Writes a migration with the SQL that turns the current migrations into the
 * current entities. Runs against a scratch database on DATABASE_URL (default:
 * postgres://root@127.0.0.1:5432/postgres), created and dropped here.
 *   npm run migration:generate -- AddTickets
 */
import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { Client } from "pg";
import { loadConfig } from "../src/config";
import { createDataSource, pendingSchemaChanges, runMigrations } from "../src/infra/database";

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error("usage: generate-migration <PascalCaseName>");
  const base = process.env.DATABASE_URL || "postgres://root@127.0.0.1:5432/postgres";
  const scratch = `migration_gen_${Date.now()}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${scratch}`);
  try {
    const url = new URL(base);
    url.pathname = `/${scratch}`;
    const ds = await createDataSource(loadConfig({ ...process.env, DATABASE_URL: url.toString(), LOG_LEVEL: "silent" }));
    await runMigrations(ds);
    const log = await ds.driver.createSchemaBuilder().log();
    await ds.destroy();
    if (!log.upQueries.length) {
      console.log("no changes: entities and migrations agree");
      return;
    }
    const ts = Date.now();
    const cls = `${name}${ts}`;
    const q = (s: string) => "`" + s.replace(/\\/g, "\\\\").replace(/`/g, "\\`").replace(/\$\{/g, "\\${") + "`";
    // TypeORM repeats CREATE TYPE for an enum shared by two tables; keep the first.
    // On the way down the type must go after its last user, so keep the last one there.
    const unique = (qs: typeof log.upQueries, keep: "first" | "last") => {
      const list = keep === "last" ? [...qs].reverse() : qs;
      const seen = new Set<string>();
      const kept = list.filter((x) => (seen.has(x.query) ? false : (seen.add(x.query), true)));
      return keep === "last" ? kept.reverse() : kept;
    };
    const up = unique(log.upQueries, "first").map((x) => `    await queryRunner.query(${q(x.query)});`).join("\n");
    const down = unique(log.downQueries.reverse(), "last").map((x) => `    await queryRunner.query(${q(x.query)});`).join("\n");
    const file = path.resolve(__dirname.includes(`${path.sep}dist${path.sep}`) ? path.join(__dirname, "../../src/migrations") : path.join(__dirname, "../src/migrations"), `${ts}-${name}.ts`);
    fs.writeFileSync(file, `import type { MigrationInterface, QueryRunner } from "typeorm";

export class ${cls} implements MigrationInterface {
  name = "${cls}";

  public async up(queryRunner: QueryRunner): Promise<void> {
${up}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${down}
  }
}
`);
    const index = path.join(path.dirname(file), "index.ts");
    let src = fs.readFileSync(index, "utf8");
    src = src.replace(/^(import type \{ MigrationInterface \} from "typeorm";\n)/m, `$1import { ${cls} } from "./${ts}-${name}";\n`);
    src = src.replace(/= \[([^\]]*)\];/, (_m, list: string) => `= [${list.trim() ? `${list.trim().replace(/,$/, "")}, ` : ""}${cls}];`);
    fs.writeFileSync(index, src);
    console.log(`wrote ${file} and registered ${cls} in src/migrations/index.ts`);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
