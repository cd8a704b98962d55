import { registerEnumType } from "type-graphql";

// LGPD completed (issue 18): notices to the data subject, security incidents, records of processing.

/** The step of a data-subject request the subject is told about. */
export enum SubjectNotificationEvent { RECEIVED = "RECEIVED", APPROVED = "APPROVED", COMPLETED = "COMPLETED", REJECTED = "REJECTED" }
/** Where the notice is: QUEUED until the channel takes it; SKIPPED when the subject has no channel. */
export enum SubjectNotificationStatus { QUEUED = "QUEUED", SENT = "SENT", DELIVERED = "DELIVERED", READ = "READ", FAILED = "FAILED", SKIPPED = "SKIPPED" }
registerEnumType(SubjectNotificationEvent, { name: "SubjectNotificationEvent" });
registerEnumType(SubjectNotificationStatus, { name: "SubjectNotificationStatus" });

export enum IncidentStatus { OPEN = "OPEN", CONTAINED = "CONTAINED", NOTIFIED = "NOTIFIED", CLOSED = "CLOSED" }
export enum IncidentSeverity { LOW = "LOW", MEDIUM = "MEDIUM", HIGH = "HIGH", CRITICAL = "CRITICAL" }
registerEnumType(IncidentStatus, { name: "IncidentStatus" });
registerEnumType(IncidentSeverity, { name: "IncidentSeverity" });

export enum ExportFormat { JSON = "JSON", HTML = "HTML" }
registerEnumType(ExportFormat, { name: "ExportFormat" });
