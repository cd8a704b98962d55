import type { CnpjSourceName } from "../../../config";
import type { Activity, CompanyRegistrationData } from "../../../entities/cnpj-registration";

export type { CompanyRegistrationData };

/** The source answered that the CNPJ does not exist (or refused it): try the next, do not count as an outage. */
export class CnpjNotFound extends Error {}

type Json = Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v.trim() : typeof v === "number" ? String(v) : null);
const digits = (v: unknown): string | null => str(v)?.replace(/\D/g, "") || null;
const num = (v: unknown): number | null => {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
};
const bool = (v: unknown): boolean | null => (typeof v === "boolean" ? v : null);
const obj = (v: unknown): Json => (v && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** dd/mm/yyyy or yyyy-mm-dd(Thh…) → yyyy-mm-dd. */
function isoDate(v: unknown): string | null {
  const s = str(v);
  if (!s) return null;
  const br = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(s);
  if (br) return `${br[3]}-${br[2]}-${br[1]}`;
  const iso = /^(\d{4}-\d{2}-\d{2})/.exec(s);
  return iso ? iso[1]! : null;
}

/** CNAE as 7 digits; a code of zeros means "not informed". */
function activity(code: unknown, description: unknown): Activity | null {
  const c = digits(code);
  const d = str(description);
  if (!c || /^0+$/.test(c) || !d || /^\*+$/.test(d)) return null;
  return { code: c.padStart(7, "0"), description: d };
}

function phone(v: unknown): string | null {
  const d = digits(v);
  return d && d.length >= 10 && d.length <= 11 ? d : null;
}

const status = (v: unknown) => str(v)?.toUpperCase() ?? null;
/** "206-2 - Sociedade Empresária Limitada" / "49-Sócio-Administrador" → the text after the code. */
const withoutCode = (v: unknown) => str(v)?.replace(/^\d[\d-]*\s*-\s*/, "") ?? null;

function brasilApi(j: Json): CompanyRegistrationData {
  return {
    cnpj: digits(j.cnpj)!,
    legalName: str(j.razao_social)!,
    tradeName: str(j.nome_fantasia),
    status: status(j.descricao_situacao_cadastral),
    statusDate: isoDate(j.data_situacao_cadastral),
    openedOn: isoDate(j.data_inicio_atividade),
    mainActivity: activity(j.cnae_fiscal, j.cnae_fiscal_descricao),
    secondaryActivities: arr(j.cnaes_secundarios).map((a) => activity(obj(a).codigo, obj(a).descricao)).filter((a): a is Activity => Boolean(a)),
    legalNature: str(j.natureza_juridica),
    size: str(j.porte) ?? str(j.descricao_porte),
    shareCapital: num(j.capital_social),
    headquarters: j.identificador_matriz_filial === 1 ? true : j.identificador_matriz_filial === 2 ? false : null,
    simples: bool(j.opcao_pelo_simples),
    mei: bool(j.opcao_pelo_mei),
    address: {
      street: [str(j.descricao_tipo_de_logradouro), str(j.logradouro)].filter(Boolean).join(" ") || null,
      number: str(j.numero), complement: str(j.complemento), district: str(j.bairro), city: str(j.municipio), state: str(j.uf), postalCode: digits(j.cep),
    },
    phones: [phone(j.ddd_telefone_1), phone(j.ddd_telefone_2)].filter((p): p is string => Boolean(p)),
    email: str(j.email)?.toLowerCase() ?? null,
    partners: arr(j.qsa).map((p) => ({ name: str(obj(p).nome_socio)!, role: str(obj(p).qualificacao_socio), since: isoDate(obj(p).data_entrada_sociedade) })).filter((p) => p.name),
  };
}

function receitaWs(j: Json): CompanyRegistrationData {
  // ReceitaWS answers HTTP 200 with {"status": "ERROR", "message": "..."} for invalid or unknown CNPJs.
  if (str(j.status)?.toUpperCase() === "ERROR") throw new CnpjNotFound(str(j.message) ?? "CNPJ não encontrado");
  const main = obj(arr(j.atividade_principal)[0]);
  return {
    cnpj: digits(j.cnpj)!,
    legalName: str(j.nome)!,
    tradeName: str(j.fantasia),
    status: status(j.situacao),
    statusDate: isoDate(j.data_situacao),
    openedOn: isoDate(j.abertura),
    mainActivity: activity(main.code, main.text),
    secondaryActivities: arr(j.atividades_secundarias).map((a) => activity(obj(a).code, obj(a).text)).filter((a): a is Activity => Boolean(a)),
    legalNature: withoutCode(j.natureza_juridica),
    size: str(j.porte),
    shareCapital: num(j.capital_social),
    headquarters: str(j.tipo) ? str(j.tipo)!.toUpperCase() === "MATRIZ" : null,
    simples: bool(obj(j.simples).optante),
    mei: bool(obj(j.simei).optante),
    address: { street: str(j.logradouro), number: str(j.numero), complement: str(j.complemento), district: str(j.bairro), city: str(j.municipio), state: str(j.uf), postalCode: digits(j.cep) },
    phones: (str(j.telefone) ?? "").split("/").map(phone).filter((p): p is string => Boolean(p)),
    email: str(j.email)?.toLowerCase() ?? null,
    partners: arr(j.qsa).map((p) => ({ name: str(obj(p).nome)!, role: withoutCode(obj(p).qual), since: null })).filter((p) => p.name),
  };
}

function cnpja(j: Json): CompanyRegistrationData {
  const company = obj(j.company);
  const address = obj(j.address);
  return {
    cnpj: digits(j.taxId)!,
    legalName: str(company.name)!,
    tradeName: str(j.alias),
    status: status(obj(j.status).text),
    statusDate: isoDate(j.statusDate),
    openedOn: isoDate(j.founded),
    mainActivity: activity(obj(j.mainActivity).id, obj(j.mainActivity).text),
    secondaryActivities: arr(j.sideActivities).map((a) => activity(obj(a).id, obj(a).text)).filter((a): a is Activity => Boolean(a)),
    legalNature: str(obj(company.nature).text),
    size: str(obj(company.size).text) ?? str(obj(company.size).acronym),
    shareCapital: num(company.equity),
    headquarters: bool(j.head),
    simples: bool(obj(company.simples).optant),
    mei: bool(obj(company.simei).optant),
    address: { street: str(address.street), number: str(address.number), complement: str(address.details), district: str(address.district), city: str(address.city), state: str(address.state), postalCode: digits(address.zip) },
    phones: arr(j.phones).map((p) => phone(`${str(obj(p).area) ?? ""}${str(obj(p).number) ?? ""}`)).filter((p): p is string => Boolean(p)),
    email: str(obj(arr(j.emails)[0]).address)?.toLowerCase() ?? null,
    partners: arr(company.members).map((m) => ({ name: str(obj(obj(m).person).name)!, role: str(obj(obj(m).role).text), since: isoDate(obj(m).since) })).filter((p) => p.name),
  };
}

export const PARSERS: Record<CnpjSourceName, (j: Json) => CompanyRegistrationData> = { brasilapi: brasilApi, receitaws: receitaWs, cnpja };

/** Parses a source's answer; a body without the company's name is not an answer. */
export function parseRegistration(source: CnpjSourceName, body: unknown, cnpj: string): CompanyRegistrationData {
  const parsed = PARSERS[source](obj(body));
  if (!parsed.legalName) throw new Error(`${source}: resposta sem razão social`);
  return { ...parsed, cnpj: parsed.cnpj && parsed.cnpj.length === 14 ? parsed.cnpj : cnpj };
}
