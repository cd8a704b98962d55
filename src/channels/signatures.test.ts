import { readFileSync } from "node:fs";
import path from "node:path";
import { SignJWT, UnsecuredJWT } from "jose";
import { describe, expect, it } from "vitest";
import { safeEqual } from "./signatures";
import { verifyCloudSignature } from "./cloud-api/verify";
import { signGeneric, verifyGenericSignature } from "./generic/verify";
import { checkEvolutionJwt, verifyEvolutionJwt } from "./evolution/verify";

const FIXTURES = path.resolve(process.cwd(), "../shared/fixtures/webhooks");
const APP_SECRET = "3f7a9c2e5b1d4f6089a7c3e2d1b0f4a5";
const signatures: Record<string, string> = JSON.parse(readFileSync(path.join(FIXTURES, "cloud-api-signatures.json"), "utf8")).signatures;
const raw = (file: string) => readFileSync(path.join(FIXTURES, "cloud-api", file));

describe("verifyCloudSignature", () => {
  const files = Object.keys(signatures);

  it("covers every cloud-api fixture", () => {
    expect(files.length).toBe(8);
  });

  it.each(files)("%s verifies against its recorded signature", (file) => {
    expect(verifyCloudSignature(raw(file), signatures[file], APP_SECRET)).toBe(true);
    // Upper-case hex is the same digest.
    const upper = `sha256=${signatures[file]!.slice(7).toUpperCase()}`;
    expect(verifyCloudSignature(raw(file), upper, APP_SECRET)).toBe(true);
  });

  it.each(files)("%s fails when one byte is flipped", (file) => {
    const body = raw(file);
    for (const index of [0, Math.floor(body.length / 2), body.length - 1]) {
      const tampered = Buffer.from(body);
      tampered[index] = tampered[index]! ^ 0x01;
      expect(verifyCloudSignature(tampered, signatures[file], APP_SECRET)).toBe(false);
    }
  });

  it.each(files)("%s fails when re-serialised (hash raw bytes, not parsed JSON)", (file) => {
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(raw(file).toString("utf8"))));
    expect(verifyCloudSignature(reserialised, signatures[file], APP_SECRET)).toBe(false);
    const pretty = Buffer.from(`${JSON.stringify(JSON.parse(raw(file).toString("utf8")), null, 2)}\n`);
    // Same whitespace but decoded unicode: still different bytes for non-ASCII fixtures.
    if (raw(file).includes("\\u")) expect(verifyCloudSignature(pretty, signatures[file], APP_SECRET)).toBe(false);
  });

  it("fails closed for missing, short, malformed or wrong headers without throwing", () => {
    const body = raw("text.json");
    const good = signatures["text.json"]!;
    for (const header of [
      undefined,
      "",
      "sha256=",
      good.slice(0, -2),
      `${good}00`,
      good.slice(7), // no prefix
      `sha1=${good.slice(7)}`,
      `sha256=${"z".repeat(64)}`,
      `SHA256=${good.slice(7)}x`,
      null as unknown as string,
      42 as unknown as string,
    ]) {
      expect(verifyCloudSignature(body, header, APP_SECRET)).toBe(false);
    }
    expect(verifyCloudSignature(body, good, "wrong-secret")).toBe(false);
    expect(verifyCloudSignature(body, good, "")).toBe(false);
    expect(verifyCloudSignature("not a buffer" as unknown as Buffer, good, APP_SECRET)).toBe(false);
  });
});

describe("generic signatures", () => {
  const secret = "s3cr3t-generic";
  const body = Buffer.from('{"event":"ticket.created","id":"t_1","texto":"ação"}');
  const now = new Date("2026-11-23T12:00:00Z");

  it("round-trips and binds the timestamp", () => {
    const { signature, timestamp } = signGeneric(body, secret, now);
    expect(timestamp).toBe(String(now.getTime() / 1000));
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyGenericSignature(body, signature, timestamp, secret, now)).toBe(true);
    expect(verifyGenericSignature(body, signature, String(Number(timestamp) + 1), secret, now)).toBe(false);
    expect(verifyGenericSignature(Buffer.concat([body, Buffer.from(" ")]), signature, timestamp, secret, now)).toBe(false);
    expect(verifyGenericSignature(body, signature, timestamp, "other", now)).toBe(false);
    expect(signGeneric(body.toString("utf8"), secret, now)).toEqual({ signature, timestamp });
  });

  it("rejects stale and future timestamps beyond the tolerance", () => {
    const { signature, timestamp } = signGeneric(body, secret, now);
    const plus = (s: number) => new Date(now.getTime() + s * 1000);
    expect(verifyGenericSignature(body, signature, timestamp, secret, plus(300))).toBe(true);
    expect(verifyGenericSignature(body, signature, timestamp, secret, plus(301))).toBe(false);
    expect(verifyGenericSignature(body, signature, timestamp, secret, plus(-300))).toBe(true);
    expect(verifyGenericSignature(body, signature, timestamp, secret, plus(-301))).toBe(false);
    expect(verifyGenericSignature(body, signature, timestamp, secret, plus(50), 30)).toBe(false);
    expect(verifyGenericSignature(body, signature, timestamp, secret, plus(50).getTime(), 60)).toBe(true);
  });

  it("rejects missing or malformed headers", () => {
    const { signature, timestamp } = signGeneric(body, secret, now);
    expect(verifyGenericSignature(body, undefined, timestamp, secret, now)).toBe(false);
    expect(verifyGenericSignature(body, signature, undefined, secret, now)).toBe(false);
    expect(verifyGenericSignature(body, signature, "1.5e9", secret, now)).toBe(false);
    expect(verifyGenericSignature(body, signature, "-1", secret, now)).toBe(false);
    expect(verifyGenericSignature(body, signature.slice(0, 40), timestamp, secret, now)).toBe(false);
    expect(verifyGenericSignature(body, signature, timestamp, "", now)).toBe(false);
  });
});

describe("verifyEvolutionJwt", () => {
  const key = "chave-jwt-fixture-nao-usar-em-producao";
  const readmeToken =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOjE3OTUwMjMxMjYsImV4cCI6MTc5NTAyMzcyNiwiYXBwIjoiZXZvbHV0aW9uIiwiYWN0aW9uIjoid2ViaG9vayJ9.2YBIiS6vvTpllhXPcVCrqELpB5JyrI5TnF7BWmNAyBs";

  const sign = (claims: Record<string, unknown>, secret = key, expiresIn = "10m") =>
    new SignJWT(claims).setProtectedHeader({ alg: "HS256", typ: "JWT" }).setIssuedAt().setExpirationTime(expiresIn).sign(new TextEncoder().encode(secret));

  it("accepts a fresh Evolution-shaped token", async () => {
    const token = await sign({ app: "evolution", action: "webhook" });
    expect(await verifyEvolutionJwt(`Bearer ${token}`, key)).toBe(true);
    expect(await verifyEvolutionJwt(`bearer  ${token}`, key)).toBe(true);
  });

  it("verifies the README example inside its 10-minute window, and rejects it afterwards", async () => {
    expect(await verifyEvolutionJwt(`Bearer ${readmeToken}`, key, { now: new Date(1795023300 * 1000) })).toBe(true);
    expect(await checkEvolutionJwt(`Bearer ${readmeToken}`, key, { now: new Date(1795023726 * 1000 + 60_000) })).toEqual({ valid: false, reason: "expired" });
  });

  it("rejects a wrong key, alg none, other algorithms, bad claims and missing exp", async () => {
    const good = await sign({ app: "evolution", action: "webhook" });
    expect(await checkEvolutionJwt(`Bearer ${good}`, "another-key")).toEqual({ valid: false, reason: "bad_signature" });

    const none = new UnsecuredJWT({ app: "evolution", action: "webhook" }).setIssuedAt().setExpirationTime("10m").encode();
    expect(await verifyEvolutionJwt(`Bearer ${none}`, key)).toBe(false);

    const hs512 = await new SignJWT({ app: "evolution", action: "webhook" })
      .setProtectedHeader({ alg: "HS512" })
      .setExpirationTime("10m")
      .sign(new TextEncoder().encode(key));
    expect(await checkEvolutionJwt(`Bearer ${hs512}`, key)).toEqual({ valid: false, reason: "bad_algorithm" });

    expect(await checkEvolutionJwt(`Bearer ${await sign({ app: "other", action: "webhook" })}`, key)).toEqual({ valid: false, reason: "bad_claims" });
    expect(await checkEvolutionJwt(`Bearer ${await sign({ app: "evolution", action: "send" })}`, key)).toEqual({ valid: false, reason: "bad_claims" });

    const noExp = await new SignJWT({ app: "evolution", action: "webhook" }).setProtectedHeader({ alg: "HS256" }).setIssuedAt().sign(new TextEncoder().encode(key));
    expect(await verifyEvolutionJwt(`Bearer ${noExp}`, key)).toBe(false);

    const expired = await sign({ app: "evolution", action: "webhook" }, key, "-1m");
    expect(await checkEvolutionJwt(`Bearer ${expired}`, key)).toEqual({ valid: false, reason: "expired" });
  });

  it("rejects missing and malformed headers", async () => {
    const token = await sign({ app: "evolution", action: "webhook" });
    expect(await checkEvolutionJwt(undefined, key)).toEqual({ valid: false, reason: "missing" });
    expect(await checkEvolutionJwt(`Bearer ${token}`, "")).toEqual({ valid: false, reason: "missing" });
    expect(await checkEvolutionJwt(token, key)).toEqual({ valid: false, reason: "malformed" });
    expect(await checkEvolutionJwt(`Basic ${token}`, key)).toEqual({ valid: false, reason: "malformed" });
    expect(await checkEvolutionJwt("Bearer a.b", key)).toEqual({ valid: false, reason: "malformed" });
    expect(await checkEvolutionJwt("Bearer a.b.c", key)).toEqual({ valid: false, reason: "malformed" });
  });
});

describe("safeEqual", () => {
  it("compares strings and buffers of any length", () => {
    expect(safeEqual("abc", "abc")).toBe(true);
    expect(safeEqual(Buffer.from("abc"), "abc")).toBe(true);
    expect(safeEqual("abc", "abd")).toBe(false);
    expect(safeEqual("abc", "abcd")).toBe(false);
    expect(safeEqual("", "")).toBe(true);
    expect(safeEqual("", "a")).toBe(false);
    expect(safeEqual(undefined as unknown as string, "a")).toBe(false);
  });
});
