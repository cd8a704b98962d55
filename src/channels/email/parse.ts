import crypto from "node:crypto";
import { simpleParser, type AddressObject } from "mailparser";
import { InvalidPayloadError, type InboundEmail, type InboundMessageEvent, type IntakeItem } from "../types";
import { htmlToText, visibleReply } from "./text";
import { cleanMessageId, findToken, messageIdList } from "./thread";

/** A mail, whatever brought it (IMAP source or an inbound-parse service's JSON). */
export interface ParsedMail {
  messageId: string | null;
  from: { address: string; name: string | null } | null;
  fromHeader: string | null;
  to: string[];
  cc: string[];
  subject: string | null;
  text: string | null;
  html: string | null;
  inReplyTo: string | null;
  references: string[];
  date: Date | null;
  /** Auto-Submitted / Precedence / bounce markers: never answered (mail loops). */
  automatic: boolean;
  attachments: Array<{ fileName: string | null; mimeType: string | null; content: Buffer }>;
}

const MAX_ATTACHMENTS = 10;
const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
const MAX_TEXT = 20_000;

/** Raw RFC 5322 source (IMAP) → ParsedMail. */
export async function parseMime(source: Buffer): Promise<ParsedMail> {
  const m = await simpleParser(source, { skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true });
  const addresses = (a: AddressObject | AddressObject[] | undefined) => (Array.isArray(a) ? a : a ? [a] : []).flatMap((x) => x.value.map((v) => v.address ?? "")).filter(Boolean);
  const sender = m.from?.value[0];
  return {
    messageId: cleanMessageId(m.messageId),
    from: sender?.address ? { address: sender.address.toLowerCase(), name: sender.name || null } : null,
    fromHeader: m.from?.text ?? null,
    to: addresses(m.to),
    cc: addresses(m.cc),
    subject: m.subject ?? null,
    text: m.text ?? null,
    html: typeof m.html === "string" ? m.html : null,
    inReplyTo: cleanMessageId(m.inReplyTo),
    references: messageIdList(m.references),
    date: m.date ?? null,
    automatic: isAutomatic((name) => {
      const v = m.headers.get(name);
      return typeof v === "string" ? v : v == null ? null : String((v as { value?: unknown }).value ?? v);
    }, sender?.address ?? ""),
    attachments: m.attachments.filter((a) => !a.related).map((a) => ({ fileName: a.filename ?? null, mimeType: a.contentType ?? null, content: a.content })),
  };
}

/**
 * JSON of common inbound-parse services (and our documented format):
 * `{ from, to, cc, subject, text, html, headers, attachments: [{ filename, contentType, content (base64) }] }`;
 * `headers` may be an object or the raw header block.
 */
export function parseInboundJson(body: unknown): ParsedMail {
  if (!body || typeof body !== "object") throw new InvalidPayloadError("Corpo precisa ser um objeto JSON.");
  const b = body as Record<string, unknown>;
  const headers = headerLookup(b.headers);
  const str = (v: unknown) => (typeof v === "string" && v.trim() ? v : null);
  const fromHeader = str(b.from) ?? headers("from");
  const from = fromHeader ? parseAddress(fromHeader) : null;
  if (!from) throw new InvalidPayloadError("Campo obrigatório: from (remetente com e-mail).", "from");
  const list = (v: unknown, header: string | null) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : str(v) ? [v as string] : header ? [header] : []).flatMap(splitAddresses);
  const attachments = Array.isArray(b.attachments) ? b.attachments : [];
  return {
    messageId: cleanMessageId(str(b.messageId) ?? headers("message-id")),
    from,
    fromHeader,
    to: list(b.to, headers("to")),
    cc: list(b.cc, headers("cc")),
    subject: str(b.subject) ?? headers("subject"),
    text: str(b.text),
    html: str(b.html),
    inReplyTo: cleanMessageId(str(b.inReplyTo) ?? headers("in-reply-to")),
    references: messageIdList(b.references ?? headers("references")),
    date: null,
    automatic: isAutomatic(headers, from.address),
    attachments: attachments.slice(0, MAX_ATTACHMENTS).map((a, i) => {
      const x = (a ?? {}) as Record<string, unknown>;
      const content = str(x.content) ?? str(x.data) ?? str(x.base64);
      if (!content) throw new InvalidPayloadError(`Anexo ${i + 1} sem conteúdo (base64).`, `attachments.${i}.content`);
      return { fileName: str(x.filename) ?? str(x.fileName) ?? str(x.name), mimeType: str(x.contentType) ?? str(x.mimeType) ?? str(x.type), content: Buffer.from(content, "base64") };
    }),
  };
}

/**
 * One mail → the events to store: the text (answered like any client message) and
 * one event per attachment (stored and read by OCR, not answered on their own).
 * Keys are the Message-ID, so a mail delivered twice (webhook retry, IMAP re-read) is stored once.
 */
export async function mailToItems(mail: ParsedMail, ownAddress: string): Promise<IntakeItem[]> {
  const messageId = mail.messageId ?? syntheticId(mail);
  const key = `email:${messageId}`.slice(0, 290);
  if (!mail.from) return [{ key, event: { kind: "ignored", reason: "e-mail sem remetente" } }];
  if (mail.from.address === ownAddress.toLowerCase()) return [{ key, event: { kind: "ignored", reason: "e-mail enviado pela própria caixa" } }];
  if (mail.automatic) return [{ key, event: { kind: "ignored", reason: "resposta automática (Auto-Submitted/Precedence)" } }];
  const plain = mail.text?.trim() ? mail.text : mail.html ? htmlToText(mail.html) : "";
  const originalText = plain.slice(0, MAX_TEXT) || null;
  const visible = originalText ? (await visibleReply(originalText)).slice(0, 4096) : "";
  const email: InboundEmail = {
    subject: mail.subject?.slice(0, 500) ?? null,
    from: mail.fromHeader?.slice(0, 500) ?? null,
    to: mail.to.slice(0, 50),
    cc: mail.cc.slice(0, 50),
    messageId,
    inReplyTo: mail.inReplyTo,
    references: mail.references.slice(-50),
    token: findToken([...mail.to, ...mail.cc], mail.subject),
    originalText,
  };
  const from = { phone: null, waId: null, email: mail.from.address, name: mail.from.name };
  const timestamp = mail.date ?? new Date();
  const kept = mail.attachments.filter((a) => a.content.length > 0 && a.content.length <= MAX_ATTACHMENT_BYTES).slice(0, MAX_ATTACHMENTS);
  const skipped = mail.attachments.length - kept.length;
  const note = skipped ? `\n\n[${skipped} anexo(s) não importado(s): vazio(s) ou grande(s) demais]` : "";
  // A mail with nothing but attachments is read by its subject ("Segue o comprovante").
  const text = (visible || (mail.subject ?? "").replace(/\s*\[#[a-z2-7]{10}\]/gi, "").trim()) + note;
  const items: IntakeItem[] = [{ key, event: { kind: "message", providerMessageId: messageId, from, timestamp, type: "TEXT", text: text.trim() || null, email } }];
  kept.forEach((a, i) => {
    const image = (a.mimeType ?? "").startsWith("image/");
    const event: InboundMessageEvent = {
      kind: "message",
      providerMessageId: `${messageId}#${i + 1}`,
      from,
      timestamp,
      type: image ? "IMAGE" : "DOCUMENT",
      text: null,
      media: { mimeType: a.mimeType, fileName: a.fileName, caption: null, inlineBase64: a.content.toString("base64") },
      email: { ...email, originalText: null, attachmentOf: messageId },
    };
    items.push({ key: `${key}#${i + 1}`, event });
  });
  return items;
}

function syntheticId(mail: ParsedMail): string {
  const h = crypto.createHash("sha256").update([mail.from?.address, mail.date?.toISOString(), mail.subject, mail.text ?? mail.html].join("\u0000")).digest("hex");
  return `sem-id-${h.slice(0, 32)}@atende`;
}

function isAutomatic(header: (name: string) => string | null, from: string): boolean {
  const auto = header("auto-submitted");
  if (auto && auto.toLowerCase() !== "no") return true;
  if (/^(bulk|junk|list|auto_reply)$/i.test(header("precedence") ?? "")) return true;
  if (header("x-autoreply") || header("x-autorespond")) return true;
  return /^(mailer-daemon|postmaster|no-?reply)@/i.test(from);
}

function headerLookup(value: unknown): (name: string) => string | null {
  const map = new Map<string, string>();
  if (typeof value === "string") {
    // Raw header block: unfold continuation lines, keep the first of each name.
    for (const line of value.replace(/\r\n?/g, "\n").replace(/\n[ \t]+/g, " ").split("\n")) {
      const i = line.indexOf(":");
      if (i > 0) {
        const k = line.slice(0, i).trim().toLowerCase();
        if (!map.has(k)) map.set(k, line.slice(i + 1).trim());
      }
    }
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const s = Array.isArray(v) ? v.find((x) => typeof x === "string") : v;
      if (typeof s === "string") map.set(k.toLowerCase(), s);
    }
  }
  return (name) => map.get(name) ?? null;
}

const ADDRESS = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

/** `Nome <a@b.com>` or `a@b.com` → address (lowercase) and display name. */
export function parseAddress(value: string): { address: string; name: string | null } | null {
  const angle = /^\s*"?([^"<]*?)"?\s*<([^<>]+)>\s*$/.exec(value);
  const address = (angle ? angle[2]! : value).trim().toLowerCase();
  if (!ADDRESS.test(address) || address.length > 254) return null;
  return { address, name: angle?.[1]?.trim() || null };
}

function splitAddresses(value: string): string[] {
  return value.split(",").map((v) => parseAddress(v)?.address ?? "").filter(Boolean);
}
