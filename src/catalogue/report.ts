import type { CatalogueImportReport } from './import';
import type { Resolution } from './resolve';
import type { RowDefect } from './rows';

/**
 * The import's report as text lines: what stdout shows. A dry run lists every row by outcome
 * (matched, ambiguous, new) for review; a write lists the matched and ambiguous rows and counts
 * the new ones. Defects come first, each with its line, code and rule.
 */

function defectLine(defect: RowDefect): string {
  return `  line ${defect.line}${defect.code === '' ? '' : ` ${defect.code}`}: ${defect.defect} (${defect.rule}) ${defect.message}`;
}

function rowLabel(resolution: Resolution): string {
  const { row } = resolution;
  return `line ${row.line} ${row.code} ${row.name} (${row.province.name}, ${row.type})`;
}

export function reportLines(report: CatalogueImportReport, options: { listNew: boolean }): string[] {
  const lines: string[] = [];
  const rejects = report.defects.filter((d) => d.rule === 'REJECT');
  const flags = report.defects.filter((d) => d.rule === 'FLAG');
  if (rejects.length > 0) {
    lines.push(`defects that refuse the file (${rejects.length}); nothing was written:`);
    lines.push(...rejects.map(defectLine));
  }
  if (flags.length > 0) {
    lines.push(`defects loaded with a quality flag (${flags.length}):`);
    lines.push(...flags.map(defectLine));
  }
  if (report.status === 'DEFECTIVE') {
    lines.push(`status: DEFECTIVE (${rejects.length} defect(s) to fix in ${report.file})`);
    return lines;
  }
  const by = (outcome: Resolution['outcome']): Resolution[] => report.resolutions.filter((r) => r.outcome === outcome);
  const matched = by('MATCHED');
  const ambiguous = by('AMBIGUOUS');
  const fresh = by('NEW');
  lines.push(`matched (${matched.length}): written onto the graph's zone`);
  for (const r of matched) lines.push(`  ${rowLabel(r)} = ${r.target ?? '?'}: ${r.reason}`);
  lines.push(
    `ambiguous (${ambiguous.length}): loaded as a zone of their own, for review (merge with mergeEntities if they are one)`,
  );
  for (const r of ambiguous) {
    lines.push(`  ${rowLabel(r)} as ${r.row.id}: ${r.reason}`);
    for (const c of r.candidates) lines.push(`    ? ${c.zone.id} ${c.zone.name}: ${c.verdict} ${c.reason}`);
  }
  const apart = report.resolutions.flatMap((r) =>
    r.candidates.filter((c) => c.verdict === 'KEPT_APART').map((c) => ({ r, c })),
  );
  lines.push(`kept apart (${apart.length}): similar names, different zones`);
  for (const { r, c } of apart) lines.push(`  ${rowLabel(r)} ≠ ${c.zone.id} ${c.zone.name}: ${c.reason}`);
  lines.push(`new (${fresh.length}): zones the graph does not hold yet`);
  if (options.listNew) for (const r of fresh) lines.push(`  ${rowLabel(r)} as ${r.row.id}`);
  lines.push(`graph zones no row matched (${report.unmatched.length}): kept as they are`);
  for (const zone of report.unmatched) lines.push(`  ${zone.id} ${zone.name}`);
  if (report.merges.length > 0) {
    lines.push(`merged (${report.merges.length}):`);
    for (const m of report.merges) lines.push(`  ${m.merge} into ${m.keep}`);
  }
  if (report.skippedRelations.length > 0) {
    lines.push(
      `relations the graph already states from another source, left as they are (${report.skippedRelations.length}):`,
    );
    for (const s of report.skippedRelations) lines.push(`  ${s.type} ${s.from} → ${s.to}`);
  }
  const result = report.result;
  if (result !== null) {
    if (result.issues.length > 0) {
      lines.push(`the write path refused the batch (${result.issues.length} issue(s)); nothing was written:`);
      for (const issue of result.issues) lines.push(`  ${issue.path}: ${issue.code} ${issue.message}`);
    }
    const c = result.counts;
    lines.push(
      `status: ${result.status}; ${c.sources} source, ${c.entities} entities, ${c.facts} facts, ${c.relations} relations, ` +
        `${c.evidence} evidence spans; chunks written ${result.chunksApplied}, skipped ${result.chunksSkipped}; ` +
        `matched ${matched.length}, ambiguous ${ambiguous.length}, new ${fresh.length}; ` +
        `key ${result.idempotencyKey}; ${(report.elapsedMs / 1000).toFixed(1)} s`,
    );
  }
  return lines;
}
