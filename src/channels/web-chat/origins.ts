/**
 * Site origins a web chat widget may run on: `https://loja.com.br`,
 * `http://localhost:3000`, or a wildcard for subdomains `https://*.loja.com.br`.
 * Compared exactly (scheme, host, port), as browsers send them in `Origin`.
 */
export function normalizeOrigin(value: string): string | null {
  const v = value.trim().toLowerCase().replace(/\/+$/, "");
  const wildcard = /^(https?):\/\/\*\.([a-z0-9.-]+)(:\d{1,5})?$/.exec(v);
  if (wildcard) return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(wildcard[2]!) ? v : null;
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    return null;
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.username || url.password || (url.pathname !== "/" && url.pathname !== "") || url.search || url.hash) return null;
  return url.origin;
}

/** Is `origin` (the request's `Origin` header) one of the allowed ones? */
export function originAllowed(allowed: readonly string[], origin: string | null | undefined): boolean {
  if (!origin) return false;
  const o = normalizeOrigin(origin);
  if (!o || o.includes("*")) return false;
  return allowed.some((a) => {
    if (!a.includes("*")) return a === o;
    const [scheme, rest] = a.split("://*.") as [string, string];
    const [domain, port] = rest.split(":");
    const u = new URL(o);
    return u.protocol === `${scheme}:` && u.hostname.endsWith(`.${domain}`) && (u.port || "") === (port ?? "");
  });
}
