import { registerEnumType } from "type-graphql";

export enum SurveyKind { CSAT = "CSAT", NPS = "NPS" }
export enum SurveyStatus { SENT = "SENT", ANSWERED = "ANSWERED", EXPIRED = "EXPIRED" }
export enum FollowUpStatus { SCHEDULED = "SCHEDULED", SENT = "SENT", CANCELLED = "CANCELLED", FAILED = "FAILED" }
export enum WebhookDeliveryStatus { PENDING = "PENDING", SUCCEEDED = "SUCCEEDED", FAILED = "FAILED" }

registerEnumType(SurveyKind, { name: "SurveyKind" });
registerEnumType(SurveyStatus, { name: "SurveyStatus", description: "SENT: aguardando a resposta; EXPIRED: não respondida no prazo." });
registerEnumType(FollowUpStatus, { name: "FollowUpStatus" });
registerEnumType(WebhookDeliveryStatus, { name: "WebhookDeliveryStatus", description: "PENDING: aguardando tentativa ou nova tentativa; FAILED: desistimos após todas as tentativas." });
