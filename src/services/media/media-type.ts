import type { MediaKind } from "../../channels/channel";
import { detectFileType } from "../documents/file-type";

export interface SniffedMedia {
  mimeType: string;
  kind: MediaKind;
  /** Ogg/Opus: plays as a WhatsApp voice note. */
  voice: boolean;
}

const OFFICE_BY_EXT: Record<string, { zip: boolean; mime: string }> = {
  docx: { zip: true, mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
  xlsx: { zip: true, mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  pptx: { zip: true, mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation" },
  doc: { zip: false, mime: "application/msword" },
  xls: { zip: false, mime: "application/vnd.ms-excel" },
  ppt: { zip: false, mime: "application/vnd.ms-powerpoint" },
};

const at = (buf: Buffer, offset: number, ascii: string) => buf.length >= offset + ascii.length && buf.toString("latin1", offset, offset + ascii.length) === ascii;

/**
 * The real type of a file an agent sends, from its magic bytes (the declared MIME type is never
 * trusted). The file name only decides between formats that share a container (ZIP/OLE office
 * files, plain text). Null: not a type WhatsApp can carry.
 */
export function sniffMedia(buf: Buffer, fileName: string | null): SniffedMedia | null {
  const doc = detectFileType(buf);
  if (doc === "application/pdf" || doc === "image/tiff") return { mimeType: doc, kind: "document", voice: false };
  if (doc) return { mimeType: doc, kind: "image", voice: false };
  if (at(buf, 0, "OggS")) return { mimeType: "audio/ogg", kind: "audio", voice: buf.subarray(0, 256).includes("OpusHead") };
  if (at(buf, 0, "ID3") || (buf.length > 2 && buf[0] === 0xff && (buf[1]! & 0xe6) === 0xe2)) return { mimeType: "audio/mpeg", kind: "audio", voice: false };
  if (buf.length > 2 && buf[0] === 0xff && (buf[1]! & 0xf6) === 0xf0) return { mimeType: "audio/aac", kind: "audio", voice: false };
  if (at(buf, 0, "#!AMR")) return { mimeType: "audio/amr", kind: "audio", voice: false };
  if (at(buf, 4, "ftyp")) {
    const brand = buf.toString("latin1", 8, 12);
    if (brand.startsWith("M4A") || brand.startsWith("M4B")) return { mimeType: "audio/mp4", kind: "audio", voice: false };
    if (brand.startsWith("3g")) return { mimeType: "video/3gpp", kind: "video", voice: false };
    return { mimeType: "video/mp4", kind: "video", voice: false };
  }
  const ext = (fileName ?? "").toLowerCase().split(".").pop() ?? "";
  const office = OFFICE_BY_EXT[ext];
  if (office && office.zip && at(buf, 0, "PK\u0003\u0004")) return { mimeType: office.mime, kind: "document", voice: false };
  if (office && !office.zip && buf.length > 8 && buf.readUInt32BE(0) === 0xd0cf11e0 && buf.readUInt32BE(4) === 0xa1b11ae1) return { mimeType: office.mime, kind: "document", voice: false };
  if ((ext === "txt" || ext === "csv") && isPlainText(buf)) return { mimeType: "text/plain", kind: "document", voice: false };
  return null;
}

function isPlainText(buf: Buffer): boolean {
  if (buf.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(buf.subarray(0, 64 * 1024));
    return true;
  } catch {
    return false;
  }
}
