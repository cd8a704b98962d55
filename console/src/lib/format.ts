/** pt-BR formatting in the tenant's time zone (set once the tenant's settings are known). */
let timeZone = "America/Sao_Paulo";

export function setTimeZone(tz: string | null | undefined): void {
  if (!tz) return;
  try {
    new Intl.DateTimeFormat("pt-BR", { timeZone: tz });
    timeZone = tz;
  } catch {
    // An unknown zone keeps the default.
  }
}

export const tenantTimeZone = () => timeZone;

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  return new Intl.DateTimeFormat("pt-BR", { dateStyle: "short", timeStyle: "short", timeZone }).format(new Date(iso));
}

export function time(iso: string | null | undefined): string {
  if (!iso) return "";
  return new Intl.DateTimeFormat("pt-BR", { hour: "2-digit", minute: "2-digit", timeZone }).format(new Date(iso));
}

export function date(iso: string | null | undefined): string {
  if (!iso) return "—";
  return new Intl.DateTimeFormat("pt-BR", { dateStyle: "medium", timeZone }).format(new Date(iso));
}

const brl = new Intl.NumberFormat("pt-BR", { style: "currency", currency: "BRL", minimumFractionDigits: 2, maximumFractionDigits: 4 });
export const money = (value: number) => brl.format(value);

const pct = new Intl.NumberFormat("pt-BR", { style: "percent", maximumFractionDigits: 1 });
export const percent = (ratio: number) => pct.format(ratio);

const num = new Intl.NumberFormat("pt-BR", { maximumFractionDigits: 1 });
export const number = (n: number) => num.format(n);

/** "3 min 05 s", "1 h 02 min": waiting times counting up. */
export function duration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h) return `${h} h ${String(m).padStart(2, "0")} min`;
  if (m) return `${m} min ${String(sec).padStart(2, "0")} s`;
  return `${sec} s`;
}

/** +55 11 98765-4321 → (11) 98765-4321; other countries keep the E.164 form. */
export function phone(e164: string | null | undefined): string {
  if (!e164) return "—";
  const d = e164.replace(/\D/g, "");
  const m = /^55(\d{2})(\d{4,5})(\d{4})$/.exec(d);
  return m ? `(${m[1]}) ${m[2]}-${m[3]}` : e164;
}

/** CPF/CNPJ shown masked: only the middle digits, as LGPD guidance for screens suggests. */
export function maskDocument(doc: string | null | undefined): string {
  if (!doc) return "—";
  const d = doc.replace(/\D/g, "");
  if (d.length === 11) return `***.${d.slice(3, 6)}.${d.slice(6, 9)}-**`;
  if (d.length === 14) return `**.${d.slice(2, 5)}.${d.slice(5, 8)}/****-**`;
  return "•••";
}

export const PRIORITY_LABEL: Record<string, string> = { URGENT: "Urgente", HIGH: "Alta", MEDIUM: "Média", LOW: "Baixa" };
export const PRIORITY_RANK: Record<string, number> = { URGENT: 0, HIGH: 1, MEDIUM: 2, LOW: 3 };
export const CHANNEL_LABEL: Record<string, string> = { WHATSAPP: "WhatsApp", WEB: "Chat do site", EMAIL: "E-mail", PHONE: "Telefone" };
export const ROLE_LABEL: Record<string, string> = { ADMIN: "Administrador", SUPERVISOR: "Supervisor", AGENT: "Agente", INTEGRATOR: "Integrador" };
export const AVAILABILITY_LABEL: Record<string, string> = { ONLINE: "Disponível", AWAY: "Ausente", OFFLINE: "Offline" };
export const TICKET_STATUS_LABEL: Record<string, string> = { OPEN: "Aberto", ESCALATED: "Escalado", RESOLVED: "Resolvido", CLOSED: "Fechado" };
export const DELIVERY_LABEL: Record<string, string> = { PENDING: "Enviando", SENT: "Enviada", DELIVERED: "Entregue", READ: "Lida", FAILED: "Falhou" };
export const OCR_LABEL: Record<string, string> = { PENDING: "Na fila", PROCESSING: "Lendo…", DONE: "Lido", FAILED: "Falhou" };
