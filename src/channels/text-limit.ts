import type { InboundEvent } from "./types";

/** Cuts `text` to at most `max` characters without splitting a surrogate pair (emoji). */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/**
 * Inbound text size limit, applied once when a provider event is stored (every
 * webhook of every provider goes through intake): texts, captions and location
 * labels longer than `max` are cut, and a message records its original length.
 * WhatsApp itself sends at most 4,096 characters of text; anything longer is
 * abuse or a broken bridge, and must not stall the server or its regexes.
 */
export function limitInboundEvent(event: InboundEvent, max: number): InboundEvent {
  if (event.kind === "echo" && event.text && event.text.length > max) return { ...event, text: cutText(event.text, max) };
  if (event.kind !== "message") return event;
  const cap = (s: string | null | undefined) => (s && s.length > max ? cutText(s, max) : s);
  const long = event.text != null && event.text.length > max;
  return {
    ...event,
    text: cap(event.text) ?? null,
    ...(long ? { originalLength: event.text!.length } : {}),
    ...(event.media ? { media: { ...event.media, caption: cap(event.media.caption) ?? null, fileName: cap(event.media.fileName) ?? null } } : {}),
    ...(event.location ? { location: { ...event.location, name: cap(event.location.name), address: cap(event.location.address) } } : {}),
    ...(event.interactive ? { interactive: { ...event.interactive, title: cap(event.interactive.title) ?? "" } } : {}),
    from: { ...event.from, name: event.from.name && event.from.name.length > 200 ? cutText(event.from.name, 200) : event.from.name },
  };
}
