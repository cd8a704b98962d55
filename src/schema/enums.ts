import { registerEnumType } from "type-graphql";

export enum Role { ADMIN = "ADMIN", SUPERVISOR = "SUPERVISOR", AGENT = "AGENT", INTEGRATOR = "INTEGRATOR" }
export enum ChannelType { WHATSAPP = "WHATSAPP", EMAIL = "EMAIL", WEB = "WEB", PHONE = "PHONE" }
export enum Priority { LOW = "LOW", MEDIUM = "MEDIUM", HIGH = "HIGH", URGENT = "URGENT" }
export enum AgentAvailability { ONLINE = "ONLINE", AWAY = "AWAY", OFFLINE = "OFFLINE" }

registerEnumType(Role, { name: "Role" });
registerEnumType(ChannelType, { name: "ChannelType" });
registerEnumType(Priority, { name: "Priority" });
registerEnumType(AgentAvailability, { name: "AgentAvailability" });

/** Roles that may read personal data (contract: ADMIN, SUPERVISOR and AGENT of the same tenant). */
export const STAFF_ROLES = [Role.ADMIN, Role.SUPERVISOR, Role.AGENT] as const;
export const PRIORITY_RANK: Record<Priority, number> = { URGENT: 4, HIGH: 3, MEDIUM: 2, LOW: 1 };

export enum DocumentType { CPF = "CPF", CNPJ = "CNPJ" }
export enum TicketStatus { OPEN = "OPEN", RESOLVED = "RESOLVED", ESCALATED = "ESCALATED", CLOSED = "CLOSED" }
registerEnumType(DocumentType, { name: "DocumentType" });
registerEnumType(TicketStatus, { name: "TicketStatus" });

// LGPD (Lei 13.709/2018): consent purposes and data-subject requests (Art. 18).
export enum ConsentPurpose { WHATSAPP_CONTACT = "WHATSAPP_CONTACT", MARKETING = "MARKETING", AI_PROCESSING = "AI_PROCESSING", DATA_SHARING = "DATA_SHARING" }
export enum DataSubjectRequestType { ACCESS = "ACCESS", EXPORT = "EXPORT", DELETION = "DELETION", RECTIFICATION = "RECTIFICATION" }
export enum DataSubjectRequestStatus { PENDING = "PENDING", APPROVED = "APPROVED", REJECTED = "REJECTED", COMPLETED = "COMPLETED" }
registerEnumType(ConsentPurpose, { name: "ConsentPurpose" });
registerEnumType(DataSubjectRequestType, { name: "DataSubjectRequestType" });
registerEnumType(DataSubjectRequestStatus, { name: "DataSubjectRequestStatus" });
