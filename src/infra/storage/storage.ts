import crypto from "node:crypto";
import type { Readable } from "node:stream";

/** Where files live: local directory by default, an S3-compatible bucket in production. */
export interface Storage {
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  get(key: string): Promise<Buffer>;
  delete(key: string): Promise<void>;
  /** Deletes every object under a prefix (e.g. a tenant's client folder). */
  deletePrefix(prefix: string): Promise<number>;
  exists(key: string): Promise<boolean>;
  /** Stores a local file (large, streamed: never held in memory). */
  putFile(key: string, filePath: string, contentType: string): Promise<void>;
  /** Reads an object as a stream. */
  getStream(key: string): Promise<Readable>;
}

/**
 * Server-generated keys only: tenant/area/yyyy/mm/random + a safe extension. Names
 * supplied by users or providers never become paths.
 */
export function newStorageKey(tenantId: string, area: string, mimeType: string | null): string {
  const now = new Date();
  const ext = EXTENSIONS[mimeType?.split(";")[0]?.trim().toLowerCase() ?? ""] ?? "bin";
  return `${tenantId}/${area}/${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, "0")}/${crypto.randomUUID()}.${ext}`;
}

const EXTENSIONS: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
  "image/tiff": "tif",
  "application/pdf": "pdf",
  "audio/ogg": "ogg",
  "audio/mpeg": "mp3",
  "audio/mp4": "m4a",
  "video/mp4": "mp4",
};

const SAFE_KEY = /^[A-Za-z0-9][A-Za-z0-9/_.-]*$/;

export function assertSafeKey(key: string): void {
  if (!SAFE_KEY.test(key) || key.includes("..") || key.includes("//")) throw new Error(`unsafe storage key: ${key}`);
}
