import type { DataSource } from "typeorm";
import type { Redis } from "ioredis";
import { inTransaction, type RequestContext } from "../../../context";
import type { CnpjSourceConfig, Config } from "../../../config";
import { Client } from "../../../entities/client";
import { CnpjRegistration, type CompanyRegistrationData } from "../../../entities/cnpj-registration";
import type { Logger } from "../../../infra/logger";
import { CircuitBreakerRegistry, httpRequest, isProviderError } from "../../../infra/providers";
import { DomainError, Errors } from "../../../schema/errors";
import { DocumentType } from "../../../schema/enums";
import type { AuditService } from "../../audit.service";
import { clientSearchText } from "../../clients/clients.service";
import { findOwned } from "../../scoped";
import { normalizeDocument, normalizeEmail, normalizePhone } from "../../validation/br";
import { CnpjNotFound, parseRegistration } from "./sources";

/** What lookupCnpj answers: the registration, where it came from, and whether it is past the freshness window. */
export type CompanyLookup = CompanyRegistrationData & { source: string; fetchedAt: Date; stale: boolean };

const MAX_BODY = 1024 * 1024;
/** A source answering 429 without Retry-After rests this long. */
const DEFAULT_RATE_LIMIT_PAUSE_MS = 60_000;

/**
 * CNPJ lookup over public sources (BrasilAPI, ReceitaWS, CNPJá open…, in the order of
 * CNPJ_SOURCES): an invalid CNPJ is refused before any call; each source has a
 * timeout and a circuit breaker, a source that rate-limits rests for its Retry-After;
 * answers are cached in Postgres (Redis in front when configured) for CNPJ_CACHE_HOURS,
 * and a stale entry is still served when every source is down.
 */
export class CnpjService {
  private readonly breakers = new CircuitBreakerRegistry({ provider: "cnpj", failureThreshold: 3, coolDownMs: 60_000 });
  private readonly pausedUntil = new Map<string, number>();
  private readonly inflight = new Map<string, Promise<CompanyLookup>>();

  constructor(
    private readonly ds: DataSource,
    private readonly config: Config["cnpj"],
    private readonly logger: Logger,
    private readonly audit: AuditService,
    private readonly redis?: { client: Redis; prefix: string },
  ) {}

  /** Validates, then answers from the cache or the sources; concurrent lookups of one CNPJ share one fetch. */
  lookup(_ctx: RequestContext, raw: string): Promise<CompanyLookup> {
    const cnpj = validCnpj(raw);
    let pending = this.inflight.get(cnpj);
    if (!pending) {
      pending = this.resolve(cnpj).finally(() => this.inflight.delete(cnpj));
      this.inflight.set(cnpj, pending);
    }
    return pending;
  }

  /** Forgets breaker and rate-limit state, e.g. after an operator fixed CNPJ_SOURCES (and between tests). */
  resetHealth(): void {
    for (const s of this.config.sources) this.breakers.delete(s.name);
    this.pausedUntil.clear();
  }

  /** Fills a company client from its CNPJ: the registration snapshot always; name, e-mail and phone only where missing. */
  async enrichClient(ctx: RequestContext, clientId: string): Promise<Client> {
    const current = await findOwned(ctx, Client, clientId, "Cliente");
    if (current.anonymizedAt) throw Errors.notFound("Cliente");
    if (current.documentType !== DocumentType.CNPJ || !current.document) throw Errors.badInput("clientId", "O cliente não tem CNPJ cadastrado: informe o CNPJ no cadastro antes de completar os dados.");
    const reg = await this.lookup(ctx, current.document);
    return inTransaction(this.ds, ctx, async (tx) => {
      const client = await findOwned(tx, Client, clientId, "Cliente", { lock: true });
      if (client.anonymizedAt) throw Errors.notFound("Cliente");
      const filled: string[] = ["company"];
      client.company = { ...stripMeta(reg), source: reg.source, fetchedAt: reg.fetchedAt.toISOString() };
      if (/^[\d\s().+\-/]*$/.test(client.name)) {
        client.name = reg.tradeName || reg.legalName;
        filled.push("name");
      }
      const email = reg.email ? normalizeEmail(reg.email)?.toLowerCase() ?? null : null;
      if (!client.email && email && !(await this.taken(tx, client, "email", email))) {
        client.email = email;
        filled.push("email");
      }
      const phone = reg.phones.map((p) => normalizePhone(p)).find(Boolean) ?? null;
      if (!client.phone && phone && !(await this.taken(tx, client, "phone", phone))) {
        client.phone = phone;
        filled.push("phone");
      }
      client.searchText = clientSearchText(client);
      const saved = await tx.em.save(client);
      await this.audit.log(tx, "crm.client_enriched", { clientId: client.id, source: reg.source, fields: filled });
      return saved;
    });
  }

  private async taken(tx: RequestContext, client: Client, field: "email" | "phone", value: string): Promise<boolean> {
    const other = await tx.em.findOne(Client, { where: { tenantId: client.tenantId, [field]: value }, select: { id: true } });
    return Boolean(other && other.id !== client.id);
  }

  private async resolve(cnpj: string): Promise<CompanyLookup> {
    const cached = await this.fromCache(cnpj);
    if (cached && !cached.stale) return cached;
    let notFound = 0;
    for (const source of this.config.sources) {
      try {
        const data = await this.fetchFrom(source, cnpj);
        const fetchedAt = new Date();
        await this.store(cnpj, source.name, data, fetchedAt);
        return { ...data, source: source.name, fetchedAt, stale: false };
      } catch (err) {
        if (err instanceof CnpjNotFound) notFound++;
        else this.logger.warn({ err: isProviderError(err) ? err.message : err, source: source.name }, "cnpj source failed");
      }
    }
    if (cached) return cached;
    if (notFound) throw Errors.notFound("CNPJ na base da Receita Federal");
    throw new DomainError("RATE_LIMITED", "As bases públicas de CNPJ não responderam agora. Tente novamente em alguns minutos.", { reason: "CNPJ_SOURCES_UNAVAILABLE", retryAfterSeconds: 60 });
  }

  private async fetchFrom(source: CnpjSourceConfig, cnpj: string): Promise<CompanyRegistrationData> {
    const paused = this.pausedUntil.get(source.name);
    if (paused && paused > Date.now()) throw new Error(`${source.name} is rate-limiting us`);
    let body: Buffer;
    try {
      const res = await this.breakers.get(source.name).execute(() =>
        httpRequest({ provider: "cnpj", method: "GET", url: `${source.baseUrl}/${cnpj}`, headers: { "user-agent": "Atende/1.0 (consulta de CNPJ)" }, timeoutMs: this.config.timeoutMs, secrets: [], maxBytes: MAX_BODY }),
      );
      body = res.body;
    } catch (err) {
      // 400/404: the source says the CNPJ is not (validly) registered; not an outage.
      if (isProviderError(err) && (err.status === 404 || err.status === 400)) throw new CnpjNotFound(err.message);
      if (isProviderError(err) && err.code === "RATE_LIMITED") this.pausedUntil.set(source.name, Date.now() + (err.retryAfterMs ?? DEFAULT_RATE_LIMIT_PAUSE_MS));
      throw err;
    }
    return parseRegistration(source.name, JSON.parse(body.toString("utf8")), cnpj);
  }

  private redisKey(cnpj: string): string {
    return `${this.redis!.prefix}:cnpj:${cnpj}`;
  }

  private async fromCache(cnpj: string): Promise<CompanyLookup | null> {
    const freshMs = this.config.cacheHours * 3_600_000;
    if (this.redis) {
      try {
        const hit = await this.redis.client.get(this.redisKey(cnpj));
        if (hit) {
          const v = JSON.parse(hit) as { source: string; fetchedAt: string; data: CompanyRegistrationData };
          const fetchedAt = new Date(v.fetchedAt);
          if (Date.now() - fetchedAt.getTime() < freshMs) return { ...v.data, source: v.source, fetchedAt, stale: false };
        }
      } catch (err) {
        this.logger.warn({ err }, "cnpj redis cache unavailable");
      }
    }
    const row = await this.ds.manager.findOne(CnpjRegistration, { where: { cnpj } });
    if (!row) return null;
    const stale = Date.now() - row.fetchedAt.getTime() >= freshMs;
    if (!stale) await this.toRedis(cnpj, row.source, row.data, row.fetchedAt);
    return { ...row.data, source: row.source, fetchedAt: row.fetchedAt, stale };
  }

  private async store(cnpj: string, source: string, data: CompanyRegistrationData, fetchedAt: Date): Promise<void> {
    await this.ds.manager.upsert(CnpjRegistration, { cnpj, source, data: data as never, fetchedAt }, ["cnpj"]);
    await this.toRedis(cnpj, source, data, fetchedAt);
  }

  private async toRedis(cnpj: string, source: string, data: CompanyRegistrationData, fetchedAt: Date): Promise<void> {
    const ttl = Math.floor(this.config.cacheHours * 3_600_000 - (Date.now() - fetchedAt.getTime()));
    if (!this.redis || ttl <= 0) return;
    await this.redis.client.set(this.redisKey(cnpj), JSON.stringify({ source, fetchedAt: fetchedAt.toISOString(), data }), "PX", ttl).catch((err: unknown) => this.logger.warn({ err }, "cnpj redis cache unavailable"));
  }
}

export function validCnpj(raw: string): string {
  const doc = normalizeDocument(raw ?? "");
  if (doc?.type === "CPF") throw Errors.badInput("cnpj", "Informe um CNPJ: CPF não tem consulta pública.");
  if (!doc) throw Errors.badInput("cnpj", "CNPJ inválido: confira os 14 caracteres e os dígitos verificadores.");
  return doc.digits;
}

function stripMeta(l: CompanyLookup): CompanyRegistrationData {
  const { source: _s, fetchedAt: _f, stale: _st, ...data } = l;
  return data;
}
