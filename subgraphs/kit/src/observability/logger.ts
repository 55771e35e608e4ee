import { pino, type DestinationStream, type Logger } from 'pino';
import type { ObservabilityConfig } from './config.ts';

export type { Logger };

/**
 * Paths pino replaces with `[redacted]` wherever they appear in a log object: credentials, the signed identity the
 * gateway forwards, and GraphQL variables (which may hold TRNs). The request logs never include headers or variables
 * in the first place; this is the second line of defence.
 */
export const REDACTED_PATHS = [
  'authorization',
  'headers.authorization',
  'headers.cookie',
  'headers["x-tdg-identity"]',
  'headers["x-tdg-signature"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-tdg-identity"]',
  'variables',
  'body.variables',
  'identity',
  'trn',
];

/**
 * A process's structured logger: JSON lines on stdout (pino) with `service`, ISO time and the level's name, or
 * pino-pretty's human-readable lines when LOG_PRETTY is on (development only; loaded only then). `destination`
 * replaces stdout (tests capture the lines).
 */
export async function createLogger(config: Pick<ObservabilityConfig, 'logLevel' | 'logPretty'>, service: string, destination?: DestinationStream): Promise<Logger> {
  const options = {
    level: config.logLevel,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  if (destination) return pino(options, destination);
  if (config.logPretty) {
    const { default: pretty } = await import('pino-pretty');
    return pino(options, pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' }));
  }
  return pino(options);
}
