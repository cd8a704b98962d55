/** Writes src/schema/schema.graphql from the resolvers (npm run schema:emit). */
import fs from "node:fs";
import path from "node:path";
import { buildAppSchema, printAppSchema } from "../src/resolvers/schema";

async function main(): Promise<void> {
  const root = __dirname.includes(`${path.sep}dist${path.sep}`) ? path.join(__dirname, "../..") : path.join(__dirname, "..");
  const file = path.join(root, "src/schema/schema.graphql");
  fs.writeFileSync(file, printAppSchema(await buildAppSchema(null)));
  console.log(`wrote ${file}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
