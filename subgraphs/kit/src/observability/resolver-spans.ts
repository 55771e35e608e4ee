import { context as otelContext, SpanStatusCode, trace } from '@opentelemetry/api';
import { type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from 'graphql';

const isPromise = (value: unknown): value is Promise<unknown> => typeof (value as { then?: unknown } | null)?.then === 'function';

/**
 * Wraps every resolver the subgraph wrote (fields with their own `resolve`: root fields, `_entities`, computed fields
 * that read through loaders or SQL) so each call is a span `resolve Type.field` with the statements it caused beneath
 * it. Default resolvers (plain properties) are left alone. Only called when tracing is on: with tracing off the schema
 * has no per-field hook at all. No arguments are recorded (they may hold TRNs).
 */
export function traceResolvers(schema: GraphQLSchema): void {
  const tracer = trace.getTracer('tdg');
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      if (!resolve) continue;
      const name = `resolve ${type.name}.${field.name}`;
      const attributes = { 'graphql.field.name': field.name, 'graphql.field.parent_type': type.name };
      const traced: GraphQLFieldResolver<unknown, unknown> = (source, args, context, info) => {
        const span = tracer.startSpan(name, { attributes });
        const end = (failed: boolean) => {
          if (failed) span.setStatus({ code: SpanStatusCode.ERROR });
          span.end();
        };
        let result: unknown;
        try {
          result = otelContext.with(trace.setSpan(otelContext.active(), span), () => resolve(source, args, context, info));
        } catch (error) {
          end(true);
          throw error;
        }
        if (isPromise(result)) return result.then(ok(end), fail(end));
        // `_entities` answers a list of promises: the span lasts until they are all settled.
        if (Array.isArray(result) && result.some(isPromise)) {
          void Promise.allSettled(result).then((all) => end(all.some((r) => r.status === 'rejected')));
          return result;
        }
        end(false);
        return result;
      };
      field.resolve = traced;
    }
  }
}

const ok = (end: (failed: boolean) => void) => (value: unknown) => {
  end(false);
  return value;
};
const fail = (end: (failed: boolean) => void) => (error: unknown) => {
  end(true);
  throw error;
};

