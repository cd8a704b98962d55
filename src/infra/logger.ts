import pino, { type Logger } from "pino";

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: "atende" },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Defence in depth: credentials that reach a log line by accident are masked.
    redact: {
      paths: [
        "password", "*.password", "token", "*.token", "refreshToken", "*.refreshToken",
        "accessToken", "*.accessToken", "apiKey", "*.apiKey", "secret", "*.secret",
        "req.headers.authorization", "req.headers.apikey", "headers.authorization",
      ],
      censor: "[redacted]",
    },
  });
}
