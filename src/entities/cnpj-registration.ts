import { Column, Entity, PrimaryColumn } from "typeorm";

/**
 * Cache of public CNPJ registrations (Receita Federal data through public sources),
 * shared by all tenants: it holds only what any of them could look up, and nothing
 * about which tenant asked.
 */
@Entity("cnpj_registrations")
export class CnpjRegistration {
  @PrimaryColumn({ type: "text" })
  cnpj!: string;

  @Column({ type: "text" })
  source!: string;

  @Column({ type: "jsonb" })
  data!: CompanyRegistrationData;

  @Column({ name: "fetched_at", type: "timestamptz", precision: 3 })
  fetchedAt!: Date;
}

/** A company as the platform keeps it, whichever public source answered. */
export interface CompanyRegistrationData {
  cnpj: string;
  legalName: string;
  tradeName: string | null;
  /** Receita Federal registration status, upper case: ATIVA, BAIXADA, INAPTA, SUSPENSA, NULA. */
  status: string | null;
  statusDate: string | null;
  /** YYYY-MM-DD */
  openedOn: string | null;
  mainActivity: Activity | null;
  secondaryActivities: Activity[];
  legalNature: string | null;
  size: string | null;
  shareCapital: number | null;
  headquarters: boolean | null;
  simples: boolean | null;
  mei: boolean | null;
  address: Address | null;
  phones: string[];
  email: string | null;
  partners: Partner[];
}

export interface Activity { code: string; description: string }
export interface Address { street: string | null; number: string | null; complement: string | null; district: string | null; city: string | null; state: string | null; postalCode: string | null }
export interface Partner { name: string; role: string | null; since: string | null }

