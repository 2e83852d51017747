/**
 * Partner suggestions for the selected entity: ranked candidates with their score and reasons.
 * Clicking a reason draws the path that grounds it and opens that path's evidence.
 */
import { button, h, replaceChildren } from './dom.js';
import type { EntityRef, Suggestion } from './types.js';
import { suggestions } from './queries.js';
import { kindStyle } from './vocabulary.js';

export type Reason = Suggestion['reasons'][number];

export interface PartnerActions {
  showReason(entity: EntityRef, candidate: EntityRef, reason: Reason): void;
  open(entity: EntityRef): void;
  error(error: unknown, context: string): void;
}

export class PartnersPanel {
  private current: string | null = null;

  constructor(
    private readonly panel: HTMLElement,
    private readonly actions: PartnerActions,
  ) {}

  async show(entity: EntityRef): Promise<void> {
    this.current = entity.id;
    this.panel.setAttribute('aria-busy', 'true');
    replaceChildren(
      this.panel,
      h('h2', { attrs: { lang: 'zh-Hans' } }, `Partners for ${entity.name}`),
      h('p', { class: 'hint' }, 'Loading suggestions…'),
    );
    let found: Suggestion[];
    try {
      found = await suggestions(entity.id);
    } catch (error) {
      if (this.current === entity.id) {
        replaceChildren(this.panel, h('h2', null, 'Partner suggestions'), h('p', { class: 'hint' }, 'Not available.'));
        this.panel.setAttribute('aria-busy', 'false');
        this.actions.error(error, 'Partner suggestions');
      }
      return;
    }
    if (this.current !== entity.id) return;
    replaceChildren(
      this.panel,
      h('h2', { attrs: { lang: 'zh-Hans' } }, `Partners for ${entity.name}`),
      h(
        'p',
        { class: 'hint' },
        'Entities not yet linked to it, ranked by shared partners, zones, regions, industries and complementary roles. Click a reason to see its path and evidence.',
      ),
      found.length === 0 ? h('p', { class: 'hint', id: 'partners-none' }, 'No suggestion for this entity.') : null,
      h(
        'ol',
        { class: 'suggestions', id: 'partners-list' },
        ...found.map((suggestion) =>
          h(
            'li',
            { class: 'suggestion', attrs: { 'data-candidate': suggestion.candidate.id } },
            h('span', { class: 'score' }, suggestion.score.toFixed(1)),
            button(suggestion.candidate.name, () => this.actions.open(suggestion.candidate), {
              class: 'link-like',
              attrs: { lang: 'zh-Hans' },
            }),
            h('span', { class: 'kind-tag' }, ` ${kindStyle(suggestion.candidate.kind).label}`),
            h(
              'ul',
              { class: 'reasons' },
              ...suggestion.reasons.map((reason) =>
                h(
                  'li',
                  null,
                  button(
                    `${reason.kind.toLowerCase().replace(/_/g, ' ')} (+${reason.weight})`,
                    () => this.actions.showReason(entity, suggestion.candidate, reason),
                    { class: 'link-like', title: 'Show the path and its evidence' },
                  ),
                  h('div', { class: 'meta', attrs: { lang: 'zh-Hans' } }, reason.description),
                ),
              ),
            ),
          ),
        ),
      ),
    );
    this.panel.setAttribute('aria-busy', 'false');
  }
}
