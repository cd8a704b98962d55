import crypto from "node:crypto";

/**
 * Standard Webhooks (https://www.standardwebhooks.com): the headers an outgoing
 * webhook carries, so receivers can verify it with any of the spec's libraries.
 * The secret is `whsec_<base64>`; the signature is HMAC-SHA256 over
 * `<id>.<timestamp>.<body>`, sent as `v1,<base64>`.
 */
export const WEBHOOK_SECRET_PREFIX = "whsec_";

export function newWebhookSecret(): string {
  return WEBHOOK_SECRET_PREFIX + crypto.randomBytes(24).toString("base64");
}

function keyOf(secret: string): Buffer {
  return secret.startsWith(WEBHOOK_SECRET_PREFIX) ? Buffer.from(secret.slice(WEBHOOK_SECRET_PREFIX.length), "base64") : Buffer.from(secret, "utf8");
}

export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  const mac = crypto.createHmac("sha256", keyOf(secret)).update(`${id}.${timestampSeconds}.${body}`).digest("base64");
  return `v1,${mac}`;
}

/** The three headers of a delivery. `id` must stay the same across retries of one event. */
export function webhookHeaders(secret: string, id: string, body: string, now = new Date()): Record<string, string> {
  const ts = Math.floor(now.getTime() / 1000);
  return { "webhook-id": id, "webhook-timestamp": String(ts), "webhook-signature": signWebhook(secret, id, ts, body) };
}

/** Receiver side (tests, and anyone verifying our deliveries): constant time, timestamp within `toleranceSeconds`. */
export function verifyWebhook(secret: string, headers: Record<string, string | string[] | undefined>, body: string, toleranceSeconds = 300, now = new Date()): boolean {
  const h = (name: string) => {
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const id = h("webhook-id");
  const ts = Number(h("webhook-timestamp"));
  const sigs = h("webhook-signature");
  if (!id || !Number.isFinite(ts) || !sigs) return false;
  if (Math.abs(now.getTime() / 1000 - ts) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, id, ts, body));
  return sigs.split(" ").some((s) => {
    const got = Buffer.from(s);
    return got.length === expected.length && crypto.timingSafeEqual(got, expected);
  });
}
