import dns from "node:dns/promises";
import net from "node:net";
import { Agent, buildConnector, fetch as undiciFetch } from "undici";

/**
 * SSRF guard for every outgoing request to a URL a tenant gave us (provider base
 * URLs, callbacks, AI tools, integrator webhooks).
 *
 * Two checks:
 * - `check(url)` when the URL is saved: scheme, credentials, and every address the
 *   host resolves to today;
 * - `fetch` when it is used: the address the socket actually connected to is
 *   checked after the connection opens, so redirects, IP literals and DNS changes
 *   (rebinding) are covered too.
 *
 * `allowPrivate` (ALLOW_PRIVATE_URLS) lifts the address rule for on-premises
 * deployments (an Evolution server on the LAN, Ollama on localhost) and tests.
 */
export class UrlGuardError extends Error {
  constructor(message: string, readonly reason: "scheme" | "credentials" | "private" | "unresolvable" | "invalid") {
    super(message);
    this.name = "UrlGuardError";
  }
}

export type GuardedFetch = (input: string | URL, init?: RequestInit) => Promise<Response>;

export class UrlGuard {
  readonly fetch: GuardedFetch;
  private readonly agent: Agent;

  constructor(readonly allowPrivate: boolean) {
    const connect = buildConnector({});
    this.agent = new Agent({
      connect: (opts, callback) => {
        connect(opts, (err, socket) => {
          if (err || !socket) return callback(err ?? new Error("connect failed"), null);
          const address = socket.remoteAddress;
          if (!this.allowPrivate && (!address || isPrivateAddress(address))) {
            socket.destroy();
            return callback(new UrlGuardError(`Endereço de destino não permitido (${address ?? "desconhecido"}).`, "private"), null);
          }
          callback(null, socket);
        });
      },
    });
    this.fetch = (input, init) => {
      const url = typeof input === "string" ? input : input.toString();
      const problem = staticProblem(url);
      if (problem) return Promise.reject(problem);
      return undiciFetch(url, { ...(init as object), dispatcher: this.agent } as never) as unknown as Promise<Response>;
    };
  }

  /** Validates a URL before it is stored; throws UrlGuardError with a Portuguese message. */
  async check(url: string): Promise<URL> {
    const problem = staticProblem(url);
    if (problem) throw problem;
    const parsed = new URL(url);
    if (this.allowPrivate) return parsed;
    const host = parsed.hostname.replace(/^\[|\]$/g, "");
    if (net.isIP(host)) {
      if (isPrivateAddress(host)) throw new UrlGuardError("A URL aponta para um endereço privado ou local, que não é permitido.", "private");
      return parsed;
    }
    let addresses: Array<{ address: string }>;
    try {
      addresses = await dns.lookup(host, { all: true, verbatim: true });
    } catch {
      throw new UrlGuardError(`Não foi possível resolver o endereço "${host}".`, "unresolvable");
    }
    if (!addresses.length || addresses.some((a) => isPrivateAddress(a.address))) {
      throw new UrlGuardError("A URL aponta para um endereço privado ou local, que não é permitido.", "private");
    }
    return parsed;
  }

  /**
   * For TCP services a tenant names by host (SMTP, IMAP): resolves `host` and returns
   * the address to connect to, refusing private ones unless allowed. Connecting to
   * the returned address (with the host name kept for TLS) closes the DNS-rebinding gap.
   */
  async resolveHost(host: string): Promise<string> {
    const name = host.trim().replace(/^\[|\]$/g, "");
    if (!name || /[\s/@]/.test(name)) throw new UrlGuardError("Servidor inválido.", "invalid");
    let address = name;
    if (!net.isIP(name)) {
      try {
        address = (await dns.lookup(name, { verbatim: true })).address;
      } catch {
        throw new UrlGuardError(`Não foi possível resolver o endereço "${name}".`, "unresolvable");
      }
    }
    if (!this.allowPrivate && isPrivateAddress(address)) throw new UrlGuardError("O servidor aponta para um endereço privado ou local, que não é permitido.", "private");
    return address;
  }

  async close(): Promise<void> {
    await this.agent.close().catch(() => undefined);
  }
}

function staticProblem(url: string): UrlGuardError | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return new UrlGuardError("URL inválida.", "invalid");
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return new UrlGuardError("A URL precisa começar com http:// ou https://.", "scheme");
  if (parsed.username || parsed.password) return new UrlGuardError("A URL não pode conter usuário ou senha.", "credentials");
  return null;
}

/** Loopback, private (RFC 1918, ULA), link-local (incl. cloud metadata), CGNAT, unspecified, multicast and reserved ranges. */
export function isPrivateAddress(address: string): boolean {
  let ip = address.trim();
  if (ip.startsWith("::ffff:") && net.isIPv4(ip.slice(7))) ip = ip.slice(7);
  if (net.isIPv4(ip)) {
    const [a, b] = ip.split(".").map(Number) as [number, number, number, number];
    return (
      a === 0 || a === 10 || a === 127 || a >= 224 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 192 && b === 0) ||
      (a === 198 && (b === 18 || b === 19))
    );
  }
  if (net.isIPv6(ip)) {
    const lower = ip.toLowerCase();
    if (lower === "::" || lower === "::1") return true;
    const first = parseInt(lower.split(":")[0] || "0", 16);
    return (
      (first & 0xfe00) === 0xfc00 || // fc00::/7 unique local
      (first & 0xffc0) === 0xfe80 || // fe80::/10 link-local
      (first & 0xff00) === 0xff00 || // multicast
      lower.startsWith("64:ff9b:") || // NAT64 can reach private IPv4
      lower.startsWith("2001:db8:") ||
      /^::ffff:/.test(lower) // IPv4-mapped in hex form
    );
  }
  return true;
}
