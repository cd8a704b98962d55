import { registerEnumType } from "type-graphql";

// CRM (issue 18): leads and the sales pipeline.

export enum LeadSource { WHATSAPP = "WHATSAPP", WEB_CHAT = "WEB_CHAT", EMAIL = "EMAIL", CAMPAIGN = "CAMPAIGN", MANUAL = "MANUAL", API = "API" }
export enum StageKind { OPEN = "OPEN", WON = "WON", LOST = "LOST" }
export enum QualificationFieldType { NUMBER = "NUMBER", MONEY = "MONEY", TEXT = "TEXT", CITY = "CITY", BOOLEAN = "BOOLEAN", CHOICE = "CHOICE" }
export enum CriterionOperator { GTE = "GTE", GT = "GT", LTE = "LTE", LT = "LT", EQ = "EQ", NEQ = "NEQ", IN = "IN", PRESENT = "PRESENT" }
export enum LeadEventKind { CREATED = "CREATED", UPDATED = "UPDATED", STAGE_CHANGED = "STAGE_CHANGED", FIELDS_FILLED = "FIELDS_FILLED", QUALIFIED = "QUALIFIED", CONVERTED = "CONVERTED" }
registerEnumType(LeadSource, { name: "LeadSource" });
registerEnumType(StageKind, { name: "StageKind", description: "OPEN: em andamento; WON: ganho; LOST: perdido" });
registerEnumType(QualificationFieldType, { name: "QualificationFieldType" });
registerEnumType(CriterionOperator, { name: "CriterionOperator" });
registerEnumType(LeadEventKind, { name: "LeadEventKind" });
