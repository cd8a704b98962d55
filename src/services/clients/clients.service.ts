import type { DataSource } from "typeorm";
import type { IntegrationEmit } from "../integrations/types";
import { Client } from "../../entities/client";
import { inTransaction, requirePrincipal, type RequestContext } from "../../context";
import { paginate, type Connection, type PageArgs } from "../../schema/connection";
import { Errors } from "../../schema/errors";
import { ChannelType, DocumentType } from "../../schema/enums";
import { mapUniqueViolation } from "../db-errors";
import { findOwned } from "../scoped";
import { normalizeDocument, normalizeEmail, normalizePhone } from "../validation/br";
import { optionalText, requiredText } from "../validation/input";
import { searchKey } from "./search";
import { labelFilterSql } from "../labels/labels.service";

export interface ClientInput {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  document?: string | null;
  preferredChannel?: ChannelType | null;
}

const UNIQUE = {
  clients_tenant_email_uq: { field: "email", message: "Já existe um cliente com este e-mail." },
  clients_tenant_phone_uq: { field: "phone", message: "Já existe um cliente com este telefone." },
  clients_tenant_document_uq: { field: "document", message: "Já existe um cliente com este CPF/CNPJ." },
};

/** Runs inside the transaction that created a client from a conversation (CRM: new contact → lead). */
export type ClientCreatedHook = (tx: RequestContext, client: Client, channel: ChannelType) => Promise<void>;

export class ClientsService {
  /** Integrator webhooks: client.created for clients added through the API (the channels' go through createdHooks). */
  integrations: IntegrationEmit | null = null;
  readonly createdHooks: ClientCreatedHook[] = [];

  constructor(private readonly ds: DataSource) {}

  async get(ctx: RequestContext, id: string): Promise<Client> {
    const client = await findOwned(ctx, Client, id, "Cliente");
    if (client.anonymizedAt) throw Errors.notFound("Cliente");
    return client;
  }

  async list(ctx: RequestContext, args: PageArgs, filter?: { search?: string | null; preferredChannel?: ChannelType | null; labelId?: string | null } | null): Promise<Connection<Client>> {
    const p = requirePrincipal(ctx);
    const qb = ctx.em.createQueryBuilder(Client, "c").where("c.tenant_id = :tenantId AND c.anonymized_at IS NULL", { tenantId: p.tenantId });
    if (filter?.labelId) {
      const l = labelFilterSql("CLIENT", "c.id", p.tenantId, filter.labelId);
      qb.andWhere(l.sql, l.params);
    }
    if (filter?.preferredChannel) qb.andWhere("c.preferred_channel = :channel", { channel: filter.preferredChannel });
    const term = filter?.search?.trim();
    if (term) {
      // "(11) 98765-4321" or "123.456.789-09" search by digits; anything else by words.
      const digits = term.replace(/\D/g, "");
      const numeric = digits.length >= 4 && /^[\d\s().+\-/]+$/.test(term);
      qb.andWhere("c.search_text LIKE :term", { term: `%${escapeLike(numeric ? digits : searchKey(term).replace(/ \d*$/, ""))}%` });
    }
    return paginate(qb, args, { sortColumn: "c.created_at", idColumn: "c.id", sortValue: (c) => c.createdAt });
  }

  async create(ctx: RequestContext, input: ClientInput & { name: string }): Promise<Client> {
    const p = requirePrincipal(ctx);
    const values = this.validate(input, true);
    const preferredChannel = input.preferredChannel ?? (values.phone ? ChannelType.WHATSAPP : values.email ? ChannelType.EMAIL : ChannelType.WEB);
    return inTransaction(this.ds, ctx, async (tx) => {
      await this.assertUnique(tx, p.tenantId, values, null);
      const client = tx.em.create(Client, { tenantId: p.tenantId, ...values, preferredChannel } as Partial<Client>);
      client.searchText = clientSearchText(client);
      const saved = await tx.em.save(client).catch((err) => mapUniqueViolation(err, UNIQUE));
      await this.integrations?.(tx, p.tenantId, "client.created", { clientId: saved.id, channel: preferredChannel, source: "api" });
      return saved;
    });
  }

  async update(ctx: RequestContext, id: string, input: ClientInput): Promise<Client> {
    const p = requirePrincipal(ctx);
    const values = this.validate(input, false);
    return inTransaction(this.ds, ctx, async (tx) => {
      const client = await findOwned(tx, Client, id, "Cliente", { lock: true });
      if (client.anonymizedAt) throw Errors.notFound("Cliente");
      await this.assertUnique(tx, p.tenantId, values, client.id);
      Object.assign(client, values);
      if (input.preferredChannel) client.preferredChannel = input.preferredChannel;
      client.searchText = clientSearchText(client);
      return tx.em.save(client).catch((err) => mapUniqueViolation(err, UNIQUE));
    });
  }

  /**
   * Finds the client of a WhatsApp sender (by E.164 phone) or creates it. Used by
   * webhooks; `waId` is kept exactly as the provider sent it, for replies.
   */
  async findOrCreateByPhone(ctx: RequestContext, phone: string, opts: { name?: string | null; waId?: string | null; channel?: ChannelType }): Promise<Client> {
    const p = requirePrincipal(ctx);
    const e164 = normalizePhone(phone) ?? `+${phone.replace(/\D/g, "")}`;
    const existing = await ctx.em.findOne(Client, { where: { tenantId: p.tenantId, phone: e164 } });
    if (existing) {
      if (opts.waId && existing.waId !== opts.waId) await ctx.em.update(Client, { id: existing.id }, { waId: opts.waId });
      return existing;
    }
    const name = opts.name?.trim() || e164;
    return this.insertNew(ctx, { tenantId: p.tenantId, name, phone: e164, waId: opts.waId ?? null, preferredChannel: ChannelType.WHATSAPP, searchText: searchKey(`${name} ${e164}`) }, { phone: e164 }, opts.channel ?? ChannelType.WHATSAPP);
  }

  /** The client an e-mail comes from (addresses are compared lowercase), created on the first mail. */
  async findOrCreateByEmail(ctx: RequestContext, email: string, opts: { name?: string | null }): Promise<Client> {
    const p = requirePrincipal(ctx);
    const address = email.trim().toLowerCase();
    const existing = await ctx.em.findOne(Client, { where: { tenantId: p.tenantId, email: address } });
    if (existing) return existing;
    const name = opts.name?.trim().slice(0, 200) || address;
    return this.insertNew(ctx, { tenantId: p.tenantId, name, email: address, preferredChannel: ChannelType.EMAIL, searchText: searchKey(`${name} ${address}`) }, { email: address }, ChannelType.EMAIL);
  }

  /** Runs the created hooks for a client a channel just created (inside that transaction). */
  async announceCreated(tx: RequestContext, client: Client, channel: ChannelType): Promise<void> {
    for (const hook of this.createdHooks) await hook(tx, client, channel);
  }

  /**
   * Inserts a contact a channel met for the first time. Concurrent first messages: the
   * unique index decides and the loser re-reads. The created hooks commit with the new
   * client, so a failure leaves no client half set up.
   */
  private insertNew(ctx: RequestContext, values: Partial<Client> & { tenantId: string }, where: { phone: string } | { email: string }, channel: ChannelType): Promise<Client> {
    return inTransaction(this.ds, ctx, async (tx) => {
      const inserted = await tx.em.createQueryBuilder().insert().into(Client).values(values).orIgnore().returning(["id"]).execute();
      const client = await tx.em.findOneOrFail(Client, { where: { tenantId: values.tenantId, ...where } });
      if (inserted.identifiers[0]?.id === client.id) await this.announceCreated(tx, client, channel);
      return client;
    });
  }

  /** Validates and normalises client fields (also for LGPD rectification requests and CRM leads). */
  validate(input: ClientInput, creating: boolean): Partial<Client> {
    const out: Partial<Client> = {};
    if (creating || input.name !== undefined) out.name = requiredText("name", input.name ?? "", 200, "O nome");
    if (input.email !== undefined) {
      const raw = optionalText("email", input.email, 254, "O e-mail");
      // Mailboxes are case-insensitive in practice: one client per address whatever the case.
      const email = raw ? normalizeEmail(raw)?.toLowerCase() ?? null : null;
      if (raw && !email) throw Errors.badInput("email", "E-mail inválido.");
      out.email = email;
    }
    if (input.phone !== undefined) {
      const raw = optionalText("phone", input.phone, 40, "O telefone");
      const phone = raw ? normalizePhone(raw) : null;
      if (raw && !phone) throw Errors.badInput("phone", "Telefone inválido. Use DDD e número, por exemplo (11) 98765-4321.");
      out.phone = phone;
    }
    if (input.document !== undefined) {
      const raw = optionalText("document", input.document, 30, "O documento");
      const doc = raw ? normalizeDocument(raw) : null;
      if (raw && !doc) throw Errors.badInput("document", "CPF ou CNPJ inválido: confira os dígitos verificadores.");
      out.document = doc?.digits ?? null;
      out.documentType = doc ? (doc.type === "CPF" ? DocumentType.CPF : DocumentType.CNPJ) : null;
    }
    return out;
  }

  private async assertUnique(ctx: RequestContext, tenantId: string, values: Partial<Client>, selfId: string | null): Promise<void> {
    for (const field of ["email", "phone", "document"] as const) {
      const value = values[field];
      if (!value) continue;
      const other = await ctx.em.findOne(Client, { where: { tenantId, [field]: value }, select: { id: true } });
      if (other && other.id !== selfId) throw Errors.conflict(UNIQUE[`clients_tenant_${field}_uq`].message, field);
    }
  }
}

export function clientSearchText(c: Pick<Client, "name" | "email" | "phone" | "document">): string {
  return searchKey([c.name, c.email, c.phone, c.document].filter(Boolean).join(" "));
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
