import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { TracingConfig } from './config.ts';
import { safeOperationName } from './operation-label.ts';

/** Attributes other libraries' spans give the client's operation name (Apollo Gateway's `gateway.request`, `gateway.plan`). */
const OPERATION_NAME_ATTRIBUTES = ['graphql.operation.name', 'operationName'];

/**
 * Hands spans on to `next`, with the client's operation name that Apollo Gateway's own spans carry made safe as in
 * metrics and logs (a run of digits, which could be a TRN, masked; cut to 64 characters).
 */
export class SafeNamesSpanProcessor implements SpanProcessor {
  private readonly next: SpanProcessor;
  constructor(next: SpanProcessor) {
    this.next = next;
  }
  onStart(span: Span, parentContext: Context): void {
    for (const key of OPERATION_NAME_ATTRIBUTES) {
      const value = span.attributes[key];
      if (typeof value === 'string') span.setAttribute(key, safeOperationName(value));
    }
    this.next.onStart(span, parentContext);
  }
  onEnd(span: ReadableSpan): void {
    this.next.onEnd(span);
  }
  forceFlush(): Promise<void> {
    return this.next.forceFlush();
  }
  shutdown(): Promise<void> {
    return this.next.shutdown();
  }
}

export interface RunningTracing {
  /** Exports what is left and stops (on the process's way out). */
  shutdown(): Promise<void>;
}

/**
 * Starts the OpenTelemetry SDK for this process, when tracing is configured: a NodeTracerProvider registered as the
 * global one (AsyncLocalStorage context, W3C traceparent propagation), sampling new traces at `sampleRatio` and
 * following a caller's decision, exporting in batches over OTLP/HTTP (JSON) or printing them (development). Called by
 * the mains only. With tracing off (null) the SDK is not even loaded, and every span the code could ask for is
 * OpenTelemetry's no-op.
 */
export async function startTracing(config: TracingConfig | null, serviceName: string): Promise<RunningTracing | null> {
  if (!config) return null;
  const [{ OTLPTraceExporter }, { resourceFromAttributes }, base, { NodeTracerProvider }, { ATTR_SERVICE_NAME }] = await Promise.all([
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/semantic-conventions'),
  ]);
  const processor =
    config.exporter === 'otlp'
      ? new base.BatchSpanProcessor(new OTLPTraceExporter({ url: config.url }), { scheduledDelayMillis: config.exportDelayMs })
      : new base.SimpleSpanProcessor(new base.ConsoleSpanExporter());
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: config.serviceName ?? serviceName }),
    sampler: new base.ParentBasedSampler({ root: new base.TraceIdRatioBasedSampler(config.sampleRatio) }),
    spanProcessors: [new SafeNamesSpanProcessor(processor)],
  });
  provider.register();
  return { shutdown: () => provider.shutdown() };
}
