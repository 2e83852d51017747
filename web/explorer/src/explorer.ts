/**
 * The explorer's controller: every user action fetches what it needs first, then changes the
 * model in one step (so a failed request changes nothing), records the previous model for
 * undo, redraws, and writes the deep link.
 */
import { ApiError } from './api.js';
import { EntityCard, relationSummary, relationTitle, type CardStatus } from './card.js';
import { button, byId, download, h, replaceChildren } from './dom.js';
import { renderEvidence, type EvidenceSubject } from './evidence.js';
import { toGraphml, toJson } from './export.js';
import { FiltersPanel } from './filters.js';
import { GraphView } from './graph-view.js';
import { showError, showNotice, setStatus } from './messages.js';
import {
  addEntity,
  addRelations,
  cloneModel,
  emptyModel,
  moreCount,
  removeEntity,
  typesOn,
  visibleElements,
  visibleNeighbours,
  type Model,
} from './model.js';
import { PartnersPanel, type Reason } from './partners-panel.js';
import { PathPanel } from './path-panel.js';
import type { EntityRef, Path, Relation } from './types.js';
import { entityWithCount, paths, relationPage, relationsById } from './queries.js';
import { decodeLink, encodeModel, type LinkPlan } from './url-state.js';
import type { EntityKind, RelationType } from './vocabulary.js';

/** Relations an expansion adds per click ("N more" loads the next page). */
export const EXPAND_PAGE = 25;
/** Page size when a link replays an expansion (kept under the API's query-cost limit). */
const REPLAY_PAGE = 50;
const UNDO_DEPTH = 50;

type Tab = 'entity' | 'evidence' | 'paths' | 'partners';

export interface Snapshot {
  nodes: string[];
  edges: string[];
  hidden: string[];
  pinned: string[];
  typesOff: string[];
  kindsOff: string[];
  selected: string | null;
  link: string;
}

export class Explorer {
  private model: Model = emptyModel();
  private readonly history: Model[] = [];
  private pending = 0;
  private lastLink = '';
  readonly view: GraphView;
  private readonly card: EntityCard;
  private readonly pathPanel: PathPanel;
  private readonly partners: PartnersPanel;
  private readonly filters: FiltersPanel;

  constructor() {
    this.view = new GraphView(byId('graph'), {
      selectNode: (id) => this.select(id),
      expandNode: (id) => void this.expand(id),
      selectEdge: (id) => this.openRelationEvidence(id),
      clearSelection: () => this.select(null),
    });
    const error = (failure: unknown, context: string) => showError(failure, context);
    this.card = new EntityCard(byId('panel-entity'), {
      expand: (id) => void this.expand(id),
      toggleHidden: (id) => this.toggleHidden(id),
      togglePinned: (id) => this.togglePinned(id),
      remove: (id) => this.remove(id),
      openEvidence: (subject) => this.openEvidence(subject),
      open: (entity) => void this.open(entity),
      pathFrom: (entity) => {
        this.pathPanel.setEnd('from', entity);
        this.showTab('paths');
      },
      partners: (entity) => {
        this.showTab('partners');
        void this.busy(this.partners.show(entity));
      },
      error,
    });
    this.pathPanel = new PathPanel(byId('panel-paths'), {
      find: (from, to, maxHops) => this.findPaths(from, to, maxHops),
      highlight: (path) => this.highlight(path),
      openEvidence: (subject) => this.openEvidence(subject),
      error,
    });
    this.partners = new PartnersPanel(byId('panel-partners'), {
      showReason: (entity, candidate, reason) => void this.showReason(entity, candidate, reason),
      open: (entity) => void this.open(entity),
      error,
    });
    this.filters = new FiltersPanel(byId('type-filters'), byId('kind-filters'), {
      toggleType: (type, on) => this.toggleType(type, on),
      toggleKind: (kind, on) => this.toggleKind(kind, on),
    });
    for (const tab of ['entity', 'evidence', 'paths', 'partners'] as const) {
      byId(`tab-${tab}`).addEventListener('click', () => this.showTab(tab));
    }
    this.refresh();
  }

  /** Counts work in flight; `body[data-busy]` says whether any is (tests and screen readers). */
  busy<T>(work: Promise<T>): Promise<T> {
    this.pending += 1;
    document.body.dataset.busy = 'true';
    const done = () => {
      this.pending -= 1;
      if (this.pending === 0) document.body.dataset.busy = 'false';
    };
    work.then(done, done);
    return work;
  }

  showTab(tab: Tab): void {
    for (const name of ['entity', 'evidence', 'paths', 'partners'] as const) {
      byId(`tab-${name}`).setAttribute('aria-selected', String(name === tab));
      byId(`panel-${name}`).hidden = name !== tab;
    }
  }

  /** Records the model for undo, applies `change`, and redraws. */
  private commit(change: (model: Model) => void, options: { anchor?: string | null; layout?: boolean } = {}): void {
    this.history.push(cloneModel(this.model));
    if (this.history.length > UNDO_DEPTH) this.history.shift();
    change(this.model);
    this.refresh(options);
  }

  private refresh(options: { anchor?: string | null; layout?: boolean } = {}): void {
    const model = this.model;
    const added = this.view.sync(model, options.anchor ?? null);
    if (options.layout ?? added.length > 0) void this.busy(this.view.layout());
    this.filters.update(model);
    const { nodes, edges } = visibleElements(model);
    const parts = [`${plural(nodes.length, 'node')} · ${plural(edges.length, 'edge')}`];
    if (model.hidden.size > 0) parts.push(`${model.hidden.size} hidden`);
    const filtered = model.nodes.size - nodes.length - model.hidden.size;
    if (filtered > 0) parts.push(`${filtered} filtered out`);
    setStatus(parts.join(' · '));
    byId('empty').hidden = model.nodes.size > 0;
    byId<HTMLButtonElement>('undo').disabled = this.history.length === 0;
    this.renderHidden();
    const search = encodeModel(model);
    const url = `${location.pathname}${search === '' ? '' : `?${search}`}`;
    if (url !== `${location.pathname}${location.search}`) history.replaceState(null, '', url);
    const shown = this.card.shown;
    if (shown !== null) this.card.update(this.cardStatus(shown));
  }

  private renderHidden(): void {
    const box = byId('hidden-nodes');
    const hidden = [...this.model.hidden].map((id) => this.model.nodes.get(id)).filter((node) => node !== undefined);
    box.hidden = hidden.length === 0;
    replaceChildren(
      box,
      h('strong', null, `Hidden (${hidden.length}) `),
      button('Show all', () => this.commit((model) => model.hidden.clear()), { id: 'show-hidden' }),
      h(
        'ul',
        { class: 'results' },
        ...hidden.map((node) =>
          h(
            'li',
            null,
            button(`Show ${node.name}`, () => this.toggleHidden(node.id), { class: 'link-like' }),
          ),
        ),
      ),
    );
  }

  private cardStatus(id: string): CardStatus {
    const model = this.model;
    return {
      inView: model.nodes.has(id),
      expanded: model.expansions.has(id),
      more: moreCount(model, id),
      pinned: model.pinned.has(id),
      hidden: model.hidden.has(id),
      neighboursInView: model.nodes.has(id) ? visibleNeighbours(model, id).length : 0,
    };
  }

  /** Selects a node (or nothing) and shows its card. */
  select(id: string | null): void {
    this.model.selected = id !== null && this.model.nodes.has(id) ? id : null;
    this.refresh({ layout: false });
    if (id === null) return;
    this.showTab('entity');
    if (this.card.shown !== id) {
      void this.busy(this.card.show(id, this.cardStatus(id))).catch((error: unknown) => showError(error, 'Entity'));
    }
  }

  /** Puts an entity in the view (with its relation count) and selects it. */
  async open(entity: EntityRef): Promise<void> {
    if (this.model.nodes.has(entity.id)) {
      this.select(entity.id);
      void this.busy(this.view.centreOn(entity.id));
      return;
    }
    try {
      const types = typesOn(this.model);
      const counted = await this.busy(entityWithCount(entity.id, types));
      if (counted === null) throw new ApiError(`Nothing in the graph has the id ${entity.id}.`, 'NOT_FOUND');
      this.commit((model) => {
        addEntity(model, counted.entity, { total: counted.total, types });
        if (!model.opened.includes(entity.id)) model.opened.push(entity.id);
        model.selected = entity.id;
      });
      this.select(entity.id);
    } catch (error) {
      showError(error, `Opening ${entity.name}`);
    }
  }

  /** Expands an entity, or loads its next page of relations when it is already expanded. */
  async expand(id: string): Promise<void> {
    const node = this.model.nodes.get(id);
    if (node === undefined) return;
    const known = this.model.expansions.get(id);
    if (known !== undefined && !known.hasNextPage) {
      showNotice(`All ${known.total} relations of ${node.name} of the chosen types are loaded.`);
      return;
    }
    const types = known?.types ?? typesOn(this.model);
    try {
      const page = await this.busy(relationPage(id, types, EXPAND_PAGE, known?.endCursor ?? null));
      if (page === null) throw new ApiError(`Nothing in the graph has the id ${id}.`, 'NOT_FOUND');
      this.commit(
        (model) => {
          const expansion = model.expansions.get(id);
          model.expansions.set(id, {
            types,
            loaded: (expansion?.loaded ?? 0) + page.relations.length,
            total: page.totalCount,
            endCursor: page.pageInfo.endCursor,
            hasNextPage: page.pageInfo.hasNextPage,
          });
          addEntity(model, page.entity, { total: page.totalCount, types });
          addRelations(model, page.relations, types);
          model.selected = id;
        },
        { anchor: id },
      );
    } catch (error) {
      showError(error, `Expanding ${node.name}`);
    }
  }

  toggleHidden(id: string): void {
    this.commit((model) => {
      if (model.hidden.has(id)) model.hidden.delete(id);
      else if (model.nodes.has(id)) model.hidden.add(id);
    });
  }

  togglePinned(id: string): void {
    this.commit((model) => {
      if (model.pinned.has(id)) model.pinned.delete(id);
      else if (model.nodes.has(id)) model.pinned.add(id);
    });
  }

  remove(id: string): void {
    if (!this.model.nodes.has(id)) return;
    this.commit((model) => removeEntity(model, id));
  }

  toggleType(type: RelationType, on: boolean): void {
    this.commit((model) => (on ? model.typesOff.delete(type) : model.typesOff.add(type)));
  }

  toggleKind(kind: EntityKind, on: boolean): void {
    this.commit((model) => (on ? model.kindsOff.delete(kind) : model.kindsOff.add(kind)));
  }

  undo(): void {
    const previous = this.history.pop();
    if (previous === undefined) return;
    this.model = previous;
    this.refresh();
  }

  clear(): void {
    this.commit((model) => {
      const filters = { typesOff: model.typesOff, kindsOff: model.kindsOff };
      Object.assign(model, emptyModel(), filters);
    });
    this.view.reset();
    this.card.clear();
  }

  relayout(): void {
    void this.busy(this.view.layout());
  }

  /** Draws the shortest paths between two entities (the first one highlighted). */
  async findPaths(from: EntityRef, to: EntityRef, maxHops: number): Promise<Path[]> {
    const found = await this.busy(paths(from.id, to.id, maxHops));
    this.commit((model) => {
      addEntity(model, from);
      addEntity(model, to);
      for (const path of found) {
        for (const node of path.nodes) addEntity(model, node);
        addRelations(model, path.relations);
      }
      model.paths.push({ from: from.id, to: to.id, maxHops });
      model.highlighted = new Set(found[0] === undefined ? [from.id, to.id] : pathIds(found[0]));
    });
    return found;
  }

  highlight(path: Path): void {
    this.model.highlighted = new Set(pathIds(path));
    this.refresh({ layout: false });
  }

  /** Draws the path behind a suggestion's reason and opens its evidence. */
  async showReason(entity: EntityRef, candidate: EntityRef, reason: Reason): Promise<void> {
    try {
      const ids = reason.path.relations.map((relation) => relation.id);
      const relations = await this.busy(relationsById(ids));
      this.commit((model) => {
        for (const node of reason.path.nodes) addEntity(model, node);
        addRelations(model, relations);
        for (const id of ids) if (!model.extraRelations.includes(id)) model.extraRelations.push(id);
        model.highlighted = new Set([...reason.path.nodes.map((node) => node.id), ...ids]);
      });
      this.openEvidence({
        title: `${candidate.name} for ${entity.name}`,
        details: [reason.description, ...relations.map((relation) => relationTitle(relation))],
        evidence: relations.flatMap((relation) => relation.evidence),
      });
    } catch (error) {
      showError(error, 'Showing the reason');
    }
  }

  openEvidence(subject: EvidenceSubject): void {
    this.showTab('evidence');
    void this.busy(renderEvidence(byId('panel-evidence'), subject));
  }

  openRelationEvidence(id: string): void {
    const relation = this.model.edges.get(id);
    if (relation === undefined) return;
    this.openEvidence({
      title: relationTitle(relation),
      details: relationSummary(relation),
      evidence: relation.evidence,
    });
  }

  async exportPng(): Promise<void> {
    try {
      download(await this.busy(this.view.png()), 'zonegraph-view.png');
    } catch (error) {
      showError(error, 'PNG export');
    }
  }

  exportGraphml(): void {
    download(new Blob([toGraphml(this.model)], { type: 'application/graphml+xml' }), 'zonegraph-view.graphml');
  }

  exportJson(): void {
    download(new Blob([toJson(this.model, location.href)], { type: 'application/json' }), 'zonegraph-view.json');
  }

  /** Moves the selection to the next (+1) or previous (-1) drawn node, in name order. */
  step(direction: 1 | -1): void {
    const nodes = visibleElements(this.model).nodes.sort((a, b) => a.name.localeCompare(b.name, 'zh'));
    if (nodes.length === 0) return;
    const index = nodes.findIndex((node) => node.id === this.model.selected);
    const next = nodes[(index + direction + nodes.length) % nodes.length] ?? nodes[0];
    if (next === undefined) return;
    this.select(next.id);
    void this.busy(this.view.centreOn(next.id));
  }

  get selected(): string | null {
    return this.model.selected;
  }

  snapshot(): Snapshot {
    const { nodes, edges } = visibleElements(this.model);
    return {
      nodes: nodes.map((node) => node.id),
      edges: edges.map((relation) => relation.id),
      hidden: [...this.model.hidden].sort(),
      pinned: [...this.model.pinned].sort(),
      typesOff: [...this.model.typesOff].sort(),
      kindsOff: [...this.model.kindsOff].sort(),
      selected: this.model.selected,
      link: location.href,
    };
  }

  /**
   * The link to ask for again after a setting changed (the API key): the view's own, or, when
   * nothing of the last link could be loaded, that link.
   */
  linkToRetry(): string {
    return this.model.nodes.size === 0 ? this.lastLink : location.search;
  }

  /** Rebuilds the view a link describes; each part that fails is reported and skipped. */
  async restore(search: string): Promise<void> {
    this.lastLink = search;
    const plan = decodeLink(search);
    if (plan.ignored.length > 0) {
      showNotice(`Parts of this link were not understood and are ignored: ${plan.ignored.join(', ')}`);
    }
    const model = emptyModel();
    model.typesOff = new Set(plan.typesOff);
    model.kindsOff = new Set(plan.kindsOff);
    await this.busy(replay(plan, model));
    // A restored view starts afresh: nothing to undo, the card shown again.
    this.model = model;
    this.history.length = 0;
    this.card.clear();
    this.refresh({ layout: true });
    if (plan.selected !== null && model.nodes.has(plan.selected)) this.select(plan.selected);
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function pathIds(path: Path): string[] {
  return [...path.nodes.map((node) => node.id), ...path.relations.map((relation) => relation.id)];
}

function notFound(id: string): ApiError {
  return new ApiError(`Nothing in the graph has the id ${id}.`, 'NOT_FOUND');
}

/** Asks the API the questions a link records, in order, filling `model`. */
async function replay(plan: LinkPlan, model: Model): Promise<void> {
  const types = typesOn(model);
  for (const id of plan.opened) {
    try {
      const counted = await entityWithCount(id, types);
      if (counted === null) throw notFound(id);
      addEntity(model, counted.entity, { total: counted.total, types });
      model.opened.push(id);
    } catch (error) {
      showError(error, `Opening ${id} from the link`);
    }
  }
  for (const { id, count, types: expansionTypes } of plan.expansions) {
    try {
      await replayExpansion(model, id, count, expansionTypes);
    } catch (error) {
      showError(error, `Expanding ${id} from the link`);
    }
  }
  for (const path of plan.paths) {
    try {
      const found = await paths(path.from, path.to, path.maxHops);
      for (const one of found) {
        for (const node of one.nodes) addEntity(model, node);
        addRelations(model, one.relations);
      }
      model.paths.push(path);
      if (found[0] !== undefined) model.highlighted = new Set(pathIds(found[0]));
    } catch (error) {
      showError(error, `Path from ${path.from} to ${path.to}`);
    }
  }
  if (plan.relations.length > 0) {
    try {
      const relations: Relation[] = await relationsById(plan.relations);
      addRelations(model, relations);
      model.extraRelations.push(...relations.map((relation) => relation.id));
    } catch (error) {
      showError(error, 'Relations from the link');
    }
  }
  for (const id of plan.removed) if (model.nodes.has(id)) removeEntity(model, id);
  for (const id of plan.removed) model.removed.add(id);
  for (const id of plan.hidden) if (model.nodes.has(id)) model.hidden.add(id);
  for (const id of plan.pinned) if (model.nodes.has(id)) model.pinned.add(id);
  model.selected = plan.selected !== null && model.nodes.has(plan.selected) ? plan.selected : null;
}

async function replayExpansion(model: Model, id: string, count: number, types: RelationType[]): Promise<void> {
  let loaded = 0;
  let after: string | null = null;
  for (;;) {
    const size = Math.max(1, Math.min(REPLAY_PAGE, count - loaded));
    const page = await relationPage(id, types, size, after);
    if (page === null) throw notFound(id);
    const taken = count === 0 ? [] : page.relations;
    addEntity(model, page.entity, { total: page.totalCount, types });
    addRelations(model, taken, types);
    loaded += taken.length;
    after = count === 0 ? null : page.pageInfo.endCursor;
    const hasNextPage = count === 0 ? page.totalCount > 0 : page.pageInfo.hasNextPage;
    if (loaded >= count || !hasNextPage) {
      model.expansions.set(id, { types, loaded, total: page.totalCount, endCursor: after, hasNextPage });
      return;
    }
  }
}
