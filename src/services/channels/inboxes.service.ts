import type { DataSource } from "typeorm";
import { Inbox } from "../../entities/inbox";
import { inTransaction, requirePrincipal, type RequestContext } from "../../context";
import { randomToken, sha256Hex, type SecretBox } from "../../infra/crypto";
import { CircuitBreakerRegistry, type FetchLike } from "../../infra/providers";
import { UrlGuardError, type UrlGuard } from "../../infra/url-guard";
import { channelFor, type ChannelRuntime } from "../../channels";
import { Errors } from "../../schema/errors";
import { InboxConnectionState, type InboxProvider } from "../../schema/enums";
import type { AuditService } from "../audit.service";
import type { Events } from "../events";
import { requiredText } from "../validation/input";

/** `CreateInboxInput`: the name, the provider, and one section per provider (`evolution`, `whatsappCloud`, …) that its channel reads. */
export interface CreateInboxData {
  name: string;
  provider: InboxProvider;
}

export class InboxesService {
  readonly breakers = new CircuitBreakerRegistry({ failureThreshold: 5, coolDownMs: 30_000 });

  constructor(private readonly ds: DataSource, private readonly box: SecretBox, private readonly audit: AuditService, private readonly events: Events, private readonly urlGuard: UrlGuard) {}

  list(ctx: RequestContext): Promise<Inbox[]> {
    return ctx.em.find(Inbox, { where: { tenantId: requirePrincipal(ctx).tenantId }, order: { createdAt: "ASC" } });
  }

  webhookPath(inbox: Inbox): string {
    return `/webhooks/${channelFor(inbox.provider).slug}/${this.box.open(inbox.webhookKeySealed)}`;
  }

  async create(ctx: RequestContext, input: CreateInboxData): Promise<{ inbox: Inbox; webhookSecret: string }> {
    const p = requirePrincipal(ctx);
    const name = requiredText("name", input.name, 120, "O nome");
    const channel = channelFor(input.provider);
    const { config, externalId } = await channel.configure(input as unknown as Record<string, unknown>, { checkUrl: (field, value) => this.checkUrl(field, value) });
    const key = randomToken(24);
    const webhookSecret = randomToken(32);
    return inTransaction(this.ds, ctx, async (tx) => {
      const inbox = await tx.em.save(
        tx.em.create(Inbox, {
          tenantId: p.tenantId,
          name,
          provider: input.provider,
          channel: channel.channelType,
          webhookKeyHash: sha256Hex(key),
          webhookKeySealed: this.box.seal(key),
          webhookSecretSealed: this.box.seal(webhookSecret),
          configSealed: this.box.sealJson(config),
          externalId,
        }),
      );
      await this.audit.log(tx, "inbox.created", { inboxId: inbox.id, provider: inbox.provider }, "warning");
      return { inbox, webhookSecret };
    });
  }

  /** A tenant-given URL: http(s), no trailing slash, not pointing at a private address (SSRF). */
  async checkUrl(field: string, value: string): Promise<string> {
    try {
      const url = await this.urlGuard.check(String(value ?? "").trim());
      return url.toString().replace(/\/+$/, "");
    } catch (err) {
      throw Errors.badInput(field, err instanceof UrlGuardError && err.reason !== "invalid" ? err.message : "URL inválida (use http:// ou https://).");
    }
  }

  /** The inbox a webhook path key points at (any tenant: the key is the credential). */
  byKey(em: RequestContext["em"], key: string): Promise<Inbox | null> {
    if (!/^[\w-]{16,64}$/.test(key)) return Promise.resolve(null);
    return em.findOne(Inbox, { where: { webhookKeyHash: sha256Hex(key) } });
  }

  config<T extends object>(inbox: Inbox): T {
    return this.box.openJson<T>(inbox.configSealed);
  }

  secret(inbox: Inbox): string {
    return this.box.open(inbox.webhookSecretSealed);
  }

  /** What the inbox's channel may use at run time: its opened config, secret, breaker and the SSRF-guarded fetch. */
  runtime<C extends object>(inbox: Inbox): ChannelRuntime<C> {
    return { inbox, config: this.config<C>(inbox), secret: () => this.secret(inbox), breaker: this.breakers.get(inbox.id), fetch: this.urlGuard.fetch as FetchLike };
  }

  /** Evolution connection.update: record the state, audit it and tell supervisors' consoles. */
  async setConnectionState(ctx: RequestContext, inbox: Inbox, state: InboxConnectionState, reason?: string | null): Promise<void> {
    if (inbox.connectionState === state) return;
    await inTransaction(this.ds, ctx, async (tx) => {
      await tx.em.update(Inbox, { id: inbox.id }, { connectionState: state });
      await this.audit.record(tx.em, { tenantId: inbox.tenantId, actorId: null, event: "inbox.connection", severity: state === InboxConnectionState.DISCONNECTED ? "critical" : "info", detail: { inboxId: inbox.id, state, reason: reason ?? null } });
      await this.events.inbox(tx, inbox.tenantId, inbox.id, state);
    });
  }
}
