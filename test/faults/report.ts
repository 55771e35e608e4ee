import { appendFileSync } from 'node:fs';
import { type RequestRecord, tally } from './load.ts';

/** One fault's figures, as `npm run faults` prints them. */
export interface FaultFigures {
  readonly fault: string;
  readonly sent: number;
  readonly answered: number;
  readonly partial: number;
  readonly failed: number;
  /** Refused connections (a stopped listener: a load balancer sends them elsewhere); not failures. */
  readonly refused: number;
  /** Writes acknowledged and then not found: must be 0. */
  readonly lostWrites: number;
  /** From the fault's end (restart, reconnection) to the first full answer, in seconds; null when not applicable. */
  readonly recoverySeconds: number | null;
  readonly notes?: string;
}

/** The figures of a fault from its request records. */
export function figures(fault: string, records: readonly RequestRecord[], extra: { lostWrites?: number; recoverySeconds?: number | null; notes?: string } = {}): FaultFigures {
  const t = tally(records);
  return {
    fault,
    sent: t.sent,
    answered: t.answered,
    partial: t.partial,
    failed: t.failed,
    refused: t.refused,
    lostWrites: extra.lostWrites ?? 0,
    recoverySeconds: extra.recoverySeconds === undefined || extra.recoverySeconds === null ? null : Math.round(extra.recoverySeconds * 100) / 100,
    notes: extra.notes,
  };
}

/** Appends a fault's figures to the report file `npm run faults` reads (FAULT_REPORT), when there is one. */
export function report(entry: FaultFigures): void {
  const file = process.env.FAULT_REPORT;
  if (file) appendFileSync(file, `${JSON.stringify(entry)}\n`);
}
