import { Column, Entity, Index, JoinColumn, ManyToOne } from "typeorm";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { TenantScopedEntity } from "./tenant-scoped";
import { IncidentSeverity, IncidentStatus } from "../schema/privacy-enums";

/**
 * A security incident involving personal data (LGPD Art. 48; ANPD Resolution
 * CD/ANPD 15/2024): what happened, the data and subjects affected, the measures,
 * and the dates that set and prove the notification deadline.
 */
@ObjectType()
@Entity("security_incidents")
@Index("security_incidents_tenant_aware_idx", ["tenantId", "awareAt"])
export class SecurityIncident extends TenantScopedEntity {
  @Field(() => String) @Column({ type: "text" }) title!: string;
  @Field(() => String) @Column({ type: "text" }) description!: string;

  @Field(() => IncidentStatus)
  @Column({ type: "enum", enum: IncidentStatus, enumName: "incident_status", default: IncidentStatus.OPEN })
  status!: IncidentStatus;

  @Field(() => IncidentSeverity)
  @Column({ type: "enum", enum: IncidentSeverity, enumName: "incident_severity", default: IncidentSeverity.MEDIUM })
  severity!: IncidentSeverity;

  @Field(() => Date, { nullable: true }) @Column({ name: "occurred_at", type: "timestamptz", precision: 3, nullable: true }) occurredAt!: Date | null;
  /** When the controller became aware that the incident affected personal data: the deadline counts from here. */
  @Field(() => Date) @Column({ name: "aware_at", type: "timestamptz", precision: 3 }) awareAt!: Date;
  @Field(() => Date, { nullable: true }) @Column({ name: "contained_at", type: "timestamptz", precision: 3, nullable: true }) containedAt!: Date | null;
  /** 3 business days after awareAt (weekends, national and tenant holidays excluded), end of that day in the tenant's time zone. */
  @Field(() => Date) @Column({ name: "notification_due_at", type: "timestamptz", precision: 3 }) notificationDueAt!: Date;
  @Field(() => Date, { nullable: true }) @Column({ name: "anpd_notified_at", type: "timestamptz", precision: 3, nullable: true }) anpdNotifiedAt!: Date | null;
  @Field(() => Date, { nullable: true }) @Column({ name: "subjects_notified_at", type: "timestamptz", precision: 3, nullable: true }) subjectsNotifiedAt!: Date | null;

  @Field(() => [String]) @Column({ name: "data_categories", type: "jsonb", default: () => "'[]'" }) dataCategories!: string[];
  @Field(() => Boolean) @Column({ name: "sensitive_data", type: "boolean", default: false }) sensitiveData!: boolean;
  @Field(() => String, { nullable: true }) @Column({ type: "text", nullable: true }) measures!: string | null;
  @Field(() => String, { nullable: true }) @Column({ type: "text", nullable: true }) risks!: string | null;
  /** Why the notification went out after the deadline (ANPD asks for it). */
  @Field(() => String, { nullable: true }) @Column({ name: "delay_reason", type: "text", nullable: true }) delayReason!: string | null;

  /** Window searched in the data access logs (default: occurredAt or awareAt … containedAt or now). */
  @Field(() => Date, { nullable: true }) @Column({ name: "access_from", type: "timestamptz", precision: 3, nullable: true }) accessFrom!: Date | null;
  @Field(() => Date, { nullable: true }) @Column({ name: "access_to", type: "timestamptz", precision: 3, nullable: true }) accessTo!: Date | null;
  /** Compromised users and API keys: what they read in the window is what the incident touched. */
  @Field(() => [ID]) @Column({ name: "actor_ids", type: "jsonb", default: () => "'[]'" }) actorIds!: string[];
  @Field(() => [ID]) @Column({ name: "api_key_ids", type: "jsonb", default: () => "'[]'" }) apiKeyIds!: string[];
  /** Subjects known to be affected besides those found in the logs. */
  @Field(() => [ID]) @Column({ name: "client_ids", type: "jsonb", default: () => "'[]'" }) clientIds!: string[];

  @Column({ name: "created_by", type: "uuid", nullable: true }) createdBy!: string | null;

  @Field(() => Int) @Column({ name: "affected_subject_count", type: "int", default: 0 }) affectedSubjectCount!: number;
}

/** One subject affected by an incident, as found when the incident was last recorded. */
@ObjectType("AffectedSubject")
@Entity("security_incident_subjects")
@Index("security_incident_subjects_incident_idx", ["incidentId", "clientId"], { unique: true })
export class SecurityIncidentSubject extends TenantScopedEntity {
  @Column({ name: "incident_id", type: "uuid" }) incidentId!: string;

  @ManyToOne(() => SecurityIncident, { onDelete: "CASCADE" })
  @JoinColumn({ name: "incident_id" })
  incident?: SecurityIncident;

  @Field(() => ID) @Column({ name: "client_id", type: "uuid" }) clientId!: string;
  /** ACCESS_LOG (found in the data access logs) or MANUAL (listed in the incident). */
  @Field(() => String) @Column({ type: "text" }) source!: string;
  @Field(() => Int) @Column({ type: "int", default: 0 }) accesses!: number;
  /** What was read: access-log actions such as client.read, document.read, client.export. */
  @Field(() => [String]) @Column({ type: "jsonb", default: () => "'[]'" }) actions!: string[];
  @Field(() => Date, { nullable: true }) @Column({ name: "first_access_at", type: "timestamptz", precision: 3, nullable: true }) firstAccessAt!: Date | null;
  @Field(() => Date, { nullable: true }) @Column({ name: "last_access_at", type: "timestamptz", precision: 3, nullable: true }) lastAccessAt!: Date | null;
}
