import fs from "node:fs";
import path from "node:path";

export const WEBHOOK_FIXTURES = path.resolve(process.cwd(), "../shared/fixtures/webhooks");
export const CLOUD_APP_SECRET = "3f7a9c2e5b1d4f6089a7c3e2d1b0f4a5";
export const CLOUD_PHONE_NUMBER_ID = "109876543210987";

export const evolutionFixture = (name: string) => fs.readFileSync(path.join(WEBHOOK_FIXTURES, "evolution", `${name}.json`));
export const cloudFixture = (name: string) => fs.readFileSync(path.join(WEBHOOK_FIXTURES, "cloud-api", `${name}.json`));
export const cloudSignature = (name: string): string =>
  (JSON.parse(fs.readFileSync(path.join(WEBHOOK_FIXTURES, "cloud-api-signatures.json"), "utf8")) as { signatures: Record<string, string> }).signatures[`${name}.json`]!;

export async function post(url: string, body: Buffer | string, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // plain text
  }
  return { status: res.status, body: parsed };
}

/** Polls until `check` returns a truthy value (or throws after `timeoutMs`). */
export async function waitFor<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 15_000, label = "condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}${last ? `: ${String(last)}` : ""}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
