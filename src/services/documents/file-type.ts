export type DocumentMime = "image/png" | "image/jpeg" | "image/webp" | "image/tiff" | "application/pdf";

function startsWith(buf: Uint8Array, sig: readonly number[], offset = 0): boolean {
  if (buf.length < offset + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (buf[offset + i] !== sig[i]) return false;
  return true;
}

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;
const JPEG = [0xff, 0xd8, 0xff] as const;
const RIFF = [0x52, 0x49, 0x46, 0x46] as const;
const WEBP = [0x57, 0x45, 0x42, 0x50] as const;
const TIFF_LE = [0x49, 0x49, 0x2a, 0x00] as const;
const TIFF_BE = [0x4d, 0x4d, 0x00, 0x2a] as const;
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d] as const; // "%PDF-"

/**
 * Sniffs the real type from magic bytes. The client-declared MIME type and the file name are
 * never trusted: a renamed executable must not reach sharp/pdf.js as if it were a document.
 */
export function detectFileType(buf: Uint8Array): DocumentMime | null {
  if (startsWith(buf, PNG)) return "image/png";
  if (startsWith(buf, JPEG)) return "image/jpeg";
  if (startsWith(buf, RIFF) && startsWith(buf, WEBP, 8)) return "image/webp";
  if (startsWith(buf, TIFF_LE) || startsWith(buf, TIFF_BE)) return "image/tiff";
  if (startsWith(buf, PDF)) return "application/pdf";
  // The PDF spec lets the header float within the first 1024 bytes (some generators prepend
  // junk); an executable with "%PDF-" in its first kilobyte is still an executable.
  const head = Buffer.from(buf.subarray(0, 1024)).toString("latin1");
  if (head.indexOf("%PDF-") > 0 && !looksExecutable(buf)) return "application/pdf";
  return null;
}

function looksExecutable(buf: Uint8Array): boolean {
  return (
    startsWith(buf, [0x7f, 0x45, 0x4c, 0x46]) || // ELF
    startsWith(buf, [0x4d, 0x5a]) || // PE/DOS "MZ"
    startsWith(buf, [0xcf, 0xfa, 0xed, 0xfe]) || // Mach-O 64
    startsWith(buf, [0xce, 0xfa, 0xed, 0xfe]) ||
    startsWith(buf, [0x23, 0x21]) // "#!" script
  );
}

export function isImageMime(mime: DocumentMime | null): mime is Exclude<DocumentMime, "application/pdf"> {
  return mime !== null && mime !== "application/pdf";
}
