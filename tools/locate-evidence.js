#!/usr/bin/env node
'use strict';

/**
 * Fills and checks the character spans of every evidence quote in the seed batches.
 *
 * Usage:
 *   node tools/locate-evidence.js [--check] [SEED_DIR]
 *
 * SEED_DIR defaults to data/seed beside this tool. Batches are the files of SEED_DIR whose
 * names match NN-*.json; the vocabularies (industries.json, fact-keys.json) are not batches.
 * Curators write only `source` and `quote` in an evidence item; this tool computes `start`,
 * `end` (JavaScript string indices into the source's `text`, end exclusive) and `paragraph`
 * (0-based index among the non-blank lines of that text) and writes them back.
 *
 * Without --check it rewrites the batches (2-space JSON as Prettier prints it, trailing
 * newline, evidence keys in the order source, paragraph, start, end, quote) and fails, writing
 * nothing, if any quote is missing, ambiguous (found more than once with no stored start that
 * picks one) or crosses a paragraph. With --check it writes nothing and fails if any stored
 * span disagrees with the text or if a rewrite would change a file. Both modes also check each
 * source's text and sha256 against its page file in SEED_DIR/sources/, and print one summary
 * line (problems go to stderr, one per line, before it).
 *
 * Plain Node (>= 20), CommonJS, no dependencies, so it runs before `npm install`.
 */

const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');

const BATCH_NAME = /^\d+-.*\.json$/;
const EVIDENCE_KEY_ORDER = ['source', 'paragraph', 'start', 'end', 'quote'];

function parseArgs(argv) {
  const options = { check: false, dir: path.resolve(__dirname, '..', 'data', 'seed') };
  for (const arg of argv) {
    if (arg === '--check') options.check = true;
    else if (arg === '--help' || arg === '-h') options.help = true;
    else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
    else options.dir = path.resolve(arg);
  }
  return options;
}

/** Returns [start, end) of every non-blank line; blank means empty or whitespace only. */
function paragraphSpans(text) {
  const spans = [];
  let lineStart = 0;
  for (;;) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    if (/\S/.test(text.slice(lineStart, lineEnd))) spans.push([lineStart, lineEnd]);
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  return spans;
}

/** Every index at which `quote` occurs in `text`, overlapping occurrences included. */
function occurrences(text, quote) {
  const found = [];
  let from = 0;
  for (;;) {
    const at = text.indexOf(quote, from);
    if (at === -1) return found;
    found.push(at);
    from = at + 1;
  }
}

function paragraphOf(spans, start, end) {
  for (let i = 0; i < spans.length; i += 1) {
    const [pStart, pEnd] = spans[i];
    if (start >= pStart && end <= pEnd) return i;
  }
  return -1;
}

/** Rebuilds an evidence item with its keys in the documented order, extra keys last. */
function orderEvidence(item) {
  const ordered = {};
  for (const key of EVIDENCE_KEY_ORDER) if (key in item) ordered[key] = item[key];
  for (const key of Object.keys(item)) if (!(key in ordered)) ordered[key] = item[key];
  return ordered;
}

// Serialisation matches what Prettier (printWidth 110, see .prettierrc.json) prints for JSON,
// so `npm run check` and `--check` agree: objects always expanded, and an array of plain values
// on one line when it fits, else one value per line. Prettier counts East Asian wide and
// full-width characters as two columns; the ranges below cover those on the seed page.
const PRINT_WIDTH = 110;
const WIDE_RANGES = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x20000, 0x3fffd],
];

function displayWidth(text) {
  let width = 0;
  for (const character of text) {
    const code = character.codePointAt(0);
    width += WIDE_RANGES.some(([low, high]) => code >= low && code <= high) ? 2 : 1;
  }
  return width;
}

function isPlain(value) {
  return value === null || typeof value !== 'object';
}

/**
 * Prints `value` whose first line starts after `lead` columns and is followed by `tail`
 * columns (a comma) on its last line.
 */
function printJson(value, indent, lead, tail) {
  if (isPlain(value)) return JSON.stringify(value);
  const inner = ' '.repeat(indent + 2);
  const close = ' '.repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every(isPlain)) {
      const flat = `[${value.map((item) => JSON.stringify(item)).join(', ')}]`;
      if (lead + displayWidth(flat) + tail <= PRINT_WIDTH) return flat;
    }
    const items = value.map((item, i) => {
      const comma = i < value.length - 1 ? 1 : 0;
      return inner + printJson(item, indent + 2, indent + 2, comma) + (comma ? ',' : '');
    });
    return `[\n${items.join('\n')}\n${close}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  const lines = entries.map(([key, item], i) => {
    const comma = i < entries.length - 1 ? 1 : 0;
    const label = `${JSON.stringify(key)}: `;
    const printed = printJson(item, indent + 2, indent + 2 + displayWidth(label), comma);
    return inner + label + printed + (comma ? ',' : '');
  });
  return `{\n${lines.join('\n')}\n${close}}`;
}

function serialise(data) {
  return `${printJson(data, 0, 0, 0)}\n`;
}

function recordLabel(record) {
  if (record && typeof record.id === 'string') return record.id;
  if (record && record.type)
    return `${record.type} ${record.from} -> ${record.to}${record.key ? ` [${record.key}]` : ''}`;
  return '(record without id)';
}

/**
 * Visits every `evidence` array inside a record (entity, its facts, relation), calling
 * `visit(array, where)` so the caller may replace items in place.
 */
function visitEvidence(node, where, visit) {
  if (Array.isArray(node)) {
    node.forEach((child, i) => visitEvidence(child, `${where}[${i}]`, visit));
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'evidence' && Array.isArray(value)) visit(value, where);
    else visitEvidence(value, where ? `${where}.${key}` : key, visit);
  }
}

function loadBatches(dir, problems) {
  const names = fs
    .readdirSync(dir)
    .filter((name) => BATCH_NAME.test(name))
    .sort();
  const batches = [];
  for (const name of names) {
    const file = path.join(dir, name);
    const raw = fs.readFileSync(file, 'utf8');
    let data;
    try {
      data = JSON.parse(raw);
    } catch (error) {
      problems.push(`${name}: invalid JSON: ${error.message}`);
      continue;
    }
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      problems.push(`${name}: a batch must be an object with sources/entities/relations`);
      continue;
    }
    batches.push({ name, file, raw, data });
  }
  return batches;
}

function checkSources(dir, batches, problems) {
  const sources = new Map();
  const pageCache = new Map();
  for (const batch of batches) {
    for (const source of batch.data.sources || []) {
      const label = `${batch.name}: ${source.id}`;
      if (typeof source.id !== 'string' || typeof source.text !== 'string') {
        problems.push(`${label}: a source needs a string id and text`);
        continue;
      }
      if (sources.has(source.id)) problems.push(`${label}: duplicate source id`);
      sources.set(source.id, { text: source.text, spans: paragraphSpans(source.text) });

      const origin = source.origin || {};
      const pageFile = path.join(dir, 'sources', String(origin.file));
      if (!fs.existsSync(pageFile)) {
        problems.push(`${label}: origin file ${pageFile} not found`);
        continue;
      }
      if (!pageCache.has(pageFile)) {
        const bytes = fs.readFileSync(pageFile);
        pageCache.set(pageFile, {
          content: bytes.toString('utf8'),
          sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
        });
      }
      const page = pageCache.get(pageFile);
      if (page.sha256 !== origin.sha256) {
        problems.push(`${label}: sha256 of ${origin.file} is ${page.sha256}, origin says ${origin.sha256}`);
      }
      if (!Number.isInteger(origin.start) || !Number.isInteger(origin.end)) {
        problems.push(`${label}: origin.start/end must be integers`);
      } else if (page.content.slice(origin.start, origin.end) !== source.text) {
        problems.push(`${label}: text differs from ${origin.file} [${origin.start}, ${origin.end})`);
      }
    }
  }
  return sources;
}

/** Locates one evidence item; returns the located item or null after recording a problem. */
function locate(item, sources, context, problems) {
  const where = `${context.file}: ${context.record}: quote ${JSON.stringify(item && item.quote)}`;
  if (item === null || typeof item !== 'object') {
    problems.push(`${context.file}: ${context.record}: evidence item is not an object`);
    return null;
  }
  const source = sources.get(item.source);
  if (!source) {
    problems.push(`${where}: unknown source ${JSON.stringify(item.source)}`);
    return null;
  }
  if (typeof item.quote !== 'string' || item.quote.length === 0) {
    problems.push(`${where}: quote must be a non-empty string`);
    return null;
  }
  const hits = occurrences(source.text, item.quote);
  let start;
  if (hits.length === 0) {
    problems.push(`${where}: not found in ${item.source}`);
    return null;
  } else if (hits.length === 1) {
    [start] = hits;
  } else if (hits.includes(item.start)) {
    start = item.start;
  } else {
    problems.push(
      `${where}: found ${hits.length} times in ${item.source} (at ${hits.join(', ')}); give a longer quote or a start`,
    );
    return null;
  }
  const end = start + item.quote.length;
  const paragraph = paragraphOf(source.spans, start, end);
  if (paragraph === -1) {
    problems.push(`${where}: crosses a paragraph boundary in ${item.source}`);
    return null;
  }
  return orderEvidence({ ...item, paragraph, start, end });
}

function sameSpan(stored, located) {
  return (
    stored.start === located.start &&
    stored.end === located.end &&
    stored.paragraph === located.paragraph &&
    stored.quote === located.quote
  );
}

function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`locate-evidence: ${error.message}`);
    return 2;
  }
  if (options.help) {
    console.log('usage: node tools/locate-evidence.js [--check] [SEED_DIR]');
    return 0;
  }

  const problems = [];
  const batches = loadBatches(options.dir, problems);
  const sources = checkSources(options.dir, batches, problems);

  let items = 0;
  let changedItems = 0;
  for (const batch of batches) {
    batch.changedItems = 0;
    for (const section of ['entities', 'relations']) {
      for (const record of batch.data[section] || []) {
        const context = { file: batch.name, record: recordLabel(record) };
        visitEvidence(record, '', (list) => {
          for (let i = 0; i < list.length; i += 1) {
            items += 1;
            const stored = list[i];
            const located = locate(stored, sources, context, problems);
            if (!located) continue;
            if (!sameSpan(stored, located)) {
              changedItems += 1;
              batch.changedItems += 1;
              if (options.check) {
                problems.push(
                  `${context.file}: ${context.record}: quote ${JSON.stringify(stored.quote)}: stored ` +
                    `paragraph/start/end ${stored.paragraph}/${stored.start}/${stored.end}, ` +
                    `text gives ${located.paragraph}/${located.start}/${located.end}`,
                );
              }
            }
            list[i] = located;
          }
        });
      }
    }
  }

  const rewrites = [];
  for (const batch of batches) {
    const serialised = serialise(batch.data);
    if (serialised !== batch.raw) {
      rewrites.push({ batch, serialised });
      if (options.check && batch.changedItems === 0) {
        problems.push(`${batch.name}: not in canonical form (run node tools/locate-evidence.js)`);
      }
    }
  }

  const mode = options.check ? 'check' : 'locate';
  if (problems.length > 0) {
    for (const problem of problems) console.error(`  ${problem}`);
    console.error(
      `locate-evidence (${mode}): ${batches.length} batches, ${sources.size} sources, ` +
        `${items} evidence items, ${problems.length} problem(s)${options.check ? '' : '; nothing written'}`,
    );
    return 1;
  }

  if (!options.check) {
    for (const { batch, serialised } of rewrites) fs.writeFileSync(batch.file, serialised);
  }
  console.log(
    `locate-evidence (${mode}): ${batches.length} batches, ${sources.size} sources, ` +
      `${items} evidence items, ${options.check ? 'all spans agree' : `${changedItems} located, ${rewrites.length} file(s) rewritten`}`,
  );
  return 0;
}

process.exitCode = main();
