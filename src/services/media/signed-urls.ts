import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";

/** How long a download link handed to the console works. */
export const MEDIA_URL_TTL_SECONDS = 15 * 60;

/**
 * Expiring, signed download links for stored message media (`/media/messages/:id?exp=&sig=`).
 * Files are never in a public bucket: the link is minted only for someone allowed to read the
 * message (GraphQL), names the message, and stops working after the TTL.
 */
export class MediaUrls {
  private readonly key: Buffer;

  constructor(secret: Buffer, private readonly publicUrl: string | null, private readonly ttlSeconds = MEDIA_URL_TTL_SECONDS) {
    this.key = Buffer.from(hkdfSync("sha256", secret, Buffer.alloc(0), "atende/media-url/v1", 32));
  }

  private sig(messageId: string, exp: number): string {
    return createHmac("sha256", this.key).update(`${messageId}.${exp}`).digest("base64url");
  }

  url(messageId: string, now = Date.now()): string {
    const exp = Math.floor(now / 1000) + this.ttlSeconds;
    return `${this.publicUrl ?? ""}/media/messages/${messageId}?exp=${exp}&sig=${this.sig(messageId, exp)}`;
  }

  verify(messageId: string, exp: unknown, sig: unknown, now = Date.now()): boolean {
    const e = Number(exp);
    if (!Number.isInteger(e) || e < Math.floor(now / 1000) || typeof sig !== "string") return false;
    const expected = Buffer.from(this.sig(messageId, e));
    const given = Buffer.from(sig);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
