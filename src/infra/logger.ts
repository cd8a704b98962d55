import pino, { type Logger } from "pino";

export type { Logger };

/**
 * JSON lines, or human-readable lines (pino-pretty, a dev dependency) when `pretty`
 * is asked for and installed: the entry points ask for it in development on a terminal.
 */
export function createLogger(level: string, opts: { pretty?: boolean } = {}): Logger {
  return pino({
    ...(opts.pretty && prettyAvailable() ? { transport: { target: "pino-pretty", options: { translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname,service" } } } : {}),
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

function prettyAvailable(): boolean {
  try {
    require.resolve("pino-pretty");
    return true;
  } catch {
    return false;
  }
}
