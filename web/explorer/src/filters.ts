/**
 * Filters: one checkbox per relation type and per kind, with how many of each the view holds.
 * Unticking hides those elements; for relation types it also decides what an expansion asks
 * the API for.
 */
import { h, replaceChildren } from './dom.js';
import type { Model } from './model.js';
import {
  ENTITY_KINDS,
  RELATION_TYPES,
  kindStyle,
  typeLabel,
  type EntityKind,
  type RelationType,
} from './vocabulary.js';

export interface FilterActions {
  toggleType(type: RelationType, on: boolean): void;
  toggleKind(kind: EntityKind, on: boolean): void;
}

export class FiltersPanel {
  private readonly typeBoxes = new Map<RelationType, { input: HTMLInputElement; count: HTMLElement }>();
  private readonly kindBoxes = new Map<EntityKind, { input: HTMLInputElement; count: HTMLElement }>();

  constructor(types: HTMLElement, kinds: HTMLElement, actions: FilterActions) {
    const row = (id: string, label: string, onChange: (on: boolean) => void) => {
      const input = h('input', { id, type: 'checkbox' });
      input.addEventListener('change', () => onChange(input.checked));
      const count = h('span', { class: 'kind-tag' });
      return { input, count, element: h('label', { attrs: { for: id } }, input, label, ' ', count) };
    };
    const legend = (element: HTMLElement) => element.querySelector('legend');
    replaceChildren(types, legend(types));
    for (const type of RELATION_TYPES) {
      const { input, count, element } = row(`filter-type-${type}`, typeLabel(type), (on) =>
        actions.toggleType(type, on),
      );
      this.typeBoxes.set(type, { input, count });
      types.append(element);
    }
    replaceChildren(kinds, legend(kinds));
    for (const kind of ENTITY_KINDS) {
      const { input, count, element } = row(`filter-kind-${kind}`, kindStyle(kind).label, (on) =>
        actions.toggleKind(kind, on),
      );
      this.kindBoxes.set(kind, { input, count });
      kinds.append(element);
    }
  }

  /** Ticks and counts as the model has them. */
  update(model: Model): void {
    const typeCounts = new Map<string, number>();
    for (const relation of model.edges.values())
      typeCounts.set(relation.type, (typeCounts.get(relation.type) ?? 0) + 1);
    const kindCounts = new Map<string, number>();
    for (const node of model.nodes.values()) kindCounts.set(node.kind, (kindCounts.get(node.kind) ?? 0) + 1);
    for (const [type, { input, count }] of this.typeBoxes) {
      input.checked = !model.typesOff.has(type);
      count.textContent = typeCounts.has(type) ? `(${typeCounts.get(type)})` : '';
    }
    for (const [kind, { input, count }] of this.kindBoxes) {
      input.checked = !model.kindsOff.has(kind);
      count.textContent = kindCounts.has(kind) ? `(${kindCounts.get(kind)})` : '';
    }
  }
}
