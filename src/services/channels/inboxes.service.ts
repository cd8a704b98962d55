import type { DataSource } from "typeorm";
import { Inbox } from "../../entities/inbox";
import { afterCommit, inTransaction, requirePrincipal, type RequestContext } from "../../context";
import { randomToken, sha256Hex, type SecretBox } from "../../infra/crypto";
import { CircuitBreaker, CircuitBreakerRegistry, type FetchLike } from "../../infra/providers";
import type { Logger } from "../../infra/logger";
import type { PubSub } from "../../infra/pubsub";
import { UrlGuardError, type UrlGuard } from "../../infra/url-guard";
import { channelFor, type Channel, type ChannelRuntime } from "../../channels";
import { CredentialsError } from "../../channels/channel";
import { Errors } from "../../schema/errors";
import { InboxConnectionState, type InboxProvider } from "../../schema/enums";
import type { AuditService } from "../audit.service";
import { PrincipalCache } from "../auth/principal-cache";
import type { Events } from "../events";
import { findOwned } from "../scoped";
import { requiredText } from "../validation/input";

/** `CreateInboxInput`: the name, the provider, and one section per provider (`evolution`, `whatsappCloud`, …) that its channel reads. */
export interface CreateInboxData {
  name: string;
  provider: InboxProvider;
}

/** `UpdateInboxInput`: a new name and/or the provider's whole section again (secrets are never shown, so they are re-entered). */
export interface UpdateInboxData {
  name?: string | null;
  [section: string]: unknown;
}

export interface InboxesOptions {
  /** PUBLIC_URL: base of the webhook URL registered on providers; null leaves registration to the admin. */
  publicUrl: string | null;
  /** How long the previous secret keeps working after a rotation. */
  secretGraceSeconds: number;
  /** How long an inbox found by its webhook key is reused without a database read (AUTH_CACHE_SECONDS; 0 = never). */
  cacheMs?: number;
}

/** "A tenant's inboxes changed": every API process forgets the webhook runtimes it holds for that tenant. */
export const INBOX_CHANGED_TOPIC = "inbox:changed";

/**
 * Inboxes: creation (credentials checked, provider webhook registered), changes, disabling and
 * webhook secret rotation. Pairing a device (QR code) lives in `InboxConnectionService`.
 */
export class InboxesService {
  readonly breakers = new CircuitBreakerRegistry({ failureThreshold: 5, coolDownMs: 30_000 });
  /**
   * Webhook runtimes by key hash: a delivery does not read and decrypt its inbox each
   * time. Safe for the same reasons as the principal cache: every change of an inbox
   * drops its tenant's entries in this process before the change answers and in the
   * others through pub/sub, a read racing a change is not stored, and entries live
   * `cacheMs` at most.
   */
  private readonly hooks: PrincipalCache<ChannelRuntime<object>>;
  private pubsub: PubSub | null = null;

  constructor(
    private readonly ds: DataSource,
    private readonly box: SecretBox,
    private readonly audit: AuditService,
    private readonly events: Events,
    private readonly urlGuard: UrlGuard,
    private readonly logger: Logger,
    private readonly options: InboxesOptions,
  ) {
    this.hooks = new PrincipalCache<ChannelRuntime<object>>(options.cacheMs ?? 0);
  }

  /** Forget cached webhook runtimes on every inbox change, from this process or another. Returns the stop function. */
  follow(pubsub: PubSub): () => Promise<void> {
    this.pubsub = pubsub;
    const changes = pubsub.subscribe<{ tenantId: string }>(INBOX_CHANGED_TOPIC);
    void (async () => {
      for await (const e of changes) this.hooks.invalidateTenant(e.tenantId);
    })().catch(() => this.hooks.clear());
    return async () => {
      // return() unsubscribes at once, while the Redis connection closing beside it is still open.
      await changes.return?.();
      this.hooks.clear();
    };
  }

  /** After the change commits: this process at once, then the others. */
  private changed(tx: Pick<RequestContext, "em" | "afterCommit">, tenantId: string): Promise<void> {
    return afterCommit(tx, () => {
      this.hooks.invalidateTenant(tenantId);
      return this.pubsub?.publish(INBOX_CHANGED_TOPIC, { tenantId });
    });
  }

  /** The runtime of the inbox a webhook path key points at (any tenant: the key is the credential); null when unknown. */
  async webhookRuntime(key: string): Promise<ChannelRuntime<object> | null> {
    if (!/^[\w-]{16,64}$/.test(key)) return null;
    const hash = sha256Hex(key);
    const hit = this.hooks.get(hash);
    if (hit) return hit;
    const epoch = this.hooks.epoch();
    const inbox = await this.byKey(this.ds.manager, key);
    if (!inbox) return null;
    const rt = this.runtime(inbox);
    this.hooks.set(hash, inbox.tenantId, rt, epoch);
    return rt;
  }

  list(ctx: RequestContext): Promise<Inbox[]> {
    return ctx.em.find(Inbox, { where: { tenantId: requirePrincipal(ctx).tenantId }, order: { createdAt: "ASC" } });
  }

  get(ctx: RequestContext, id: string): Promise<Inbox> {
    return findOwned(ctx, Inbox, id, "Caixa de entrada");
  }

  webhookPath(inbox: Inbox): string {
    return this.pathFor(channelFor(inbox.provider), this.box.open(inbox.webhookKeySealed));
  }

  /** The full URL providers post to, when PUBLIC_URL is configured. */
  webhookUrl(inbox: Inbox): string | null {
    return this.options.publicUrl ? `${this.options.publicUrl}${this.webhookPath(inbox)}` : null;
  }

  private pathFor(channel: Channel, key: string): string {
    return `/webhooks/${channel.slug}/${key}`;
  }

  async create(ctx: RequestContext, input: CreateInboxData): Promise<{ inbox: Inbox; webhookSecret: string }> {
    const p = requirePrincipal(ctx);
    const name = requiredText("name", input.name, 120, "O nome");
    const channel = channelFor(input.provider);
    const { config, externalId } = await channel.configure(input as unknown as Record<string, unknown>, this.tools());
    const key = randomToken(24);
    const webhookSecret = channel.newSecret?.() ?? randomToken(32);
    // Checked before anything is stored: wrong credentials never make an inbox.
    const draft = this.draftRuntime(p.tenantId, input.provider, config, webhookSecret);
    await this.prepareProvider(channel, draft, key, webhookSecret);
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

  /** Name and/or provider settings; new credentials are checked and the provider webhook registered again. */
  async update(ctx: RequestContext, id: string, input: UpdateInboxData): Promise<Inbox> {
    const inbox = await this.get(ctx, id);
    const channel = channelFor(inbox.provider);
    const changes: Partial<Inbox> = {};
    if (input.name !== undefined && input.name !== null) changes.name = requiredText("name", input.name, 120, "O nome");
    const sections = Object.entries(input).filter(([k, v]) => k !== "name" && v !== null && v !== undefined);
    if (sections.length) {
      const { config, externalId } = await channel.configure({ ...input, provider: inbox.provider }, this.tools());
      const secret = this.secret(inbox);
      await this.prepareProvider(channel, { ...this.runtime(inbox), config, acceptedSecrets: () => [secret] }, this.box.open(inbox.webhookKeySealed), secret);
      changes.configSealed = this.box.sealJson(config);
      changes.externalId = externalId;
    }
    if (!Object.keys(changes).length) throw Errors.badInput("input", "Informe o nome ou as configurações do provedor.");
    await inTransaction(this.ds, ctx, async (tx) => {
      await tx.em.update(Inbox, { id: inbox.id, tenantId: inbox.tenantId }, changes);
      await this.changed(tx, inbox.tenantId);
      await this.audit.log(tx, "inbox.updated", { inboxId: inbox.id, fields: Object.keys(changes).map((k) => (k === "configSealed" ? "config" : k)) }, "warning");
    });
    this.breakers.get(inbox.id).reset();
    return this.get(ctx, id);
  }

  /** Disabled: its webhooks answer 404 and nothing is sent through it until it is enabled again. */
  async setDisabled(ctx: RequestContext, id: string, disabled: boolean): Promise<Inbox> {
    const inbox = await this.get(ctx, id);
    if (Boolean(inbox.disabledAt) === disabled) return inbox;
    await inTransaction(this.ds, ctx, async (tx) => {
      await tx.em.update(Inbox, { id: inbox.id, tenantId: inbox.tenantId }, { disabledAt: disabled ? new Date() : null });
      await this.changed(tx, inbox.tenantId);
      await this.audit.log(tx, disabled ? "inbox.disabled" : "inbox.enabled", { inboxId: inbox.id }, "warning");
      await this.events.inbox(tx, inbox.tenantId, inbox.id, inbox.connectionState);
    });
    return this.get(ctx, id);
  }

  /**
   * A new webhook secret, shown once. The previous one keeps working for the grace period
   * (WEBHOOK_SECRET_GRACE_SECONDS, 24 h by default) so deliveries already signed with it, or a
   * provider not yet reconfigured, are not lost; then it stops. Evolution is reconfigured at once.
   */
  async rotateSecret(ctx: RequestContext, id: string): Promise<{ inbox: Inbox; webhookSecret: string }> {
    const inbox = await this.get(ctx, id);
    const channel = channelFor(inbox.provider);
    const webhookSecret = channel.newSecret?.() ?? randomToken(32);
    const rt = this.runtime(inbox);
    await this.registerWebhook(channel, { ...rt, acceptedSecrets: () => [webhookSecret] }, this.box.open(inbox.webhookKeySealed), webhookSecret);
    const expiresAt = new Date(Date.now() + this.options.secretGraceSeconds * 1000);
    await inTransaction(this.ds, ctx, async (tx) => {
      await tx.em.update(Inbox, { id: inbox.id, tenantId: inbox.tenantId }, { webhookSecretSealed: this.box.seal(webhookSecret), previousSecretSealed: inbox.webhookSecretSealed, previousSecretExpiresAt: expiresAt });
      await this.changed(tx, inbox.tenantId);
      await this.audit.log(tx, "inbox.secret_rotated", { inboxId: inbox.id, previousValidUntil: expiresAt.toISOString() }, "warning");
    });
    return { inbox: await this.get(ctx, id), webhookSecret };
  }

  /** Credentials check, then the provider's webhook pointed at us (when the channel has one and PUBLIC_URL is set). */
  private async prepareProvider(channel: Channel, rt: ChannelRuntime<object>, key: string, secret: string): Promise<void> {
    if (channel.verifyCredentials) await this.guard(() => channel.verifyCredentials!(rt));
    await this.registerWebhook(channel, rt, key, secret);
  }

  private async registerWebhook(channel: Channel, rt: ChannelRuntime<object>, key: string, secret: string): Promise<void> {
    if (!channel.registerWebhook) return;
    if (!this.options.publicUrl) {
      this.logger.warn({ provider: channel.provider }, "PUBLIC_URL not set: the provider webhook must be configured by hand");
      return;
    }
    await this.guard(() => channel.registerWebhook!(rt, { url: `${this.options.publicUrl}${this.pathFor(channel, key)}`, secret }));
  }

  private async guard(fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (err) {
      if (err instanceof CredentialsError) throw Errors.badInput(err.field, err.message);
      throw err;
    }
  }

  private tools() {
    return { checkUrl: (field: string, value: string) => this.checkUrl(field, value), checkHost: (field: string, value: string) => this.checkHost(field, value) };
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

  /** A tenant-given SMTP/IMAP host: resolvable and not private (SSRF). */
  async checkHost(field: string, value: string): Promise<string> {
    const host = String(value ?? "").trim().toLowerCase();
    try {
      await this.urlGuard.resolveHost(host);
      return host;
    } catch (err) {
      throw Errors.badInput(field, err instanceof UrlGuardError ? err.message : "Servidor inválido.");
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

  /** The current secret and, until its grace period ends, the one it replaced. */
  acceptedSecrets(inbox: Inbox, now = new Date()): string[] {
    const previous = inbox.previousSecretSealed && inbox.previousSecretExpiresAt && inbox.previousSecretExpiresAt > now ? [this.box.open(inbox.previousSecretSealed)] : [];
    return [this.secret(inbox), ...previous];
  }

  /** What the inbox's channel may use at run time: its opened config, secrets, breaker and the SSRF-guarded fetch. */
  runtime<C extends object>(inbox: Inbox): ChannelRuntime<C> {
    return { inbox, config: this.config<C>(inbox), secret: () => this.secret(inbox), acceptedSecrets: () => this.acceptedSecrets(inbox), breaker: this.breakers.get(inbox.id), fetch: this.urlGuard.fetch as FetchLike, resolveHost: (host) => this.urlGuard.resolveHost(host) };
  }

  /** A runtime for an inbox not saved yet (credentials check on create). */
  private draftRuntime(tenantId: string, provider: InboxProvider, config: object, secret: string): ChannelRuntime<object> {
    const inbox = Object.assign(new Inbox(), { tenantId, provider, name: "", connectionState: InboxConnectionState.UNKNOWN, disabledAt: null });
    return { inbox, config, secret: () => secret, acceptedSecrets: () => [secret], breaker: new CircuitBreaker({ failureThreshold: 100, coolDownMs: 1 }), fetch: this.urlGuard.fetch as FetchLike, resolveHost: (host) => this.urlGuard.resolveHost(host) };
  }

  /** Evolution connection.update (or a connect/logout answer): record the state, audit it and tell supervisors' consoles. */
  async setConnectionState(ctx: RequestContext, inbox: Inbox, state: InboxConnectionState, reason?: string | null): Promise<void> {
    if (inbox.connectionState === state) return;
    await inTransaction(this.ds, ctx, async (tx) => {
      await tx.em.update(Inbox, { id: inbox.id }, { connectionState: state });
      await this.changed(tx, inbox.tenantId);
      await this.audit.record(tx.em, { tenantId: inbox.tenantId, actorId: null, event: "inbox.connection", severity: state === InboxConnectionState.DISCONNECTED ? "critical" : "info", detail: { inboxId: inbox.id, state, reason: reason ?? null } });
      await this.events.inbox(tx, inbox.tenantId, inbox.id, state);
    });
    inbox.connectionState = state;
  }
}
