/**
 * The evidence panel: each quote inside its source paragraph, highlighted from the stored
 * offsets (not by searching for the quote), with the source's title, byline and publisher. If
 * the text at the offsets ever differed from the quote, the panel says so instead of hiding it.
 */
import { button, h, replaceChildren } from './dom.js';
import type { Evidence, SourceText } from './types.js';
import { sourceText } from './queries.js';

export interface EvidenceSubject {
  /** What the evidence is for, e.g. "上党经济技术开发区 — hosts → 3P标准化厂房". */
  readonly title: string;
  /** Extra lines under the title (amount, status, flags). */
  readonly details: readonly string[];
  readonly evidence: readonly Evidence[];
}

const sources = new Map<string, Promise<SourceText | null>>();

/** A source's full text, fetched once per page. */
function loadSource(id: string): Promise<SourceText | null> {
  let pending = sources.get(id);
  if (pending === undefined) {
    pending = sourceText(id);
    // A failed fetch is not cached, so opening the evidence again retries it.
    pending.catch(() => sources.delete(id));
    sources.set(id, pending);
  }
  return pending;
}

/** The paragraphs of a text as the API counts them: its non-blank lines, with offsets. */
export function paragraphSpans(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const body = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (body.trim() !== '') spans.push({ start: offset, end: offset + body.length });
    offset += line.length + 1;
  }
  return spans;
}

function paragraphBlock(item: Evidence, source: SourceText): HTMLElement {
  const spans = paragraphSpans(source.text);
  const inside = (span: { start: number; end: number } | undefined) =>
    span !== undefined && item.charStart >= span.start && item.charEnd <= span.end;
  const stated = spans[item.paragraph];
  const span = inside(stated) ? stated : spans.find((candidate) => inside(candidate));
  const start = span?.start ?? item.charStart;
  const end = span?.end ?? item.charEnd;
  const marked = source.text.slice(item.charStart, item.charEnd);
  return h(
    'div',
    null,
    h(
      'p',
      { class: 'paragraph', attrs: { lang: 'zh-Hans', 'data-evidence': item.id } },
      source.text.slice(start, item.charStart),
      h('mark', null, marked),
      source.text.slice(item.charEnd, end),
    ),
    marked !== item.quote
      ? h('p', { class: 'mismatch' }, `The source text at these offsets differs from the stored quote “${item.quote}”.`)
      : null,
  );
}

async function evidenceItem(item: Evidence): Promise<HTMLElement> {
  const header = h(
    'header',
    null,
    h('span', { class: 'source-title' }, item.source.title ?? '(untitled)'),
    item.source.byline !== null ? ` · ${item.source.byline}` : null,
    ` · ${item.source.publisher}`,
    h('br'),
    `paragraph ${item.paragraph + 1}, characters ${item.charStart}–${item.charEnd}`,
  );
  const element = h('article', { class: 'evidence-item' }, header);
  try {
    const source = await loadSource(item.source.id);
    if (source === null)
      element.append(h('p', { class: 'mismatch' }, `The source ${item.source.id} is not in the graph.`));
    else element.append(paragraphBlock(item, source));
  } catch (error) {
    element.append(
      h('blockquote', { attrs: { lang: 'zh-Hans' } }, item.quote),
      h('p', { class: 'mismatch' }, `The source text could not be loaded: ${String((error as Error).message)}`),
      button('Retry', () => void evidenceItem(item).then((fresh) => element.replaceWith(fresh))),
    );
  }
  return element;
}

let generation = 0;

/**
 * Fills the panel with the subject's evidence (sources are fetched as needed). A later call
 * wins: items of an earlier subject still loading are dropped. `aria-busy` is false when done.
 */
export async function renderEvidence(panel: HTMLElement, subject: EvidenceSubject): Promise<void> {
  const mine = ++generation;
  panel.setAttribute('aria-busy', 'true');
  replaceChildren(
    panel,
    h('h2', { attrs: { lang: 'zh-Hans' } }, subject.title),
    ...subject.details.map((line) => h('p', { class: 'meta' }, line)),
    subject.evidence.length === 0 ? h('p', { class: 'hint' }, 'No evidence is recorded for this.') : null,
  );
  const items = await Promise.all(subject.evidence.map((item) => evidenceItem(item)));
  if (mine !== generation) return;
  panel.append(...items);
  panel.setAttribute('aria-busy', 'false');
}
