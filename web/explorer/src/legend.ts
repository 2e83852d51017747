/** The legend: each kind's shape and colour as drawn on the canvas, and each status's line. */
import { h } from './dom.js';
import { ENTITY_KINDS, KIND_STYLE, LEGEND_STATUSES, STATUS_STYLE, type Shape } from './vocabulary.js';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag: string, attributes: Record<string, string | number>): SVGElement {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  return element;
}

/** Polygon points on a 20 × 20 box for Cytoscape's shapes (the round ones use rect/ellipse). */
function regular(sides: number, rotation: number): string {
  return Array.from({ length: sides }, (_, i) => {
    const angle = rotation + (2 * Math.PI * i) / sides;
    return `${(10 + 9 * Math.cos(angle)).toFixed(1)},${(10 + 9 * Math.sin(angle)).toFixed(1)}`;
  }).join(' ');
}

function star(): string {
  return Array.from({ length: 10 }, (_, i) => {
    const radius = i % 2 === 0 ? 9.5 : 4;
    const angle = -Math.PI / 2 + (Math.PI * i) / 5;
    return `${(10 + radius * Math.cos(angle)).toFixed(1)},${(10 + radius * Math.sin(angle)).toFixed(1)}`;
  }).join(' ');
}

function shapeElement(shape: Shape, colour: string): SVGElement {
  const fill = { fill: colour, stroke: '#ffffff', 'stroke-width': 1 };
  switch (shape) {
    case 'ellipse':
      return svg('ellipse', { cx: 10, cy: 10, rx: 9, ry: 9, ...fill });
    case 'rectangle':
      return svg('rect', { x: 2, y: 2, width: 16, height: 16, ...fill });
    case 'round-rectangle':
      return svg('rect', { x: 1, y: 3, width: 18, height: 14, rx: 4, ...fill });
    case 'hexagon':
    case 'round-hexagon':
      return svg('polygon', { points: regular(6, 0), ...fill });
    case 'octagon':
      return svg('polygon', { points: regular(8, Math.PI / 8), ...fill });
    case 'pentagon':
      return svg('polygon', { points: regular(5, -Math.PI / 2), ...fill });
    case 'triangle':
      return svg('polygon', { points: '10,1 19,18 1,18', ...fill });
    case 'diamond':
      return svg('polygon', { points: '10,1 19,10 10,19 1,10', ...fill });
    case 'star':
      return svg('polygon', { points: star(), ...fill });
    case 'tag':
      return svg('polygon', { points: '1,4 14,4 19,10 14,16 1,16', ...fill });
    case 'rhomboid':
      return svg('polygon', { points: '5,4 19,4 15,16 1,16', ...fill });
    default: {
      const unknown: never = shape;
      throw new Error(`no legend shape for ${String(unknown)}`);
    }
  }
}

function icon(child: SVGElement, width = 20): SVGElement {
  const root = svg('svg', { width, height: 20, viewBox: `0 0 ${width} 20`, 'aria-hidden': 'true' });
  root.appendChild(child);
  return root;
}

export function renderLegend(kinds: HTMLElement, statuses: HTMLElement): void {
  for (const kind of ENTITY_KINDS) {
    const style = KIND_STYLE[kind];
    kinds.appendChild(h('li', null, icon(shapeElement(style.shape, style.colour)), style.label));
  }
  for (const status of LEGEND_STATUSES) {
    const style = STATUS_STYLE[status];
    const dash = style.line === 'dashed' ? '6 4' : style.line === 'dotted' ? '1.5 3' : 'none';
    const line = svg('line', {
      x1: 1,
      y1: 10,
      x2: 33,
      y2: 10,
      stroke: style.colour,
      'stroke-width': style.width,
      'stroke-dasharray': dash,
      'stroke-linecap': style.line === 'dotted' ? 'round' : 'butt',
    });
    statuses.appendChild(h('li', null, icon(line, 34), `relation ${style.label}`));
  }
}
