/**
 * Lower-case, accent-free, single-spaced text plus the bare digits, used for client
 * search (and erased with the client).
 */
export function searchKey(text: string): string {
  const words = text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
  return `${words} ${text.replace(/\D/g, "")}`.trim();
}
