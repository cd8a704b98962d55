import type * as OtelApi from "@opentelemetry/api";

/**
 * Optional OpenTelemetry tracing. `startTracing` runs only when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set, before the rest of the app is loaded (the
 * instrumentations patch `http`, `pg`, `graphql` and undici/fetch as they are
 * required); without it nothing of OpenTelemetry is loaded and `traced` is a
 * plain call. Spans: incoming HTTP (continuing an incoming `traceparent`),
 * GraphQL operations, PostgreSQL queries, outgoing HTTP (provider and AI calls),
 * and jobs (`traced` in infra/jobs.ts).
 */
let api: typeof OtelApi | null = null;
let provider: { shutdown(): Promise<void> } | null = null;

/** Paths whose spans are noise: probes and scrapes. */
const UNTRACED = new Set(["/healthz", "/readyz", "/metrics"]);

export async function startTracing(cfg: { endpoint: string; serviceName: string; version: string }): Promise<void> {
  if (provider) return;
  const [otel, { NodeTracerProvider }, { BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }, { registerInstrumentations }, http, pg, graphql, undici] = await Promise.all([
    import("@opentelemetry/api"),
    import("@opentelemetry/sdk-trace-node"),
    import("@opentelemetry/sdk-trace-base"),
    import("@opentelemetry/exporter-trace-otlp-http"),
    import("@opentelemetry/resources"),
    import("@opentelemetry/instrumentation"),
    import("@opentelemetry/instrumentation-http"),
    import("@opentelemetry/instrumentation-pg"),
    import("@opentelemetry/instrumentation-graphql"),
    import("@opentelemetry/instrumentation-undici"),
  ]);
  const tracerProvider = new NodeTracerProvider({
    resource: resourceFromAttributes({ "service.name": cfg.serviceName, "service.version": cfg.version }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${cfg.endpoint}/v1/traces` }))],
  });
  // Global provider, AsyncLocalStorage context and the W3C traceparent propagator.
  tracerProvider.register();
  registerInstrumentations({
    tracerProvider,
    instrumentations: [
      new http.HttpInstrumentation({ ignoreIncomingRequestHook: (req) => UNTRACED.has((req.url ?? "").split("?")[0] ?? "") }),
      new pg.PgInstrumentation({ requireParentSpan: true }),
      new graphql.GraphQLInstrumentation({ ignoreTrivialResolveSpans: true, mergeItems: true }),
      new undici.UndiciInstrumentation(),
    ],
  });
  api = otel;
  provider = tracerProvider;
}

/** Sends the spans still buffered; called last on shutdown. */
export async function stopTracing(): Promise<void> {
  await provider?.shutdown().catch(() => undefined);
  provider = null;
  api = null;
}

/** Runs `fn` inside a span named `name` (a no-op wrapper when tracing is off). */
export function traced<T>(name: string, attributes: Record<string, string | number | boolean>, fn: () => Promise<T>): Promise<T> {
  if (!api) return fn();
  const otel = api;
  return otel.trace.getTracer("atende").startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn();
    } catch (err) {
      span.recordException(err as Error);
      span.setStatus({ code: otel.SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
      throw err;
    } finally {
      span.end();
    }
  });
}
