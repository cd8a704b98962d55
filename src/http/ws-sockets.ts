import type { WebSocket } from "ws";
import type { Principal } from "../context";
import type { Logger } from "../infra/logger";
import type { Services } from "../services";

/** Close codes (graphql-ws uses the 44xx range like HTTP): 4401 credentials expired, 4403 revoked or changed, 4429 too many. */
export const CLOSE = {
  expired: { code: 4401, reason: "Credenciais expiradas: renove o token e reconecte" },
  revoked: { code: 4403, reason: "Acesso revogado ou alterado: entre novamente" },
  tooMany: { code: 4429, reason: "Conexões demais" },
} as const;

interface Entry {
  socket: WebSocket;
  ip: string;
  principal: Principal | null;
  expiry?: NodeJS.Timeout;
}

/**
 * The open graphql-ws sockets of this process and their principals. A socket never
 * keeps the credentials it connected with: every operation re-checks them
 * (`authorize`), a timer closes it when its access token expires, and a revocation
 * event (any process: deactivation, role change, revoked key or session) or a
 * periodic sweep re-checks the sockets of that tenant and closes those that lapsed.
 */
export class SocketRegistry {
  private readonly entries = new Map<WebSocket, Entry>();
  private readonly perIp = new Map<string, number>();
  private readonly abort = new AbortController();
  private readonly sweep: NodeJS.Timeout;

  constructor(private readonly services: Services, private readonly logger: Logger) {
    const limits = services.infra.config.limits;
    this.sweep = setInterval(() => void this.recheck(() => true), limits.wsRevalidateSeconds * 1000);
    this.sweep.unref();
    void this.listen();
  }

  /** Whether one more socket from `ip` fits (checked at the upgrade, before anything else). */
  admits(ip: string): boolean {
    return (this.perIp.get(ip) ?? 0) < this.services.infra.config.limits.wsMaxConnectionsPerIp;
  }

  opened(socket: WebSocket, ip: string): void {
    this.entries.set(socket, { socket, ip, principal: null });
    this.perIp.set(ip, (this.perIp.get(ip) ?? 0) + 1);
    socket.once("close", () => this.closed(socket));
  }

  /** After connection_init: binds the principal, or refuses a user over their socket limit. */
  bind(socket: WebSocket, principal: Principal): boolean {
    const entry = this.entries.get(socket);
    if (!entry) return false;
    if (principal.userId) {
      const mine = [...this.entries.values()].filter((e) => e.principal?.userId === principal.userId).length;
      if (mine >= this.services.infra.config.limits.wsMaxConnectionsPerUser) return false;
    }
    entry.principal = principal;
    this.armExpiry(entry);
    return true;
  }

  /** The principal as it stands now, for one operation; closes the socket and returns null when it lapsed. */
  async authorize(socket: WebSocket): Promise<Principal | null> {
    const entry = this.entries.get(socket);
    if (!entry?.principal) return null;
    // Socket operations are few (subscriptions, the odd query): each reads the credentials afresh.
    return this.refresh(entry, true);
  }

  async dispose(): Promise<void> {
    this.abort.abort();
    clearInterval(this.sweep);
    for (const e of this.entries.values()) if (e.expiry) clearTimeout(e.expiry);
  }

  private async refresh(entry: Entry, fresh = false): Promise<Principal | null> {
    const before = entry.principal!;
    const check = await this.services.authenticator.revalidate(before, { fresh });
    if (!check.principal) {
      this.close(entry, check.lapse === "expired" ? CLOSE.expired : CLOSE.revoked);
      return null;
    }
    // Subscriptions were authorised with the old role: the console reconnects with the new one.
    if (check.principal.role !== before.role) {
      this.close(entry, CLOSE.revoked);
      return null;
    }
    entry.principal = check.principal;
    return check.principal;
  }

  private close(entry: Entry, why: { code: number; reason: string }): void {
    if (entry.expiry) clearTimeout(entry.expiry);
    entry.principal = null;
    entry.socket.close(why.code, why.reason);
  }

  private armExpiry(entry: Entry): void {
    if (entry.expiry) clearTimeout(entry.expiry);
    const at = entry.principal?.expiresAt;
    if (at == null) return;
    // setTimeout holds 32-bit delays; tokens last minutes to a day.
    entry.expiry = setTimeout(() => this.close(entry, CLOSE.expired), Math.max(0, Math.min(at - Date.now(), 2 ** 31 - 1)));
    entry.expiry.unref();
  }

  private async recheck(match: (p: Principal) => boolean): Promise<void> {
    const due = [...this.entries.values()].filter((e) => e.principal && match(e.principal));
    for (const e of due) await this.refresh(e, true).catch((err) => this.logger.warn({ err }, "socket revalidation failed"));
  }

  private async listen(): Promise<void> {
    try {
      for await (const event of this.services.revocations.subscribe(this.abort.signal)) {
        // Every socket of the tenant is re-read: an API key made by a deactivated user, a
        // session of a user whose password changed… the authenticator decides, not the event.
        await this.recheck((p) => p.tenantId === event.tenantId);
      }
    } catch (err) {
      if (!this.abort.signal.aborted) this.logger.error({ err }, "revocation listener stopped");
    }
  }

  private closed(socket: WebSocket): void {
    const entry = this.entries.get(socket);
    if (!entry) return;
    if (entry.expiry) clearTimeout(entry.expiry);
    this.entries.delete(socket);
    const n = (this.perIp.get(entry.ip) ?? 1) - 1;
    if (n <= 0) this.perIp.delete(entry.ip);
    else this.perIp.set(entry.ip, n);
  }
}
