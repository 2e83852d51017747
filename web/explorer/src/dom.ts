/**
 * A tiny element builder. Text always goes in as text nodes, never as HTML, so names and quotes
 * from the graph cannot inject markup; there are no inline handlers or styles (the CSP forbids
 * them), only listeners.
 */

type Child = Node | string | number | null | undefined | false;

export interface Props {
  class?: string;
  id?: string;
  title?: string;
  type?: string;
  hidden?: boolean;
  disabled?: boolean;
  /** Other attributes: aria-*, data-*, role, for, value, ... */
  attrs?: Record<string, string>;
  onClick?: (event: MouseEvent) => void;
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props !== null) {
    if (props.class !== undefined) element.className = props.class;
    if (props.id !== undefined) element.id = props.id;
    if (props.title !== undefined) element.title = props.title;
    if (props.hidden === true) element.hidden = true;
    if (props.type !== undefined) element.setAttribute('type', props.type);
    if (props.disabled === true) element.setAttribute('disabled', '');
    for (const [name, value] of Object.entries(props.attrs ?? {})) element.setAttribute(name, value);
    const onClick = props.onClick;
    if (onClick !== undefined) element.addEventListener('click', (event) => onClick(event as MouseEvent));
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? text(String(child)) : child);
  }
}

export function text(value: string): Text {
  return document.createTextNode(value);
}

/** A button: `type="button"` so it never submits a form. */
export function button(label: Child | Child[], onClick: () => void, props: Omit<Props, 'onClick' | 'type'> = {}) {
  return h(
    'button',
    { ...props, type: 'button', onClick: () => onClick() },
    ...(Array.isArray(label) ? label : [label]),
  );
}

/** Replaces every child of `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`the page has no #${id}`);
  return element as T;
}

/** Saves a blob as a file through a temporary same-origin blob: link. */
export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
