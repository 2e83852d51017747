/**
 * Exports of what is drawn (hidden and filtered elements are left out): GraphML for Gephi and
 * yEd, JSON for programs, both with every relation's evidence; PNG comes from the canvas.
 */
import type { Model, NodeData } from './model.js';
import { visibleElements } from './model.js';
import type { Evidence, Relation } from './types.js';

function xml(value: string): string {
  return (
    value
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      // Control characters other than tab and newlines are not allowed in XML 1.0.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
  );
}

function evidenceLine(item: Evidence): string {
  const source = [item.source.title ?? '(untitled)', item.source.byline, item.source.publisher]
    .filter((part) => part !== null && part !== '')
    .join(', ');
  return `“${item.quote}” (${source}; paragraph ${item.paragraph + 1}, characters ${item.charStart}–${item.charEnd}; ${item.source.id})`;
}

const NODE_KEYS = [
  ['label', 'name'],
  ['kind', 'kind'],
  ['subtype', 'subtype'],
] as const;

const EDGE_KEYS = [
  ['label', 'type'],
  ['status', 'status'],
  ['role', 'role'],
  ['amount', 'amount'],
  ['date', 'date'],
  ['qualityFlags', 'quality flags'],
  ['evidenceCount', 'evidence count'],
  ['evidence', 'evidence'],
] as const;

function nodeValues(node: NodeData): Record<string, string | null> {
  return { label: node.name, kind: node.kind, subtype: node.subtype };
}

function edgeValues(relation: Relation): Record<string, string | null> {
  return {
    label: relation.type,
    status: relation.status,
    role: relation.role,
    amount: relation.amount?.raw ?? null,
    date: relation.date?.value ?? null,
    qualityFlags: relation.qualityFlags.length > 0 ? relation.qualityFlags.join(', ') : null,
    evidenceCount: String(relation.evidence.length),
    evidence: relation.evidence.map(evidenceLine).join('\n'),
  };
}

function dataLines(values: Record<string, string | null>, prefix: string): string[] {
  return Object.entries(values)
    .filter((entry): entry is [string, string] => entry[1] !== null)
    .map(([key, value]) => `      <data key="${prefix}_${key}">${xml(value)}</data>`);
}

/** The view as GraphML 1.0: one <node> per drawn entity, one directed <edge> per drawn relation. */
export function toGraphml(model: Model): string {
  const { nodes, edges } = visibleElements(model);
  const keys = [
    ...NODE_KEYS.map(([key, name]) => `  <key id="n_${key}" for="node" attr.name="${name}" attr.type="string"/>`),
    ...EDGE_KEYS.map(([key, name]) => `  <key id="e_${key}" for="edge" attr.name="${name}" attr.type="string"/>`),
  ];
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    '    xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...keys,
    '  <graph id="zonegraph" edgedefault="directed">',
    ...nodes.flatMap((node) => [`    <node id="${xml(node.id)}">`, ...dataLines(nodeValues(node), 'n'), '    </node>']),
    ...edges.flatMap((relation) => [
      `    <edge id="${xml(relation.id)}" source="${xml(relation.from.id)}" target="${xml(relation.to.id)}">`,
      ...dataLines(edgeValues(relation), 'e'),
      '    </edge>',
    ]),
    '  </graph>',
    '</graphml>',
    '',
  ];
  return lines.join('\n');
}

/** The view as JSON: entities, and relations with amounts, flags and full evidence. */
export function toJson(model: Model, link: string): string {
  const { nodes, edges } = visibleElements(model);
  const document = {
    format: 'zonegraph-explorer-view',
    version: 1,
    exportedAt: new Date().toISOString(),
    link,
    nodes: nodes.map((node) => ({ id: node.id, kind: node.kind, subtype: node.subtype, name: node.name })),
    edges: edges.map((relation) => ({
      id: relation.id,
      type: relation.type,
      from: relation.from.id,
      to: relation.to.id,
      status: relation.status,
      role: relation.role,
      date: relation.date,
      amount: relation.amount,
      qualityFlags: relation.qualityFlags,
      evidence: relation.evidence,
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
