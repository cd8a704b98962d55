import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";

/**
 * Signed, expiring download links of exports: `/exports/:id?exp=&sig=`. The signature covers
 * the export, its tenant and the expiry, so a link opens that one file of that tenant and
 * stops working after the TTL (EXPORT_URL_TTL_SECONDS).
 */
export class ExportUrls {
  private readonly key: Buffer;

  constructor(secret: Buffer, private readonly publicUrl: string | null, readonly ttlSeconds: number) {
    this.key = Buffer.from(hkdfSync("sha256", secret, Buffer.alloc(0), "atende/export-url/v1", 32));
  }

  private sig(exportId: string, tenantId: string, exp: number): string {
    return createHmac("sha256", this.key).update(`${exportId}.${tenantId}.${exp}`).digest("base64url");
  }

  url(exportId: string, tenantId: string, now = Date.now()): { url: string; expiresAt: Date } {
    const exp = Math.floor(now / 1000) + this.ttlSeconds;
    return { url: `${this.publicUrl ?? ""}/exports/${exportId}?exp=${exp}&sig=${this.sig(exportId, tenantId, exp)}`, expiresAt: new Date(exp * 1000) };
  }

  verify(exportId: string, tenantId: string, exp: unknown, sig: unknown, now = Date.now()): boolean {
    const e = Number(exp);
    if (!Number.isInteger(e) || e < Math.floor(now / 1000) || typeof sig !== "string") return false;
    const expected = Buffer.from(this.sig(exportId, tenantId, e));
    const given = Buffer.from(sig);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
