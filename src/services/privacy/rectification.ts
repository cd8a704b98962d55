import type { RequestContext } from "../../context";
import { Client } from "../../entities/client";
import { DomainError, Errors } from "../../schema/errors";
import { ChannelType } from "../../schema/enums";
import type { ClientInput, ClientsService } from "../clients/clients.service";

/** What a data subject may ask to correct (LGPD Art. 18 III): the client record's own fields. */
const FIELDS = ["name", "email", "phone", "document", "preferredChannel"] as const;

/**
 * Validates a rectification request's `corrections` like a normal client update, so a
 * request that could never be applied is refused when it is made (errors name the
 * field as `corrections.<field>`). Returns the normalised values to store.
 */
export function parseCorrections(clients: ClientsService, raw: unknown): ClientInput {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) throw Errors.badInput("corrections", "Informe as correções como um objeto, por exemplo {\"email\": \"novo@exemplo.com\"}.");
  const entries = Object.entries(raw as Record<string, unknown>);
  if (!entries.length) throw Errors.badInput("corrections", "Informe ao menos um campo a corrigir.");
  const input: ClientInput = {};
  for (const [key, value] of entries) {
    if (!(FIELDS as readonly string[]).includes(key)) throw Errors.badInput(`corrections.${key}`, `Campo que não pode ser corrigido por este pedido: use ${FIELDS.join(", ")}.`);
    if (value !== null && typeof value !== "string") throw Errors.badInput(`corrections.${key}`, "O novo valor deve ser um texto.");
    if (key === "preferredChannel") {
      if (!Object.values(ChannelType).includes(value as ChannelType)) throw Errors.badInput("corrections.preferredChannel", `Canal inválido: use ${Object.values(ChannelType).join(", ")}.`);
      input.preferredChannel = value as ChannelType;
    } else {
      (input as Record<string, unknown>)[key] = value;
    }
  }
  try {
    const valid = clients.validate(input, false);
    return { ...pick(valid), ...(input.preferredChannel ? { preferredChannel: input.preferredChannel } : {}) };
  } catch (err) {
    if (err instanceof DomainError && typeof err.extensions.field === "string") throw Errors.badInput(`corrections.${err.extensions.field}`, err.message);
    throw err;
  }
}

function pick(values: Partial<Client>): ClientInput {
  const out: ClientInput = {};
  for (const f of ["name", "email", "phone", "document"] as const) if (f in values) out[f] = values[f] ?? null;
  return out;
}

/**
 * Applies an approved rectification inside the approval's transaction (uniqueness is
 * checked again: the values may have been taken since the request). Returns the
 * names of the fields that actually changed.
 */
export async function applyCorrections(tx: RequestContext, clients: ClientsService, clientId: string, corrections: ClientInput): Promise<string[]> {
  const before = await tx.em.findOneOrFail(Client, { where: { id: clientId } });
  const snapshot = { name: before.name, email: before.email, phone: before.phone, document: before.document, preferredChannel: before.preferredChannel };
  try {
    const after = await clients.update(tx, clientId, corrections);
    return (Object.keys(snapshot) as Array<keyof typeof snapshot>).filter((f) => snapshot[f] !== after[f]);
  } catch (err) {
    if (err instanceof DomainError && typeof err.extensions.field === "string") throw new DomainError(err.code, err.message, { ...err.extensions, field: `corrections.${err.extensions.field}` });
    throw err;
  }
}
