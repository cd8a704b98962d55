import crypto from "node:crypto";

/**
 * E-mail threading: Message-ID handling and the conversation token that survives
 * clients which drop `In-Reply-To`/`References` (token in the subject `[#token]`
 * or in a plus-address `suporte+token@…`).
 */
const TOKEN_LENGTH = 10;

/** A Message-ID without angle brackets and spaces; null when there is none. */
export function cleanMessageId(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const v = value.trim().replace(/^<|>$/g, "").trim();
  return v && v.length <= 500 && !/\s/.test(v) ? v : null;
}

/** All `<id>` of a References / In-Reply-To header (or a list of them), in order, unique. */
export function messageIdList(value: unknown): string[] {
  const parts = Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
  const ids: string[] = [];
  for (const p of parts) {
    if (typeof p !== "string") continue;
    const found = p.match(/<[^<>\s]+>/g) ?? p.split(/\s+/);
    for (const f of found) {
      const id = cleanMessageId(f);
      if (id && !ids.includes(id)) ids.push(id);
    }
  }
  return ids;
}

/** The Message-ID of one of our messages, in the sender's domain: the same on every retry of its send. */
export function messageIdFor(messageId: string, address: string): string {
  const domain = address.split("@")[1] || "atende.local";
  return `${messageId}@${domain}`;
}

/** The conversation's token: an HMAC of the session id under the inbox secret (unguessable, not reversible). */
export function threadToken(secret: string, sessionId: string): string {
  const mac = crypto.createHmac("sha256", secret).update(`email-thread:${sessionId}`).digest();
  let out = "";
  for (const byte of mac) {
    out += "abcdefghijklmnopqrstuvwxyz234567"[byte & 31];
    if (out.length === TOKEN_LENGTH) break;
  }
  return out;
}

/** The token a client's mail carries, from a plus-address of the recipients or the subject. */
export function findToken(recipients: string[], subject: string | null): string | null {
  for (const r of recipients) {
    const m = /\+([a-z2-7]{10})@/i.exec(r);
    if (m) return m[1]!.toLowerCase();
  }
  const s = subject ? /\[#([a-z2-7]{10})\]/i.exec(subject) : null;
  return s ? s[1]!.toLowerCase() : null;
}

/** "Re: <subject> [#token]" without stacking prefixes or tokens. */
export function replySubject(subject: string | null, token: string, fallback: string): string {
  const base = (subject ?? "").replace(/\s*\[#[a-z2-7]{10}\]\s*/gi, " ").trim();
  const stripped = base.replace(/^((re|res|resp|fw|fwd|enc|rv)\s*:\s*)+/i, "").trim();
  return `${stripped ? `Re: ${stripped}` : fallback} [#${token}]`;
}
