import { convert } from "html-to-text";

/**
 * What a client wrote, without the quoted history and the signature their mail
 * client added. The original text is kept beside it for the agent.
 */

/** HTML → plain text; scripts, styles and images are dropped, links keep their address. */
export function htmlToText(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: "img", format: "skip" },
      { selector: "style", format: "skip" },
      { selector: "script", format: "skip" },
      { selector: "a", options: { hideLinkIfSameAsText: true, ignoreHref: false } },
      // Quoted history in HTML mail (Gmail, Apple Mail, Thunderbird) is marked up as a blockquote.
      { selector: "blockquote", format: "blockquote", options: { trimEmptyLines: true } },
    ],
  }).trim();
}

// Lines mail clients put below what the person wrote ("Enviado do meu iPhone").
const DEVICE_SIGNATURES = [
  /^enviad[oa] (do|de) meu .{1,40}$/i,
  /^enviad[oa] (do|pelo|via) .{1,40}$/i,
  /^sent from my .{1,40}$/i,
  /^sent from .{1,30}$/i,
  /^(obter|baixe|get) (o )?outlook (para|for) .{1,30}$/i,
];

// Reply headers the parser may miss: Outlook's block ("De: … Enviado: … Para: … Assunto: …").
const OUTLOOK_HEADER = /^\s*\*?(de|from)\s*:\*?\s.+\n\s*\*?(enviad[oa]|sent|data|date)\s*:/im;
const ORIGINAL_MESSAGE = /^\s*-{2,}\s*(mensagem original|original message|mensagem encaminhada|forwarded message)\s*-{2,}\s*$/im;
const UNDERSCORE_RULE = /^\s*_{20,}\s*$/m;

let parserModule: Promise<typeof import("email-reply-parser")> | null = null;

/** The reply part of a plain-text mail: quoted history and signatures removed. */
export async function visibleReply(text: string): Promise<string> {
  const normalized = text.replace(/\r\n?/g, "\n");
  const { default: EmailReplyParser } = await (parserModule ??= import("email-reply-parser"));
  let visible = new EmailReplyParser().read(normalized).getVisibleText();
  for (const marker of [ORIGINAL_MESSAGE, OUTLOOK_HEADER, UNDERSCORE_RULE]) {
    const m = marker.exec(visible);
    if (m && m.index > 0) visible = visible.slice(0, m.index);
  }
  const lines = visible.split("\n");
  while (lines.length && (!lines[lines.length - 1]!.trim() || DEVICE_SIGNATURES.some((r) => r.test(lines[lines.length - 1]!.trim())))) lines.pop();
  const result = lines.join("\n").replace(/\n{3,}/g, "\n\n").trim();
  // Never lose everything: a mail that is all "quote" (an unusual client) keeps its text.
  return result || normalized.trim();
}
