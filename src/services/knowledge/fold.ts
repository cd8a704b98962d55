/**
 * Text as the Portuguese full-text index sees it, for articles and queries alike.
 *
 * Accents are removed here, in the application, for both sides, so the same folding runs on
 * PostgreSQL and on PGlite and nothing depends on the unaccent extension being installed.
 * Removing them naively would break the snowball stemmer's plural handling ("devoluções" and
 * "devolução" stem alike, "devolucoes" and "devolucao" do not), so the irregular plural endings
 * are folded to their singular first: -ões/-ães → -ão, -ais → -al, -éis → -el, -óis → -ol, -ns → -m.
 */
const PLURALS: ReadonlyArray<[RegExp, string]> = [
  [/(\p{L}{2,})(?:oes|aes|aos)$/u, "$1ao"],
  [/(\p{L}{2,})ais$/u, "$1al"],
  [/(\p{L}{2,})eis$/u, "$1el"],
  [/(\p{L}{2,})ois$/u, "$1ol"],
  [/(\p{L}{2,})ns$/u, "$1m"],
];

export function stripAccents(s: string): string {
  return s.normalize("NFKD").replace(/\p{M}+/gu, "");
}

export function foldForSearch(text: string): string {
  return stripAccents(text.toLowerCase())
    .replace(/\p{L}+/gu, (w) => {
      for (const [re, to] of PLURALS) if (re.test(w)) return w.replace(re, to);
      return w;
    });
}

/** Markdown to plain text: headings, emphasis, code marks, images and link targets go. */
export function markdownToText(md: string): string {
  return md
    .replace(/```[\s\S]*?```/g, (block) => block.replace(/```\w*/g, ""))
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/^\s{0,3}(?:#{1,6}|>|[-*+]|\d+[.)])\s+/gm, "")
    .replace(/[*_~`]+/g, "")
    .replace(/[ \t]+/g, " ")
    .trim();
}

/** Paragraphs of a Markdown body, as plain text. */
export function paragraphs(md: string): string[] {
  return md.split(/\n\s*\n/).map(markdownToText).filter((p) => p.length > 0);
}
