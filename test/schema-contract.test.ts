import fs from "node:fs";
import path from "node:path";
import { buildSchema, findBreakingChanges, GraphQLObjectType } from "graphql";
import { describe, expect, it } from "vitest";
import { buildAppSchema, printAppSchema } from "../src/resolvers/schema";

const CONTRACT = path.resolve(process.cwd(), "../shared/api-contract.graphql");
const EMITTED = path.resolve(process.cwd(), "src/schema/schema.graphql");

/**
 * Contract elements whose issue is not delivered yet. Each entry must really be
 * absent (so the list cannot go stale) and the list only shrinks.
 */
export const NOT_YET_IMPLEMENTED: string[] = [];

describe("GraphQL schema", () => {
  it("committed schema.graphql is what the resolvers emit (run npm run schema:emit)", async () => {
    const built = printAppSchema(await buildAppSchema(null));
    expect(fs.readFileSync(EMITTED, "utf8")).toBe(built);
  });

  it("is a compatible superset of ../shared/api-contract.graphql", () => {
    const contract = buildSchema(fs.readFileSync(CONTRACT, "utf8"));
    const emitted = buildSchema(fs.readFileSync(EMITTED, "utf8"));
    const breaking = findBreakingChanges(contract, emitted).map((c) => c.description);
    const removedName = (d: string) => /^(?:Standard scalar )?([\w.]+) was removed/.exec(d)?.[1];
    const pending = (d: string) => NOT_YET_IMPLEMENTED.includes(removedName(d) ?? "");
    expect(breaking.filter((d) => !pending(d))).toEqual([]);
    for (const name of NOT_YET_IMPLEMENTED) expect(breaking.some((d) => removedName(d) === name), `${name} is implemented: remove it from NOT_YET_IMPLEMENTED`).toBe(true);
  });

  it("exposes no secret through any output type", () => {
    const schema = buildSchema(fs.readFileSync(EMITTED, "utf8"));
    const secret = /^(password|passwordHash|tokenHash|totpSecret|apiKey|accessToken|appSecret|verifyToken|webhookKey\w*|configSealed|storageKey|secret)$/;
    const leaks: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!(type instanceof GraphQLObjectType) || type.name.startsWith("__")) continue;
      for (const field of Object.keys(type.getFields())) {
        // Shown once, by design: the secret of a just-created inbox, AI tool (set only in createAiTool's answer) or 2FA setup, a new API key, a new webhook subscription.
        const shownOnce = ["CreatedInbox.webhookSecret", "TwoFactorSetup.secret", "AiTool.secret", "CreatedApiKey.token", "CreatedApiKey.apiKey", "AuthPayload.accessToken", "CreatedWebhookSubscription.secret"].includes(`${type.name}.${field}`);
        if (secret.test(field) && !shownOnce) leaks.push(`${type.name}.${field}`);
      }
    }
    expect(leaks).toEqual([]);
  });
});
