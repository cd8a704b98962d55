import { print, type DocumentNode } from "graphql";
import type { GqlResponse } from "./gql";

export interface UploadFile {
  /** Variable path, e.g. "variables.input.attachments.0". */
  path: string;
  data: Buffer;
  name: string;
  type?: string;
}

/** A GraphQL multipart request (uploads), as a browser console sends it. */
export async function gqlUpload<T = any>(baseUrl: string, token: string, doc: DocumentNode, variables: Record<string, unknown>, files: UploadFile[]): Promise<GqlResponse<T>> {
  const form = new FormData();
  form.append("operations", JSON.stringify({ query: print(doc), variables }));
  form.append("map", JSON.stringify(Object.fromEntries(files.map((f, i) => [String(i), [f.path]]))));
  files.forEach((f, i) => form.append(String(i), new Blob([new Uint8Array(f.data)], { type: f.type ?? "application/octet-stream" }), f.name));
  const res = await fetch(`${baseUrl}/graphql`, { method: "POST", headers: { authorization: `Bearer ${token}`, "apollo-require-preflight": "true" }, body: form });
  const body = (await res.json()) as { data?: T; errors?: GqlResponse<T>["errors"] };
  return { ...body, status: res.status, headers: res.headers };
}

/** Small but real files of each kind (magic bytes are what the platform checks). */
export const SAMPLE = {
  pdf: Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"),
  jpeg: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from("JFIF\0"), Buffer.alloc(64, 7), Buffer.from([0xff, 0xd9])]),
  /** An Ogg page carrying an OpusHead: a WhatsApp voice note. */
  opus: Buffer.concat([Buffer.from("OggS\0\x02"), Buffer.alloc(20, 0), Buffer.from("\x01\x13OpusHead\x01\x01\x38\x01\x80\xbb\0\0\0\0\0"), Buffer.alloc(48, 1)]),
  exe: Buffer.concat([Buffer.from("MZ\x90\0"), Buffer.alloc(60, 0)]),
};
