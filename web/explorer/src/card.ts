/**
 * The entity card: the name in every script, aliases, kind and subtype, facts with their
 * amounts and flags (a fact with presentable: false is marked and struck through, never shown
 * as plain truth), the entity's relations a page at a time, and the actions on it.
 */
import { button, h, replaceChildren } from './dom.js';
import type { EvidenceSubject } from './evidence.js';
import type { EntityDetail, EntityRef, Fact, Relation } from './types.js';
import { entityDetail, relationPage } from './queries.js';
import { RELATION_TYPES, kindStyle, typeLabel } from './vocabulary.js';

export interface CardActions {
  expand(id: string): void;
  toggleHidden(id: string): void;
  togglePinned(id: string): void;
  remove(id: string): void;
  openEvidence(subject: EvidenceSubject): void;
  open(entity: EntityRef): void;
  pathFrom(entity: EntityRef): void;
  partners(entity: EntityRef): void;
  error(error: unknown, context: string): void;
}

/** What the card's buttons say about the entity's place in the view. */
export interface CardStatus {
  inView: boolean;
  expanded: boolean;
  /** Relations not in the view yet, or null when not counted. */
  more: number | null;
  pinned: boolean;
  hidden: boolean;
  neighboursInView: number;
}

const SCRIPT_LABEL: Readonly<Record<string, string>> = {
  CANONICAL: 'Name',
  TRADITIONAL: '繁體',
  ENGLISH: 'English',
  PINYIN: 'Pinyin',
  INITIALS: 'Initials',
  ALIAS: 'Alias',
};

const RELATIONS_PAGE = 20;

function flagChips(flags: readonly string[]): HTMLElement | null {
  return flags.length === 0
    ? null
    : h('span', { class: 'chips' }, ...flags.map((flag) => h('span', { class: 'chip flag' }, flag)));
}

function dateText(fact: Pick<Fact, 'date' | 'period'>): string | null {
  if (fact.date !== null) return fact.date.value;
  if (fact.period !== null) return `${fact.period.start.value}–${fact.period.end?.value ?? ''}`;
  return null;
}

export function relationSummary(relation: Relation): string[] {
  const lines: string[] = [];
  if (relation.amount !== null) {
    lines.push(
      `Amount: ${relation.amount.raw} (${relation.amount.formatted}${relation.amount.expected ? ', forecast' : ''})`,
    );
  }
  if (relation.status !== null) lines.push(`Status: ${typeLabel(relation.status)}`);
  if (relation.date !== null) lines.push(`Date: ${relation.date.value}`);
  if (relation.role !== null) lines.push(`Role: ${relation.role}`);
  if (relation.qualityFlags.length > 0) lines.push(`Flags: ${relation.qualityFlags.join(', ')}`);
  return lines;
}

export function relationTitle(relation: Relation): string {
  return `${relation.from.name} — ${typeLabel(relation.type)} → ${relation.to.name}`;
}

export class EntityCard {
  private id: string | null = null;
  private detail: EntityDetail | null = null;
  private actionsBox: HTMLElement = h('div');
  private status: CardStatus | null = null;

  constructor(
    private readonly panel: HTMLElement,
    private readonly actions: CardActions,
  ) {}

  get shown(): string | null {
    return this.id;
  }

  /** Shows an entity; resolves false when the graph has no entity with that id. */
  async show(id: string, status: CardStatus): Promise<boolean> {
    this.id = id;
    this.status = status;
    this.panel.setAttribute('aria-busy', 'true');
    this.panel.dataset.entity = id;
    replaceChildren(this.panel, h('p', { class: 'hint' }, 'Loading…'));
    let detail: EntityDetail | null;
    try {
      detail = await entityDetail(id);
    } catch (error) {
      if (this.id !== id) return true;
      replaceChildren(this.panel, h('p', { class: 'hint' }, 'This entity could not be loaded.'));
      this.panel.setAttribute('aria-busy', 'false');
      throw error;
    }
    if (this.id !== id) return true;
    this.detail = detail;
    if (detail === null) {
      replaceChildren(this.panel, h('p', { class: 'hint' }, `Nothing in the graph has the id ${id}.`));
      this.panel.setAttribute('aria-busy', 'false');
      return false;
    }
    this.render(detail);
    this.panel.setAttribute('aria-busy', 'false');
    return true;
  }

  /** Updates the action buttons after the view changed (expanded, pinned, hidden...). */
  update(status: CardStatus): void {
    this.status = status;
    if (this.detail !== null) replaceChildren(this.actionsBox, ...this.actionButtons(this.detail, status));
  }

  clear(): void {
    this.id = null;
    delete this.panel.dataset.entity;
    this.detail = null;
    replaceChildren(this.panel, h('p', { class: 'hint' }, 'Select a node to see its names, facts and relations.'));
  }

  private actionButtons(entity: EntityDetail, status: CardStatus): HTMLElement[] {
    const { actions } = this;
    const expandLabel = !status.inView
      ? 'Add to view'
      : !status.expanded
        ? `Expand${status.more !== null ? ` (${status.more} relations)` : ''}`
        : status.more !== null && status.more > 0
          ? `Show more (${status.more} left)`
          : 'All relations shown';
    return [
      button(expandLabel, () => (status.inView ? actions.expand(entity.id) : actions.open(entity)), {
        id: 'card-expand',
        disabled: status.inView && status.expanded && (status.more === null || status.more === 0),
      }),
      button(status.hidden ? 'Show' : 'Hide', () => actions.toggleHidden(entity.id), {
        id: 'card-hide',
        disabled: !status.inView,
      }),
      button(status.pinned ? 'Unpin' : 'Pin', () => actions.togglePinned(entity.id), {
        id: 'card-pin',
        disabled: !status.inView,
      }),
      button('Remove', () => actions.remove(entity.id), { id: 'card-remove', disabled: !status.inView }),
      button('Path from here…', () => actions.pathFrom(entity), { id: 'card-path' }),
      button('Partner suggestions', () => actions.partners(entity), { id: 'card-partners' }),
      h(
        'p',
        { class: 'meta', id: 'card-neighbours' },
        status.inView ? `${status.neighboursInView} neighbours in view` : 'Not in the view',
      ),
    ];
  }

  private render(entity: EntityDetail): void {
    const style = kindStyle(entity.kind);
    this.actionsBox = h('div', { class: 'button-row' });
    if (this.status !== null) this.update(this.status);
    const variants = entity.nameVariants.filter((variant) => variant.kind !== 'CANONICAL');
    replaceChildren(
      this.panel,
      h('h2', { attrs: { lang: 'zh-Hans' }, id: 'card-name' }, entity.name),
      h(
        'p',
        { class: 'meta' },
        style.label,
        entity.subtype !== null ? ` · ${entity.subtype.toLowerCase().replace(/_/g, ' ')}` : null,
        ` · ${entity.id}`,
      ),
      flagChips(entity.qualityFlags),
      this.actionsBox,
      h('h3', null, 'Names'),
      h(
        'dl',
        { class: 'names' },
        h('dt', null, 'Name'),
        h('dd', { attrs: { lang: 'zh-Hans' } }, entity.name),
        ...variants.flatMap((variant) => [
          h('dt', null, SCRIPT_LABEL[variant.kind] ?? variant.kind),
          h('dd', { attrs: { lang: variant.script === 'LATIN' ? 'en' : 'zh' } }, variant.text),
        ]),
      ),
      entity.industries.length > 0 ? h('p', { class: 'meta' }, 'Industries: ', entity.industries.join(', ')) : null,
      entity.evidence.length > 0
        ? button(`Where the sources name it (${entity.evidence.length})`, () =>
            this.actions.openEvidence({ title: entity.name, details: ['Mentions'], evidence: entity.evidence }),
          )
        : null,
      h('h3', null, `Facts (${entity.facts.length})`),
      entity.facts.length === 0 ? h('p', { class: 'hint' }, 'No facts recorded.') : this.factList(entity),
      h('h3', null, 'Relations'),
      this.relationList(entity),
    );
  }

  private factList(entity: EntityDetail): HTMLElement {
    return h(
      'ul',
      { class: 'facts' },
      ...entity.facts.map((fact) => {
        const when = dateText(fact);
        const properties = fact.properties.map((p) => `${p.key}: ${p.value}`).join(', ');
        return h(
          'li',
          {
            class: fact.presentable ? 'fact' : 'fact unpresentable',
            attrs: { 'data-fact': fact.id, 'data-presentable': String(fact.presentable) },
          },
          h('div', { class: 'fact-key' }, fact.key, when !== null ? ` · ${when}` : null),
          h('span', { class: 'fact-value', attrs: { lang: 'zh-Hans' } }, fact.value),
          fact.quantity !== null ? h('span', { class: 'meta' }, ` = ${fact.quantity.formatted}`) : null,
          fact.quantity?.expected === true ? h('span', { class: 'meta' }, ' (forecast)') : null,
          properties !== '' ? h('div', { class: 'meta' }, properties) : null,
          !fact.presentable
            ? h('div', { class: 'caveat' }, '⚠ Not to be taken as true: ', fact.qualityFlags.join(', '))
            : flagChips(fact.qualityFlags),
          h(
            'div',
            null,
            button(
              `Evidence (${fact.evidence.length})`,
              () =>
                this.actions.openEvidence({
                  title: `${entity.name} · ${fact.key}: ${fact.value}`,
                  details: [
                    ...(fact.presentable ? [] : [`Not to be taken as true (${fact.qualityFlags.join(', ')})`]),
                    ...(fact.quantity !== null ? [`Parsed: ${fact.quantity.formatted}`] : []),
                  ],
                  evidence: fact.evidence,
                }),
              { class: 'link-like' },
            ),
          ),
        );
      }),
    );
  }

  private relationList(entity: EntityDetail): HTMLElement {
    const list = h('ul', { class: 'relations', id: 'card-relations' });
    const footer = h('div');
    const box = h('div', null, list, footer);
    const load = async (after: string | null): Promise<void> => {
      replaceChildren(footer, h('p', { class: 'hint' }, 'Loading relations…'));
      try {
        const page = await relationPage(entity.id, RELATION_TYPES, RELATIONS_PAGE, after, false);
        if (page === null || this.id !== entity.id) return;
        list.append(...page.relations.map((relation) => this.relationItem(entity.id, relation)));
        replaceChildren(
          footer,
          h('p', { class: 'meta' }, `${list.children.length} of ${page.totalCount} relations`),
          page.pageInfo.hasNextPage
            ? button(`More relations`, () => void load(page.pageInfo.endCursor), { id: 'card-more-relations' })
            : null,
        );
      } catch (error) {
        replaceChildren(
          footer,
          button('Retry loading relations', () => void load(after)),
        );
        this.actions.error(error, 'Relations');
      }
    };
    void load(null);
    return box;
  }

  private relationItem(id: string, relation: Relation): HTMLElement {
    const outgoing = relation.from.id === id;
    const other = outgoing ? relation.to : relation.from;
    return h(
      'li',
      { attrs: { 'data-relation': relation.id } },
      h('span', { class: 'meta' }, outgoing ? `${typeLabel(relation.type)} → ` : `← ${typeLabel(relation.type)} · `),
      button(other.name, () => this.actions.open(other), { class: 'link-like', attrs: { lang: 'zh-Hans' } }),
      h('span', { class: 'kind-tag' }, ` ${kindStyle(other.kind).label}`),
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
  }
}
