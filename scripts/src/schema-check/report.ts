import type { SchemaCheckReport } from './check.ts';

/** The report for people: what composes, which operations break and why, and every change by criticality. */
export function formatReport(r: SchemaCheckReport): string {
  const lines: string[] = [];
  lines.push(`Schema check of subgraph ${r.subgraph} (${r.mode === 'replace' ? 'replacing its SDL' : 'a new subgraph'}) with ${r.file}`);
  if (!r.composed) {
    lines.push('', `✗ does not compose with the rest of the graph (${r.compositionErrors.length} error${r.compositionErrors.length === 1 ? '' : 's'}):`);
    for (const e of r.compositionErrors) {
      const where = e.locations.map((l) => `${r.file}:${l.line}:${l.column}`).join(', ');
      lines.push(`  ${e.code}: ${e.message}${where ? `  (${where})` : ''}`);
    }
    lines.push('', 'FAILED');
    return lines.join('\n');
  }
  lines.push('', '✓ composes with the rest of the graph');
  lines.push(`${r.operationsChecked} operation${r.operationsChecked === 1 ? '' : 's'} checked`);
  if (r.brokenOperations.length > 0) {
    lines.push('', `✗ ${r.brokenOperations.length} operation${r.brokenOperations.length === 1 ? '' : 's'} broken:`);
    for (const op of r.brokenOperations) {
      lines.push(`  ${op.name} (${op.file})`);
      for (const reason of op.reasons) lines.push(`    - ${reason}`);
    }
  }
  for (const op of r.alreadyInvalid) lines.push(`  note: ${op.name} (${op.file}) is already invalid against the graph: ${op.reasons.join('; ')}`);
  const groups = [
    ['BREAKING', 'Breaking changes'],
    ['DANGEROUS', 'Dangerous changes'],
    ['SAFE', 'Safe changes'],
  ] as const;
  if (r.changes.length === 0) lines.push('', 'No change to the API schema.');
  for (const [level, title] of groups) {
    const changes = r.changes.filter((c) => c.criticality === level);
    if (changes.length === 0) continue;
    lines.push('', `${title} (${changes.length}):`);
    for (const c of changes) lines.push(`  ${c.message}${c.usedBy.length > 0 ? ` — used by ${c.usedBy.join(', ')}` : level === 'BREAKING' ? ' — no operation uses it' : ''}`);
  }
  lines.push('', r.ok ? 'PASSED' : 'FAILED');
  return lines.join('\n');
}
