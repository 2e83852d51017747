/**
 * Search in 汉字, pinyin, initials or English with a kind filter; each result opens its entity.
 */
import { button, byId, h, replaceChildren } from './dom.js';
import type { EntityRef } from './types.js';
import { search } from './queries.js';
import { ENTITY_KINDS, isEntityKind, kindStyle } from './vocabulary.js';

export interface SearchActions {
  open(entity: EntityRef): void;
  error(error: unknown, context: string): void;
  busy<T>(work: Promise<T>): Promise<T>;
}

export function setUpSearch(actions: SearchActions): void {
  const form = byId<HTMLFormElement>('search-form');
  const input = byId<HTMLInputElement>('search-input');
  const kind = byId<HTMLSelectElement>('search-kind');
  const results = byId('results');
  for (const value of ENTITY_KINDS) kind.append(h('option', { attrs: { value } }, kindStyle(value).label));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const query = input.value.trim();
    if (query === '') return;
    const chosen = isEntityKind(kind.value) ? kind.value : null;
    replaceChildren(results, h('p', { class: 'hint' }, 'Searching…'));
    actions
      .busy(search(query, chosen))
      .then((hits) => {
        replaceChildren(
          results,
          h('h2', { class: 'sr-only' }, 'Search results'),
          hits.length === 0
            ? h(
                'p',
                { class: 'hint', id: 'no-results' },
                `Nothing matches “${query}”${chosen !== null ? ` among ${kindStyle(chosen).label.toLowerCase()}s` : ''}.`,
              )
            : h('p', { class: 'meta' }, `${hits.length} result${hits.length === 1 ? '' : 's'} for “${query}”`),
          h(
            'ul',
            { class: 'results', id: 'search-results' },
            ...hits.map((hit) =>
              h(
                'li',
                null,
                button(
                  [
                    h('span', { attrs: { lang: 'zh-Hans' } }, hit.entity.name),
                    h('span', { class: 'kind-tag' }, kindStyle(hit.entity.kind).label),
                  ],
                  () => actions.open(hit.entity),
                  {
                    title: `matched ${hit.matched.kind.toLowerCase()} “${hit.matched.text}”`,
                    attrs: { 'data-entity': hit.entity.id },
                  },
                ),
              ),
            ),
          ),
        );
      })
      .catch((error: unknown) => {
        replaceChildren(results, h('p', { class: 'hint' }, 'The search failed.'));
        actions.error(error, 'Search');
      });
  });
}
