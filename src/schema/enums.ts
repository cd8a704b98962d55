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

export enum SessionStatus { ACTIVE = "ACTIVE", WAITING_HUMAN = "WAITING_HUMAN", WITH_AGENT = "WITH_AGENT", CLOSED = "CLOSED" }
export enum MessageDirection { INBOUND = "INBOUND", OUTBOUND = "OUTBOUND" }
export enum MessageSender { CLIENT = "CLIENT", AI = "AI", AGENT = "AGENT", SYSTEM = "SYSTEM" }
export enum MessageType { TEXT = "TEXT", IMAGE = "IMAGE", AUDIO = "AUDIO", VIDEO = "VIDEO", DOCUMENT = "DOCUMENT", LOCATION = "LOCATION", INTERACTIVE = "INTERACTIVE", REACTION = "REACTION", CONTACT = "CONTACT" }
export enum DeliveryStatus { PENDING = "PENDING", SENT = "SENT", DELIVERED = "DELIVERED", READ = "READ", FAILED = "FAILED" }
export enum HandoffStatus { PENDING = "PENDING", ASSIGNED = "ASSIGNED", COMPLETED = "COMPLETED", CANCELLED = "CANCELLED" }
export enum QueueEventKind { CREATED = "CREATED", ASSIGNED = "ASSIGNED", COMPLETED = "COMPLETED", CANCELLED = "CANCELLED", REORDERED = "REORDERED", TRANSFERRED = "TRANSFERRED" }
registerEnumType(SessionStatus, { name: "SessionStatus" });
registerEnumType(MessageDirection, { name: "MessageDirection" });
registerEnumType(MessageSender, { name: "MessageSender" });
registerEnumType(MessageType, { name: "MessageType" });
registerEnumType(DeliveryStatus, { name: "DeliveryStatus" });
registerEnumType(HandoffStatus, { name: "HandoffStatus" });
registerEnumType(QueueEventKind, { name: "QueueEventKind" });

/** Delivery receipts only move forward (FAILED is terminal from any state). */
export const DELIVERY_RANK: Record<DeliveryStatus, number> = { PENDING: 0, SENT: 1, DELIVERED: 2, READ: 3, FAILED: 4 };
// LGPD (Lei 13.709/2018): consent purposes and data-subject requests (Art. 18).
export enum ConsentPurpose { WHATSAPP_CONTACT = "WHATSAPP_CONTACT", MARKETING = "MARKETING", AI_PROCESSING = "AI_PROCESSING", DATA_SHARING = "DATA_SHARING", WEB_CHAT_CONTACT = "WEB_CHAT_CONTACT" }
export enum DataSubjectRequestType { ACCESS = "ACCESS", EXPORT = "EXPORT", DELETION = "DELETION", RECTIFICATION = "RECTIFICATION" }
export enum DataSubjectRequestStatus { PENDING = "PENDING", APPROVED = "APPROVED", REJECTED = "REJECTED", COMPLETED = "COMPLETED" }
registerEnumType(ConsentPurpose, { name: "ConsentPurpose" });
registerEnumType(DataSubjectRequestType, { name: "DataSubjectRequestType" });
registerEnumType(DataSubjectRequestStatus, { name: "DataSubjectRequestStatus" });

export enum InboxProvider { EVOLUTION = "EVOLUTION", WHATSAPP_CLOUD = "WHATSAPP_CLOUD", GENERIC_WEBHOOK = "GENERIC_WEBHOOK", WEB_CHAT = "WEB_CHAT", EMAIL = "EMAIL" }
export enum InboxConnectionState { CONNECTED = "CONNECTED", CONNECTING = "CONNECTING", DISCONNECTED = "DISCONNECTED", UNKNOWN = "UNKNOWN" }
registerEnumType(InboxProvider, { name: "InboxProvider" });
registerEnumType(InboxConnectionState, { name: "InboxConnectionState" });
// Documents and OCR.
export enum DocumentKind { PAYSLIP = "PAYSLIP", UTILITY_BILL = "UTILITY_BILL", CNPJ_CARD = "CNPJ_CARD", OTHER = "OTHER" }
export enum OcrStatus { PENDING = "PENDING", PROCESSING = "PROCESSING", DONE = "DONE", FAILED = "FAILED" }
registerEnumType(DocumentKind, { name: "DocumentKind" });
registerEnumType(OcrStatus, { name: "OcrStatus" });
