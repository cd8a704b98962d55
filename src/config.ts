import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { z } from "zod";
import { boolish, OPS_VARIABLES, opsConfig, opsProblems, type OpsConfig } from "./config-ops";

export { loadDotEnv } from "./config-ops";

/**
 * Every environment variable the platform reads, validated once at boot.
 * Variables listed in SECRET_KEYS are never logged (see `redactedConfig`).
 */
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** Loopback unless told otherwise: Docker sets HOST=0.0.0.0. */
  HOST: z.string().min(1).default("127.0.0.1"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  /** Prefix for Redis keys and channels, so several deployments can share one Redis. */
  REDIS_PREFIX: z.string().regex(/^[\w:.-]*$/).default("atende"),
  JWT_SECRET: z.string().min(32, "precisa ter pelo menos 32 caracteres").optional(),
  ENCRYPTION_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, "precisa ser 32 bytes em hexadecimal (64 caracteres)")
    .optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
  /**
   * Credential checks are cached in process this long (0 = read the database on every
   * request). Revocation events drop them at once; this bounds a lost event.
   */
  AUTH_CACHE_SECONDS: z.coerce.number().min(0).max(60).default(5),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  LOGIN_MAX_FAILURES_PER_HOUR: z.coerce.number().int().min(1).default(100),
  /** BullMQ job lock: a job of a crashed worker runs again after this. */
  JOB_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  WS_INIT_TIMEOUT_MS: z.coerce.number().int().min(100).default(3_000),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: z.url().optional(),
  OPENAI_MODEL: z.string().min(1).default("gpt-4o-mini"),
  OPENAI_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  /** Speech-to-text model for WhatsApp voice notes; "off" disables transcription. */
  OPENAI_TRANSCRIPTION_MODEL: z.string().default("whisper-1"),
  /** JSON map model → { input, output } BRL per million tokens; merged over the built-in table. */
  AI_PRICES_BRL: z.string().optional(),
  UPLOAD_MAX_BYTES: z.coerce.number().int().min(1024).default(10 * 1024 * 1024),
  OCR_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  S3_BUCKET: z.string().optional(),
  S3_REGION: z.string().default("us-east-1"),
  S3_ENDPOINT: z.url().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: boolish.optional(),
  WEBHOOK_BODY_LIMIT: z.string().regex(/^\d+(kb|mb)$/i).default("25mb"),
  /** Lets tenant-given URLs point at private, loopback and link-local addresses (on-premises deployments, tests). */
  ALLOW_PRIVATE_URLS: boolish.default(false),
  /** Public base URL of this deployment (e.g. https://atende.loja.com.br): providers' webhooks are registered on it. */
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** After rotateWebhookSecret the previous secret keeps working this long (default 24 h). */
  WEBHOOK_SECRET_GRACE_SECONDS: z.coerce.number().int().min(0).max(30 * 86_400).default(86_400),
  // --- security limits (README "Security"): every window is fixed, counters live in Redis when configured
  /** "false" switches the request rate limits off (the test suite); failed-login limits per account stay on. */
  RATE_LIMITS: boolish.default(true),
  RATE_LIMIT_IP_PER_10S: z.coerce.number().int().min(1).default(1000),
  RATE_LIMIT_PRINCIPAL_PER_10S: z.coerce.number().int().min(1).default(100),
  RATE_LIMIT_SIGNUPS_PER_IP_PER_HOUR: z.coerce.number().int().min(1).default(10),
  RATE_LIMIT_LOGIN_FAILURES_PER_IP_PER_15MIN: z.coerce.number().int().min(1).default(30),
  RATE_LIMIT_REFRESH_PER_IP_PER_15MIN: z.coerce.number().int().min(1).default(300),
  /** createApiKey, createUser, resetUserPassword, changeUserRole: per caller and action. */
  RATE_LIMIT_SENSITIVE_PER_HOUR: z.coerce.number().int().min(1).default(30),
  TOTP_MAX_FAILURES_PER_15MIN: z.coerce.number().int().min(1).default(10),
  WS_MAX_PAYLOAD_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
  WS_MAX_CONNECTIONS_PER_IP: z.coerce.number().int().min(1).default(200),
  WS_MAX_CONNECTIONS_PER_USER: z.coerce.number().int().min(1).default(10),
  WS_CONNECTIONS_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  WS_MAX_SUBSCRIPTIONS_PER_SOCKET: z.coerce.number().int().min(1).default(50),
  /** Open sockets re-check their credentials at least this often (besides revocation events and token expiry). */
  WS_REVALIDATE_SECONDS: z.coerce.number().int().min(1).default(60),
  QUERY_MAX_COST: z.coerce.number().int().min(100).default(100_000),
  /** Assumed size of lists that take no `first` (notes, comments, queue). */
  QUERY_UNPAGED_LIST_SIZE: z.coerce.number().int().min(1).default(10),
  RESPONSE_MAX_FIELDS: z.coerce.number().int().min(10).default(200_000),
  /** Longer inbound texts (webhooks) are truncated; longer API inputs are refused. WhatsApp's own limit. */
  INBOUND_TEXT_MAX_CHARS: z.coerce.number().int().min(100).default(4096),
  PASSWORD_RESET_TTL_HOURS: z.coerce.number().int().min(1).max(168).default(24),
  ...OPS_VARIABLES,
  /** Public CNPJ sources tried in order: names (brasilapi, receitaws, cnpja), each optionally `=baseUrl`; "none" disables lookups. */
  CNPJ_SOURCES: z.string().default("brasilapi,receitaws,cnpja"),
  /** How long a CNPJ lookup stays fresh in the cache. */
  CNPJ_CACHE_HOURS: z.coerce.number().min(0).max(24 * 365).default(168),
  CNPJ_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  /** Web chat abuse limits: new conversations per IP per hour, messages per visitor and per IP per minute, characters per message. */
  WEB_CHAT_SESSIONS_PER_IP_PER_HOUR: z.coerce.number().int().min(1).default(20),
  WEB_CHAT_MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  WEB_CHAT_MESSAGES_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  WEB_CHAT_MAX_TEXT: z.coerce.number().int().min(100).max(20_000).default(2000),
  /** How long a visitor's token (kept by the widget) stays valid. */
  WEB_CHAT_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** How often e-mail inboxes with IMAP are polled. */
  EMAIL_POLL_INTERVAL_MS: z.coerce.number().int().min(1000).default(60_000),
  /** The platform's own mail (sign-up notices): smtp(s)://user:password@host:port; none = no platform mail. */
  PLATFORM_SMTP_URL: z.string().regex(/^smtps?:\/\//, "use smtp:// ou smtps://").optional(),
  PLATFORM_MAIL_FROM: z.string().default("Atende <nao-responda@atende.local>"),
  /** Tenants (ids, comma-separated) whose AI provider and tools may use private addresses (e.g. Ollama on the LAN). */
  ALLOW_PRIVATE_URLS_TENANTS: z.string().default(""),
  /** A tenant's triage model is retrained once this many new corrected examples arrived… */
  TRIAGE_RETRAIN_MIN_EXAMPLES: z.coerce.number().int().min(1).max(10_000).default(20),
  /** …and at most once per this many seconds. */
  TRIAGE_RETRAIN_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  /** Integrator webhooks: delays (ms, comma-separated) between a failed attempt and the next; default ≈ 1 day in 8 attempts. */
  WEBHOOK_RETRY_DELAYS_MS: z.string().regex(/^\d+(,\d+)*$/, "lista de milissegundos separados por vírgula").default("5000,300000,1800000,7200000,18000000,36000000,36000000"),
  /** A subscription whose deliveries failed for good this many times in a row is disabled (audited). */
  WEBHOOK_DISABLE_AFTER_FAILURES: z.coerce.number().int().min(1).max(1000).default(3),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** How often due follow-ups and webhook deliveries are picked from the database (jobs lost with a process, embedded restarts). */
  SCHEDULED_SWEEP_MS: z.coerce.number().int().min(100).default(30_000),
  /** A CSAT/NPS question not answered within this many hours expires (later replies are normal messages). */
  SURVEY_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(24),
  /** How long a signed download link of an analytics export works. */
  EXPORT_URL_TTL_SECONDS: z.coerce.number().int().min(1).max(7 * 86_400).default(3600),
  /** How often scheduled reports are checked for being due. */
  REPORTS_SWEEP_INTERVAL_MS: z.coerce.number().int().min(1000).default(300_000),
  REPORTS_MAIL_FROM: z.email().default("relatorios@atende.local"),
});

export const SECRET_KEYS = [
  "METRICS_TOKEN",
  "DATABASE_URL",
  "REDIS_URL",
  "JWT_SECRET",
  "ENCRYPTION_KEY",
  "OPENAI_API_KEY",
  "S3_ACCESS_KEY_ID",
  "S3_SECRET_ACCESS_KEY",
  "PLATFORM_SMTP_URL",
] as const;

export interface Config {
  env: "development" | "production" | "test";
  port: number;
  host: string;
  logLevel: string;
  dataDir: string;
  database: { url?: string; poolSize: number; runMigrations: boolean };
  redis: { url?: string; prefix: string };
  auth: {
    jwtSecret: string;
    accessTokenTtlSeconds: number;
    authCacheMs: number;
    refreshTokenTtlDays: number;
    loginMaxFailuresPerHour: number;
  };
  encryptionKey: Buffer;
  shutdownTimeoutMs: number;
  jobLockMs: number;
  wsInitTimeoutMs: number;
  openai: { apiKey?: string; baseUrl?: string; model: string; timeoutMs: number; transcriptionModel: string | null };
  aiPricesBrl: Record<string, { input: number; output: number }>;
  uploads: { maxBytes: number };
  ocr: { workers?: number };
  s3?: { bucket: string; region: string; endpoint?: string; accessKeyId?: string; secretAccessKey?: string; forcePathStyle: boolean };
  webhookBodyLimit: string;
  /** SSRF guard switch for tenant-given URLs (see infra/url-guard.ts). */
  allowPrivateUrls: boolean;
  /** Public base URL without a trailing slash; null when not configured. */
  publicUrl: string | null;
  webhookSecretGraceSeconds: number;
  /** Operations: version, jobs, migrations at start, metrics, tracing, CORS (see config-ops.ts). */
  ops: OpsConfig;
  webChat: { sessionsPerIpPerHour: number; messagesPerMinute: number; messagesPerIpPerMinute: number; maxText: number; tokenTtlDays: number };
  /** E-mail polling; the platform's own SMTP (PLATFORM_SMTP_URL: sign-up notices, reports of tenants without an e-mail inbox). */
  email: { pollIntervalMs: number; platformSmtp: PlatformSmtp | null; platformFrom: string };
  /** CNPJ lookup (CRM): ordered public sources, cache freshness, per-source timeout. */
  cnpj: { sources: CnpjSourceConfig[]; cacheHours: number; timeoutMs: number };
  limits: SecurityLimits;
  /** Tenants allowed to reach private addresses even when allowPrivateUrls is off. */
  privateUrlTenants: string[];
  triageLearning: { minExamples: number; intervalMs: number };
  /** Integrator webhooks: retry delays (ms; attempts = length + 1), given-up deliveries before disabling, request timeout. */
  webhooks: { retryDelaysMs: number[]; disableAfterFailures: number; timeoutMs: number };
  /** Follow-ups and surveys: the sweep of due rows, how long a survey waits for its answer. */
  followUps: { sweepMs: number; surveyTtlHours: number };
  /** Exports' link lifetime; scheduled reports' sweep and their SMTP when the tenant has no e-mail inbox. */
  analytics: { exportUrlTtlSeconds: number; reportSweepMs: number; reportMailFrom: string };
}

export interface PlatformSmtp { host: string; port: number; secure: boolean; user: string | null; password: string | null }

function parseSmtpUrl(raw: string | undefined): PlatformSmtp | null {
  if (!raw) return null;
  const u = new URL(raw);
  const secure = u.protocol === "smtps:";
  return { host: u.hostname, port: Number(u.port) || (secure ? 465 : 587), secure, user: u.username ? decodeURIComponent(u.username) : null, password: u.password ? decodeURIComponent(u.password) : null };
}

export type CnpjSourceName = "brasilapi" | "receitaws" | "cnpja";
export interface CnpjSourceConfig { name: CnpjSourceName; baseUrl: string }

/** Where each public CNPJ source answers `GET {baseUrl}/{cnpj}`. */
export const CNPJ_SOURCE_URLS: Record<CnpjSourceName, string> = {
  brasilapi: "https://brasilapi.com.br/api/cnpj/v1",
  receitaws: "https://receitaws.com.br/v1/cnpj",
  cnpja: "https://open.cnpja.com/office",
};

function parseCnpjSources(raw: string): CnpjSourceConfig[] {
  if (raw.trim().toLowerCase() === "none") return [];
  return raw.split(",").map((s) => s.trim()).filter(Boolean).map((entry) => {
    const [name, ...rest] = entry.split("=");
    const key = name!.trim().toLowerCase() as CnpjSourceName;
    if (!(key in CNPJ_SOURCE_URLS)) throw new ConfigError(`Configuração inválida:\n  CNPJ_SOURCES: fonte desconhecida "${name}" (use ${Object.keys(CNPJ_SOURCE_URLS).join(", ")} ou none)`);
    const url = rest.join("=").trim() || CNPJ_SOURCE_URLS[key];
    if (!/^https?:\/\/[^\s]+$/.test(url)) throw new ConfigError(`Configuração inválida:\n  CNPJ_SOURCES: URL inválida para ${key}`);
    return { name: key, baseUrl: url.replace(/\/+$/, "") };
  });
}

/** Request, WebSocket, query and input limits (README "Security"). */
export interface SecurityLimits {
  rateLimits: boolean;
  ipPer10s: number;
  principalPer10s: number;
  signupsPerIpPerHour: number;
  loginFailuresPerIpPer15Min: number;
  refreshPerIpPer15Min: number;
  sensitivePerHour: number;
  totpFailuresPer15Min: number;
  wsMaxPayloadBytes: number;
  wsMaxConnectionsPerIp: number;
  wsMaxConnectionsPerUser: number;
  wsConnectionsPerIpPerMinute: number;
  wsMaxSubscriptionsPerSocket: number;
  wsRevalidateSeconds: number;
  queryMaxCost: number;
  queryUnpagedListSize: number;
  responseMaxFields: number;
  inboundTextMaxChars: number;
  passwordResetTtlHours: number;
}

export class ConfigError extends Error {}

/** BRL per million tokens; an estimate for cost reporting, overridable with AI_PRICES_BRL. */
const DEFAULT_PRICES: Config["aiPricesBrl"] = {
  "gpt-4o-mini": { input: 0.85, output: 3.4 },
  "gpt-4o": { input: 14, output: 56 },
  "gpt-4.1-mini": { input: 2.3, output: 9 },
  "gpt-4.1": { input: 11, output: 45 },
  rules: { input: 0, output: 0 },
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(stripEmpty(env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Configuração inválida:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === "production";
  if (production && !e.JWT_SECRET) throw new ConfigError("Configuração inválida:\n  JWT_SECRET: obrigatório em produção");
  if (production && !e.ENCRYPTION_KEY) throw new ConfigError("Configuração inválida:\n  ENCRYPTION_KEY: obrigatório em produção");
  const problems = opsProblems(e);
  if (problems.length) throw new ConfigError(`Configuração inválida:\n${problems.map((p) => `  ${p}`).join("\n")}`);

  const dataDir = path.resolve(e.DATA_DIR);
  // Embedded mode: keys are generated on first start and kept in DATA_DIR so that
  // `npm start` needs no configuration and tokens/secrets survive restarts.
  const keys = !e.JWT_SECRET || !e.ENCRYPTION_KEY ? loadOrCreateLocalKeys(dataDir) : undefined;

  let prices = DEFAULT_PRICES;
  if (e.AI_PRICES_BRL) {
    try {
      prices = { ...DEFAULT_PRICES, ...z.record(z.string(), z.object({ input: z.number(), output: z.number() })).parse(JSON.parse(e.AI_PRICES_BRL)) };
    } catch {
      throw new ConfigError("Configuração inválida:\n  AI_PRICES_BRL: JSON no formato {\"modelo\": {\"input\": n, \"output\": n}}");
    }
  }
  const s3 = e.S3_BUCKET
    ? { bucket: e.S3_BUCKET, region: e.S3_REGION, endpoint: e.S3_ENDPOINT, accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY, forcePathStyle: e.S3_FORCE_PATH_STYLE ?? Boolean(e.S3_ENDPOINT) }
    : undefined;

  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    dataDir,
    database: {
      url: e.DATABASE_URL,
      poolSize: e.DATABASE_POOL_SIZE,
      runMigrations: e.MIGRATE_ON_START ?? e.MIGRATIONS_RUN ?? !e.DATABASE_URL,
    },
    redis: { url: e.REDIS_URL, prefix: e.REDIS_PREFIX },
    auth: {
      jwtSecret: e.JWT_SECRET ?? keys!.jwtSecret,
      accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
      authCacheMs: e.AUTH_CACHE_SECONDS * 1000,
      refreshTokenTtlDays: e.REFRESH_TOKEN_TTL_DAYS,
      loginMaxFailuresPerHour: e.LOGIN_MAX_FAILURES_PER_HOUR,
    },
    encryptionKey: Buffer.from(e.ENCRYPTION_KEY ?? keys!.encryptionKey, "hex"),
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    jobLockMs: e.JOB_LOCK_MS,
    wsInitTimeoutMs: e.WS_INIT_TIMEOUT_MS,
    openai: { apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL, model: e.OPENAI_MODEL, timeoutMs: e.OPENAI_TIMEOUT_MS, transcriptionModel: e.OPENAI_TRANSCRIPTION_MODEL.trim().toLowerCase() === "off" ? null : e.OPENAI_TRANSCRIPTION_MODEL.trim() },
    aiPricesBrl: prices,
    uploads: { maxBytes: e.UPLOAD_MAX_BYTES },
    ocr: { workers: e.OCR_WORKERS },
    s3,
    webhookBodyLimit: e.WEBHOOK_BODY_LIMIT,
    allowPrivateUrls: e.ALLOW_PRIVATE_URLS,
    publicUrl: e.PUBLIC_URL ? e.PUBLIC_URL.replace(/\/+$/, "") : null,
    webhookSecretGraceSeconds: e.WEBHOOK_SECRET_GRACE_SECONDS,
    limits: {
      rateLimits: e.RATE_LIMITS,
      ipPer10s: e.RATE_LIMIT_IP_PER_10S,
      principalPer10s: e.RATE_LIMIT_PRINCIPAL_PER_10S,
      signupsPerIpPerHour: e.RATE_LIMIT_SIGNUPS_PER_IP_PER_HOUR,
      loginFailuresPerIpPer15Min: e.RATE_LIMIT_LOGIN_FAILURES_PER_IP_PER_15MIN,
      refreshPerIpPer15Min: e.RATE_LIMIT_REFRESH_PER_IP_PER_15MIN,
      sensitivePerHour: e.RATE_LIMIT_SENSITIVE_PER_HOUR,
      totpFailuresPer15Min: e.TOTP_MAX_FAILURES_PER_15MIN,
      wsMaxPayloadBytes: e.WS_MAX_PAYLOAD_BYTES,
      wsMaxConnectionsPerIp: e.WS_MAX_CONNECTIONS_PER_IP,
      wsMaxConnectionsPerUser: e.WS_MAX_CONNECTIONS_PER_USER,
      wsConnectionsPerIpPerMinute: e.WS_CONNECTIONS_PER_IP_PER_MINUTE,
      wsMaxSubscriptionsPerSocket: e.WS_MAX_SUBSCRIPTIONS_PER_SOCKET,
      wsRevalidateSeconds: e.WS_REVALIDATE_SECONDS,
      queryMaxCost: e.QUERY_MAX_COST,
      queryUnpagedListSize: e.QUERY_UNPAGED_LIST_SIZE,
      responseMaxFields: e.RESPONSE_MAX_FIELDS,
      inboundTextMaxChars: e.INBOUND_TEXT_MAX_CHARS,
      passwordResetTtlHours: e.PASSWORD_RESET_TTL_HOURS,
    },
    ops: opsConfig(e),
    cnpj: { sources: parseCnpjSources(e.CNPJ_SOURCES), cacheHours: e.CNPJ_CACHE_HOURS, timeoutMs: e.CNPJ_TIMEOUT_MS },
    webChat: {
      sessionsPerIpPerHour: e.WEB_CHAT_SESSIONS_PER_IP_PER_HOUR,
      messagesPerMinute: e.WEB_CHAT_MESSAGES_PER_MINUTE,
      messagesPerIpPerMinute: e.WEB_CHAT_MESSAGES_PER_IP_PER_MINUTE,
      maxText: e.WEB_CHAT_MAX_TEXT,
      tokenTtlDays: e.WEB_CHAT_TOKEN_TTL_DAYS,
    },
    email: { pollIntervalMs: e.EMAIL_POLL_INTERVAL_MS, platformSmtp: parseSmtpUrl(e.PLATFORM_SMTP_URL), platformFrom: e.PLATFORM_MAIL_FROM },
    privateUrlTenants: e.ALLOW_PRIVATE_URLS_TENANTS.split(",").map((t) => t.trim()).filter(Boolean),
    triageLearning: { minExamples: e.TRIAGE_RETRAIN_MIN_EXAMPLES, intervalMs: e.TRIAGE_RETRAIN_INTERVAL_SECONDS * 1000 },
    webhooks: { retryDelaysMs: e.WEBHOOK_RETRY_DELAYS_MS.split(",").map(Number), disableAfterFailures: e.WEBHOOK_DISABLE_AFTER_FAILURES, timeoutMs: e.WEBHOOK_TIMEOUT_MS },
    followUps: { sweepMs: e.SCHEDULED_SWEEP_MS, surveyTtlHours: e.SURVEY_TTL_HOURS },
    analytics: { exportUrlTtlSeconds: e.EXPORT_URL_TTL_SECONDS, reportSweepMs: e.REPORTS_SWEEP_INTERVAL_MS, reportMailFrom: e.REPORTS_MAIL_FROM },
  };
}

/** The config with secrets replaced, safe to log. */
export function redactedConfig(config: Config): Record<string, unknown> {
  return {
    env: config.env,
    port: config.port,
    host: config.host,
    dataDir: config.dataDir,
    database: config.database.url ? "postgres (DATABASE_URL)" : "embedded PGlite",
    redis: config.redis.url ? "redis (REDIS_URL)" : "in-process",
    openai: config.openai.apiKey ? { baseUrl: config.openai.baseUrl ?? "default", model: config.openai.model } : "offline rules",
    storage: config.s3 ? `s3://${config.s3.bucket}` : "local files",
  };
}

function stripEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== "") out[k] = v;
  return out;
}

function loadOrCreateLocalKeys(dataDir: string): { jwtSecret: string; encryptionKey: string } {
  const file = path.join(dataDir, "secrets.json");
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8"));
  fs.mkdirSync(dataDir, { recursive: true });
  const keys = { jwtSecret: crypto.randomBytes(48).toString("base64url"), encryptionKey: crypto.randomBytes(32).toString("hex") };
  // wx: two processes starting together must not overwrite each other's keys.
  try {
    fs.writeFileSync(file, JSON.stringify(keys), { mode: 0o600, flag: "wx" });
    return keys;
  } catch {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  }
}
