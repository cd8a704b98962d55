import type { DataSource } from "typeorm";
import { Inbox } from "../../entities/inbox";
import { inTransaction, requirePrincipal, type RequestContext } from "../../context";
import { randomToken, sha256Hex, type SecretBox } from "../../infra/crypto";
import { CircuitBreakerRegistry, CloudApiClient, EvolutionClient } from "../../infra/providers";
import { Errors } from "../../schema/errors";
import { ChannelType, InboxConnectionState, InboxProvider } from "../../schema/enums";
import type { AuditService } from "../audit.service";
import type { Events } from "../events";
import { requiredText } from "../validation/input";
import { UrlGuardError, type UrlGuard } from "../../infra/url-guard";
import type { FetchLike } from "../../infra/providers/http";

export type EvolutionConfig = { kind: "evolution"; baseUrl: string; instance: string; apiKey: string; requireSignedHeaders: boolean };
export type CloudConfig = { kind: "cloud"; phoneNumberId: string; accessToken: string; appSecret: string; verifyToken: string; graphApiUrl?: string };
export type GenericConfig = { kind: "generic" };
export type InboxConfig = EvolutionConfig | CloudConfig | GenericConfig;

export interface CreateInboxData {
  name: string;
  provider: InboxProvider;
  evolution?: { baseUrl: string; instance: string; apiKey: string; requireSignedHeaders?: boolean | null } | null;
  whatsappCloud?: { phoneNumberId: string; accessToken: string; appSecret: string; verifyToken: string; graphApiUrl?: string | null } | null;
}

const SLUG: Record<InboxProvider, string> = { EVOLUTION: "evolution", WHATSAPP_CLOUD: "whatsapp", GENERIC_WEBHOOK: "generic" };

/** A tenant-given URL: well formed, http(s), and not pointing at private, loopback or metadata addresses (SSRF). */
async function checkedUrl(guard: UrlGuard, field: string, value: string): Promise<string> {
  try {
    return (await guard.check(value.trim())).toString().replace(/\/+$/, "");
  } catch (err) {
    if (err instanceof UrlGuardError) throw Errors.badInput(field, err.message);
    throw err;
  }
}

export class InboxesService {
  readonly breakers = new CircuitBreakerRegistry({ failureThreshold: 5, coolDownMs: 30_000 });

  constructor(private readonly ds: DataSource, private readonly box: SecretBox, private readonly audit: AuditService, private readonly events: Events, private readonly urlGuard: UrlGuard) {}

  list(ctx: RequestContext): Promise<Inbox[]> {
    return ctx.em.find(Inbox, { where: { tenantId: requirePrincipal(ctx).tenantId }, order: { createdAt: "ASC" } });
  }

  webhookPath(inbox: Inbox): string {
    return `/webhooks/${SLUG[inbox.provider]}/${this.box.open(inbox.webhookKeySealed)}`;
  }

  async create(ctx: RequestContext, input: CreateInboxData): Promise<{ inbox: Inbox; webhookSecret: string }> {
    const p = requirePrincipal(ctx);
    const name = requiredText("name", input.name, 120, "O nome");
    let config: InboxConfig;
    let externalId: string | null = null;
    let channel = ChannelType.WHATSAPP;
    if (input.provider === InboxProvider.EVOLUTION) {
      const e = input.evolution;
      if (!e) throw Errors.badInput("evolution", "Informe a configuração do Evolution.");
      config = {
        kind: "evolution",
        baseUrl: await checkedUrl(this.urlGuard, "evolution.baseUrl", e.baseUrl),
        instance: requiredText("evolution.instance", e.instance, 120, "A instância"),
        apiKey: requiredText("evolution.apiKey", e.apiKey, 500, "A chave de API"),
        requireSignedHeaders: Boolean(e.requireSignedHeaders),
      };
      externalId = config.instance;
    } else if (input.provider === InboxProvider.WHATSAPP_CLOUD) {
      const c = input.whatsappCloud;
      if (!c) throw Errors.badInput("whatsappCloud", "Informe a configuração da API oficial do WhatsApp.");
      const phoneNumberId = requiredText("whatsappCloud.phoneNumberId", c.phoneNumberId, 40, "O phone number id");
      if (!/^\d+$/.test(phoneNumberId)) throw Errors.badInput("whatsappCloud.phoneNumberId", "O phone number id tem apenas dígitos.");
      config = {
        kind: "cloud",
        phoneNumberId,
        accessToken: requiredText("whatsappCloud.accessToken", c.accessToken, 2000, "O token de acesso"),
        appSecret: requiredText("whatsappCloud.appSecret", c.appSecret, 200, "O app secret"),
        verifyToken: requiredText("whatsappCloud.verifyToken", c.verifyToken, 200, "O verify token"),
        ...(c.graphApiUrl ? { graphApiUrl: await checkedUrl(this.urlGuard, "whatsappCloud.graphApiUrl", c.graphApiUrl) } : {}),
      };
      externalId = phoneNumberId;
    } else {
      config = { kind: "generic" };
      channel = ChannelType.WEB;
    }
    const key = randomToken(24);
    const webhookSecret = randomToken(32);
    return inTransaction(this.ds, ctx, async (tx) => {
      const inbox = await tx.em.save(
        tx.em.create(Inbox, {
          tenantId: p.tenantId,
          name,
          provider: input.provider,
          channel,
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

  /** The inbox a webhook path key points at (any tenant: the key is the credential). */
  byKey(em: RequestContext["em"], key: string): Promise<Inbox | null> {
    if (!/^[\w-]{16,64}$/.test(key)) return Promise.resolve(null);
    return em.findOne(Inbox, { where: { webhookKeyHash: sha256Hex(key) } });
  }

  config<T extends InboxConfig>(inbox: Inbox): T {
    return this.box.openJson<T>(inbox.configSealed);
  }

  secret(inbox: Inbox): string {
    return this.box.open(inbox.webhookSecretSealed);
  }

  evolutionClient(inbox: Inbox): EvolutionClient {
    const c = this.config<EvolutionConfig>(inbox);
    // Every request to the tenant's URL goes through the guard: the address actually connected to is checked.
    return new EvolutionClient({ baseUrl: c.baseUrl, instance: c.instance, apiKey: c.apiKey, breaker: this.breakers.get(inbox.id), retry: { attempts: 3, baseDelayMs: 200, maxDelayMs: 2000 }, fetch: this.urlGuard.fetch as FetchLike });
  }

  cloudClient(inbox: Inbox): CloudApiClient {
    const c = this.config<CloudConfig>(inbox);
    return new CloudApiClient({ phoneNumberId: c.phoneNumberId, accessToken: c.accessToken, graphApiUrl: c.graphApiUrl, breaker: this.breakers.get(inbox.id), retry: { attempts: 3, baseDelayMs: 200, maxDelayMs: 2000 }, fetch: this.urlGuard.fetch as FetchLike });
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
