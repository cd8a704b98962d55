import type { InboundContact } from "./types";

/**
 * Name and phone numbers of a vCard (WhatsApp contact cards). Only FN/N and TEL are read;
 * `waid=` (WhatsApp's own parameter) is preferred over the displayed number.
 */
export function parseVcard(vcard: string, fallbackName: string | null): InboundContact | null {
  // Folded lines (RFC 6350 §3.2) continue with a space or tab.
  const lines = vcard.replace(/\r?\n[ \t]/g, "").split(/\r?\n/);
  let name: string | null = null;
  let structured: string | null = null;
  const phones: string[] = [];
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon < 0) continue;
    const head = line.slice(0, colon).toUpperCase();
    const value = line.slice(colon + 1).trim();
    const prop = head.split(";")[0]!.split(".").pop();
    if (prop === "FN" && value) name = value;
    else if (prop === "N" && value) structured = value.split(";").filter(Boolean).reverse().join(" ").trim() || null;
    else if (prop === "TEL") {
      const waid = /WAID=(\d{6,15})/i.exec(line.slice(0, colon))?.[1];
      const digits = waid ?? value.replace(/\D/g, "");
      if (digits.length >= 6) phones.push(`+${digits}`);
    }
  }
  const finalName = name ?? structured ?? fallbackName;
  if (!finalName && !phones.length) return null;
  return { name: finalName ?? phones[0]!, phones: [...new Set(phones)] };
}

/** "Contato: Ana Lima (+5511987654321)" — the text a shared card is stored with. */
export function contactsText(contacts: InboundContact[]): string {
  return contacts.map((c) => `Contato: ${c.name}${c.phones.length ? ` (${c.phones.join(", ")})` : ""}`).join("\n");
}
