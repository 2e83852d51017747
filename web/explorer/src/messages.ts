/** Readable messages: API errors and notices above the graph, counts in the status line. */
import { ApiError } from './api.js';
import { button, byId, h, replaceChildren } from './dom.js';

/** Shows an error (an ApiError's readable message with its code and the server's words). */
export function showError(error: unknown, context: string | null = null): void {
  const alerts = byId('alerts');
  let message: string;
  let detail: string | null = null;
  let code: string | null = null;
  if (error instanceof ApiError) {
    message = error.message;
    detail = error.detail !== null && error.detail !== error.message ? error.detail : null;
    code = error.code;
  } else {
    message = error instanceof Error ? error.message : String(error);
  }
  const item = h(
    'div',
    { class: 'alert', attrs: { 'data-code': code ?? 'CLIENT' } },
    h(
      'p',
      null,
      context !== null ? `${context}: ` : null,
      message,
      detail !== null ? h('span', { class: 'detail' }, ` ${detail}`) : null,
      code !== null ? h('code', null, ` (${code})`) : null,
    ),
    button('Dismiss', () => item.remove(), { attrs: { 'aria-label': 'Dismiss this message' } }),
  );
  // The newest message replaces an identical older one rather than stacking up.
  for (const old of [...alerts.children]) if (old.textContent === item.textContent) old.remove();
  alerts.prepend(item);
  while (alerts.children.length > 3) alerts.lastElementChild?.remove();
}

/** A notice: something worth knowing that is not a failure. */
export function showNotice(message: string): void {
  const alerts = byId('alerts');
  const item = h(
    'div',
    { class: 'alert notice', attrs: { 'data-code': 'NOTICE' } },
    h('p', null, message),
    button('Dismiss', () => item.remove()),
  );
  alerts.prepend(item);
  while (alerts.children.length > 3) alerts.lastElementChild?.remove();
}

export function clearMessages(): void {
  replaceChildren(byId('alerts'));
}

export function setStatus(text: string): void {
  byId('status').textContent = text;
}
