/**
 * The canvas: a Cytoscape instance kept in step with the model. Nodes are coloured and shaped
 * by kind, edges labelled by type and styled by status; hidden and filtered elements stay in
 * the graph with `display: none`, so showing them again keeps their place. Layout is fCoSE,
 * randomised once and incremental afterwards, with pinned nodes held where they are.
 */
import type { DrawnStyle } from './types.js';
import type { Core, ElementDefinition, EventObject, NodeSingular, StylesheetJson } from 'cytoscape';
import type { Model } from './model.js';
import { edgeVisible, moreCount, nodeVisible } from './model.js';
import { ENTITY_KINDS, KIND_STYLE, STATUS_STYLE, statusStyle, typeLabel, type RelationStatus } from './vocabulary.js';

/** The same CJK-first stack as explorer.css: canvas text does not inherit CSS. */
const FONT =
  '"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "PingFang SC", "Microsoft YaHei", sans-serif';

/** The largest zoom a fit or layout leaves (the user may still zoom in further). */
const MAX_FIT_ZOOM = 1.3;

export interface GraphEvents {
  selectNode(id: string): void;
  expandNode(id: string): void;
  selectEdge(id: string): void;
  clearSelection(): void;
}

function shorten(name: string, max = 14): string {
  const chars = [...name];
  return chars.length <= max ? name : `${chars.slice(0, max - 1).join('')}…`;
}

function nodeLabel(model: Model, id: string, name: string): string {
  const more = moreCount(model, id);
  return more !== null && more > 0 ? `${shorten(name)}  +${more}` : shorten(name);
}

function stylesheet(): StylesheetJson {
  const kindRules = ENTITY_KINDS.map((kind) => ({
    selector: `node[kind = "${kind}"]`,
    style: {
      'background-color': KIND_STYLE[kind].colour,
      shape: KIND_STYLE[kind].shape,
      width: KIND_STYLE[kind].size,
      height: KIND_STYLE[kind].size,
    },
  }));
  const statusRules = (Object.keys(STATUS_STYLE) as (RelationStatus | 'NONE')[])
    .filter((status) => status !== 'NONE')
    .map((status) => ({
      selector: `edge[status = "${status}"]`,
      style: {
        'line-style': STATUS_STYLE[status].line,
        'line-color': STATUS_STYLE[status].colour,
        'target-arrow-color': STATUS_STYLE[status].colour,
        width: STATUS_STYLE[status].width,
      },
    }));
  const none = statusStyle(null);
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'font-family': FONT,
        'font-size': 11,
        color: '#1f2328',
        'text-valign': 'bottom',
        'text-margin-y': 4,
        'text-outline-color': '#ffffff',
        'text-outline-width': 2,
        'min-zoomed-font-size': 7,
        'border-width': 1,
        'border-color': '#ffffff',
      },
    },
    ...kindRules,
    {
      selector: 'edge',
      style: {
        label: 'data(label)',
        'font-family': FONT,
        'font-size': 9,
        color: '#57606a',
        'text-rotation': 'autorotate',
        'text-background-color': '#fbfcfd',
        'text-background-opacity': 0.85,
        'text-background-padding': '1px',
        'min-zoomed-font-size': 8,
        'curve-style': 'bezier',
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.8,
        'line-style': none.line,
        'line-color': none.colour,
        'target-arrow-color': none.colour,
        width: none.width,
      },
    },
    ...statusRules,
    { selector: '.hidden', style: { display: 'none' } },
    { selector: 'node.pinned', style: { 'border-width': 4, 'border-style': 'double', 'border-color': '#24292f' } },
    { selector: 'node.highlighted', style: { 'border-width': 4, 'border-color': '#0969da' } },
    {
      selector: 'edge.highlighted',
      style: { 'line-color': '#0969da', 'target-arrow-color': '#0969da', width: 5, 'z-index': 10 },
    },
    { selector: 'node:selected', style: { 'overlay-color': '#0969da', 'overlay-opacity': 0.2, 'overlay-padding': 6 } },
    { selector: 'edge:selected', style: { 'overlay-color': '#0969da', 'overlay-opacity': 0.2, 'overlay-padding': 4 } },
  ] as StylesheetJson;
}

export class GraphView {
  readonly cy: Core;
  private laidOut = false;
  private readonly lastPositions = new Map<string, { x: number; y: number }>();
  private running: Promise<void> = Promise.resolve();

  constructor(container: HTMLElement, events: GraphEvents) {
    this.cy = cytoscape({
      container,
      style: stylesheet(),
      minZoom: 0.05,
      maxZoom: 4,
      boxSelectionEnabled: false,
      selectionType: 'single',
    });
    this.cy.on('tap', 'node', (event: EventObject) => events.selectNode(event.target.id() as string));
    this.cy.on('dbltap', 'node', (event: EventObject) => events.expandNode(event.target.id() as string));
    this.cy.on('tap', 'edge', (event: EventObject) => events.selectEdge(event.target.id() as string));
    this.cy.on('tap', (event: EventObject) => {
      if (event.target === this.cy) events.clearSelection();
    });
  }

  /**
   * Adds, updates and removes elements so the canvas shows `model`. New nodes start around
   * `anchor` (the node they were expanded from), so the incremental layout keeps the picture.
   * Returns the ids of the nodes added.
   */
  sync(model: Model, anchor: string | null = null): string[] {
    const cy = this.cy;
    const added: string[] = [];
    cy.batch(() => {
      // Entity and relation ids never collide (relations are rel:…), so one lookup per element.
      cy.elements().forEach((element) => {
        const id = element.id();
        if (model.nodes.has(id) || model.edges.has(id)) return;
        if (element.isNode()) this.lastPositions.set(id, { ...element.position() });
        element.remove();
      });
      const origin = anchor !== null && cy.getElementById(anchor).nonempty() ? cy.getElementById(anchor) : null;
      const centre = origin !== null ? origin.position() : { x: 0, y: 0 };
      const fresh = [...model.nodes.values()].filter((node) => cy.getElementById(node.id).empty());
      const definitions: ElementDefinition[] = fresh.map((node, index) => {
        const angle = (2 * Math.PI * index) / Math.max(1, fresh.length);
        const radius = 80 + 4 * Math.sqrt(fresh.length);
        // A node brought back (undo) returns where it was.
        const position = this.lastPositions.get(node.id) ?? {
          x: centre.x + radius * Math.cos(angle),
          y: centre.y + radius * Math.sin(angle),
        };
        return { group: 'nodes', data: { id: node.id, kind: node.kind, label: '' }, position };
      });
      cy.add(definitions);
      added.push(...fresh.map((node) => node.id));
      const edges: ElementDefinition[] = [];
      for (const relation of model.edges.values()) {
        if (cy.getElementById(relation.id).nonempty()) continue;
        edges.push({
          group: 'edges',
          data: {
            id: relation.id,
            source: relation.from.id,
            target: relation.to.id,
            type: relation.type,
            status: relation.status ?? 'NONE',
            label: typeLabel(relation.type),
          },
        });
      }
      cy.add(edges);
      for (const node of model.nodes.values()) {
        const element = cy.getElementById(node.id);
        element.data('label', nodeLabel(model, node.id, node.name));
        element.toggleClass('hidden', !nodeVisible(model, node.id));
        element.toggleClass('pinned', model.pinned.has(node.id));
        element.toggleClass('highlighted', model.highlighted.has(node.id));
        if (model.pinned.has(node.id)) element.lock();
        else element.unlock();
      }
      for (const relation of model.edges.values()) {
        const element = cy.getElementById(relation.id);
        element.toggleClass('hidden', !edgeVisible(model, relation));
        element.toggleClass('highlighted', model.highlighted.has(relation.id));
      }
      cy.elements().unselect();
      if (model.selected !== null) cy.getElementById(model.selected).select();
    });
    return added;
  }

  /**
   * Lays the visible graph out: randomised the first time, incremental afterwards (existing
   * nodes start where they are), pinned nodes fixed. Resolves when the layout has stopped.
   */
  layout(): Promise<void> {
    const run = async (): Promise<void> => {
      const cy = this.cy;
      const elements = cy.elements().not('.hidden');
      if (elements.nodes().length === 0) return;
      const pinned = elements
        .nodes()
        .filter((node: NodeSingular) => node.hasClass('pinned'))
        .map((node: NodeSingular) => ({ nodeId: node.id(), position: { ...node.position() } }));
      const size = elements.nodes().length;
      const layout = elements.layout({
        name: 'fcose',
        quality: this.laidOut ? 'proof' : 'default',
        randomize: !this.laidOut,
        animate: size <= 150,
        animationDuration: 350,
        fit: true,
        padding: 40,
        packComponents: false,
        nodeRepulsion: () => 9000,
        idealEdgeLength: () => (size > 200 ? 70 : 100),
        numIter: size > 300 ? 1200 : 2500,
        fixedNodeConstraint: pinned.length > 0 ? pinned : undefined,
      } as unknown as Parameters<Core['layout']>[0]);
      const stopped = new Promise<void>((resolve) => layout.one('layoutstop', () => resolve()));
      layout.run();
      await stopped;
      this.capZoom();
      this.laidOut = true;
    };
    this.running = this.running.then(run, run);
    return this.running;
  }

  /** Forgets the layout, so the next one starts afresh (after "Clear"). */
  reset(): void {
    this.laidOut = false;
    this.lastPositions.clear();
  }

  fit(): void {
    this.cy.fit(this.cy.elements().not('.hidden'), 40);
    this.capZoom();
  }

  /** A fitted view of a few nodes would be huge: keep it at a readable size, centred. */
  private capZoom(): void {
    if (this.cy.zoom() <= MAX_FIT_ZOOM) return;
    this.cy.zoom(MAX_FIT_ZOOM);
    this.cy.center(this.cy.elements().not('.hidden'));
  }

  /** Pans so the element is in the middle; resolves when the animation ends. */
  centreOn(id: string): Promise<void> {
    const element = this.cy.getElementById(id);
    if (element.empty()) return Promise.resolve();
    return this.cy
      .animation({ center: { eles: element }, duration: 250 })
      .play()
      .promise('completed')
      .then(() => undefined);
  }

  /** The whole graph as a PNG, at twice the screen resolution, on white. */
  png(): Promise<Blob> {
    return this.cy.png({ output: 'blob-promise', full: true, scale: 2, bg: '#ffffff' }) as Promise<Blob>;
  }

  /**
   * How an element is drawn, as Cytoscape resolved its style (for tests): a node's kind, shape
   * and fill, an edge's type, status, line style and colour, and the label and its font.
   */
  drawnStyle(id: string): DrawnStyle | null {
    const element = this.cy.getElementById(id);
    if (element.empty()) return null;
    const style = (name: string): string => String(element.style(name));
    const data = (name: string): string => String(element.data(name));
    const common = { label: style('label'), fontFamily: style('font-family') };
    if (element.isNode()) {
      return {
        ...common,
        group: 'node',
        kind: data('kind'),
        shape: style('shape'),
        colour: style('background-color'),
      };
    }
    return {
      ...common,
      group: 'edge',
      type: data('type'),
      status: data('status'),
      lineStyle: style('line-style'),
      colour: style('line-color'),
    };
  }

  /** Where a node (or an edge's midpoint) is drawn, in page coordinates (for tests). */
  pagePosition(id: string): { x: number; y: number } | null {
    const element = this.cy.getElementById(id);
    if (element.empty() || !element.visible()) return null;
    const box = this.cy.container()?.getBoundingClientRect();
    const edge = this.cy.edges().getElementById(id);
    const position = edge.nonempty() ? edge.renderedMidpoint() : element.renderedPosition();
    return box === undefined ? null : { x: box.left + position.x, y: box.top + position.y };
  }
}
