/**
 * The path finder: pick two entities, and the shortest paths between them are drawn, each hop
 * listed with its evidence.
 */
import { relationSummary, relationTitle } from './card.js';
import { button, h, replaceChildren } from './dom.js';
import type { EvidenceSubject } from './evidence.js';
import type { EntityRef, Path } from './types.js';
import { search } from './queries.js';
import { kindStyle, typeLabel } from './vocabulary.js';

export interface PathActions {
  /** Runs the search, draws the paths, and returns them. */
  find(from: EntityRef, to: EntityRef, maxHops: number): Promise<Path[]>;
  highlight(path: Path): void;
  openEvidence(subject: EvidenceSubject): void;
  error(error: unknown, context: string): void;
}

type End = 'from' | 'to';

export class PathPanel {
  private ends: Record<End, EntityRef | null> = { from: null, to: null };
  private maxHops = 4;
  private readonly results = h('div', { id: 'path-results' });

  constructor(
    private readonly panel: HTMLElement,
    private readonly actions: PathActions,
  ) {
    this.render();
  }

  setEnd(end: End, entity: EntityRef): void {
    this.ends[end] = entity;
    this.render();
  }

  /** Shows the answer of a search (also when a link replays one). */
  showPaths(from: EntityRef, to: EntityRef, maxHops: number, paths: Path[]): void {
    this.ends = { from, to };
    this.maxHops = maxHops;
    this.render();
    if (paths.length === 0) {
      replaceChildren(
        this.results,
        h('p', { class: 'hint', id: 'path-none' }, `No path of at most ${this.maxHops} hops links these two.`),
      );
      return;
    }
    replaceChildren(
      this.results,
      h(
        'p',
        { class: 'meta' },
        `${paths.length} shortest path${paths.length === 1 ? '' : 's'} of ${paths[0]?.length} hops`,
      ),
      ...paths.map((path, index) => this.pathBlock(path, index)),
    );
  }

  private pathBlock(path: Path, index: number): HTMLElement {
    return h(
      'section',
      { class: 'path', attrs: { 'data-path': String(index) } },
      h(
        'h3',
        null,
        `Path ${index + 1}`,
        ' ',
        button('Highlight', () => this.actions.highlight(path)),
      ),
      h(
        'ol',
        { class: 'hops' },
        ...path.relations.map((relation, hop) => {
          const a = path.nodes[hop];
          const b = path.nodes[hop + 1];
          const forward = relation.from.id === a?.id;
          return h(
            'li',
            { attrs: { 'data-relation': relation.id } },
            h('span', { attrs: { lang: 'zh-Hans' } }, a?.name ?? '?'),
            h(
              'span',
              { class: 'meta' },
              forward ? ` — ${typeLabel(relation.type)} → ` : ` ← ${typeLabel(relation.type)} — `,
            ),
            h('span', { attrs: { lang: 'zh-Hans' } }, b?.name ?? '?'),
            ...relationSummary(relation).map((line) => h('div', { class: 'meta' }, line)),
            button(
              `Evidence (${relation.evidence.length})`,
              () =>
                this.actions.openEvidence({
                  title: relationTitle(relation),
                  details: relationSummary(relation),
                  evidence: relation.evidence,
                }),
              { class: 'link-like' },
            ),
          );
        }),
      ),
    );
  }

  private endPicker(end: End): HTMLElement {
    const picked = this.ends[end];
    const input = h('input', {
      id: `path-${end}-input`,
      type: 'search',
      attrs: { maxlength: '100', placeholder: 'Search an entity…', 'aria-label': `Path ${end}: search` },
    });
    const list = h('ul', { class: 'results', id: `path-${end}-results` });
    const form = h('form', { class: 'search' }, input, h('button', { type: 'submit' }, 'Find'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const query = input.value.trim();
      if (query === '') return;
      search(query, null)
        .then((hits) => {
          replaceChildren(
            list,
            ...hits.slice(0, 8).map((hit) =>
              h(
                'li',
                null,
                button(
                  [
                    h('span', { attrs: { lang: 'zh-Hans' } }, hit.entity.name),
                    h('span', { class: 'kind-tag' }, kindStyle(hit.entity.kind).label),
                  ],
                  () => this.setEnd(end, hit.entity),
                  { attrs: { 'data-entity': hit.entity.id } },
                ),
              ),
            ),
            hits.length === 0 ? h('li', { class: 'hint' }, 'Nothing found.') : null,
          );
        })
        .catch((error: unknown) => this.actions.error(error, 'Search'));
    });
    return h(
      'div',
      null,
      h('label', null, end === 'from' ? 'From' : 'To'),
      h(
        'div',
        { class: 'picked', id: `path-${end}`, attrs: { lang: 'zh-Hans' } },
        picked !== null ? picked.name : '(not chosen)',
      ),
      form,
      list,
    );
  }

  private render(): void {
    const hops = h('select', { id: 'path-max-hops', attrs: { 'aria-label': 'Maximum hops' } });
    for (let n = 1; n <= 6; n += 1) {
      const option = h('option', { attrs: { value: String(n) } }, `at most ${n} hops`);
      if (n === this.maxHops) option.selected = true;
      hops.append(option);
    }
    hops.addEventListener('change', () => (this.maxHops = Number(hops.value)));
    const { from, to } = this.ends;
    const find = button(
      'Find paths',
      () => {
        if (from === null || to === null) return;
        replaceChildren(this.results, h('p', { class: 'hint' }, 'Searching…'));
        this.actions
          .find(from, to, this.maxHops)
          .then((paths) => this.showPaths(from, to, this.maxHops, paths))
          .catch((error: unknown) => {
            replaceChildren(this.results);
            this.actions.error(error, 'Path search');
          });
      },
      { id: 'path-find', disabled: from === null || to === null },
    );
    replaceChildren(
      this.panel,
      h('h2', null, 'Path finder'),
      h('p', { class: 'hint' }, 'The shortest chains of relations between two entities, each hop with its evidence.'),
      h('div', { class: 'path-form' }, this.endPicker('from'), this.endPicker('to'), hops, find),
      this.results,
    );
  }
}
