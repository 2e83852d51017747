/**
 * Entry point: wires the toolbar, search, legend and keyboard to the explorer, and rebuilds the
 * view from the URL. Loaded as a module after the graph library's scripts.
 */
import { apiKey, setApiKey } from './api.js';
import { byId } from './dom.js';
import { Explorer } from './explorer.js';
import { renderLegend } from './legend.js';
import { clearMessages, showError, showNotice } from './messages.js';
import { setUpSearch } from './search-panel.js';

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement
  );
}

function start(): void {
  // Read the link before anything redraws (each redraw writes the URL).
  const link = location.search;
  if (typeof cytoscape !== 'function') {
    showError(new Error('The graph library did not load, so the view cannot be drawn.'));
    return;
  }
  const explorer = new Explorer();
  renderLegend(byId('legend-kinds'), byId('legend-statuses'));
  setUpSearch({
    open: (entity) => void explorer.open(entity),
    error: (error, context) => showError(error, context),
    busy: (work) => explorer.busy(work),
  });

  const click = (id: string, action: () => void) => byId(id).addEventListener('click', action);
  click('undo', () => explorer.undo());
  click('fit', () => explorer.view.fit());
  click('relayout', () => explorer.relayout());
  click('clear', () => explorer.clear());
  click('export-png', () => void explorer.exportPng());
  click('export-graphml', () => explorer.exportGraphml());
  click('export-json', () => explorer.exportJson());
  click('copy-link', () => {
    navigator.clipboard
      .writeText(location.href)
      .then(() => showNotice('The link to this view is copied.'))
      .catch(() => showNotice(`Copy this link: ${location.href}`));
  });

  // A server may require a key for reads (REQUIRE_API_KEY_FOR_READS): the key is kept for this
  // tab only (sessionStorage), sent as a bearer token, and the view is asked for again.
  click('api-key', () => {
    const key = prompt('API key for this server (kept for this tab only; leave empty to forget it):', apiKey() ?? '');
    if (key === null) return;
    setApiKey(key);
    clearMessages();
    showNotice(key.trim() === '' ? 'The API key is forgotten.' : 'The API key is set for this tab.');
    void explorer.restore(explorer.linkToRetry()).catch((error: unknown) => showError(error, 'Restoring the view'));
  });

  // Keys on the graph act on the selected node; Ctrl+Z undoes anywhere but in a text field.
  byId('graph').addEventListener('keydown', (event) => {
    const id = explorer.selected;
    const key = event.key;
    let handled = true;
    if (key === 'ArrowRight' || key === 'ArrowDown') explorer.step(1);
    else if (key === 'ArrowLeft' || key === 'ArrowUp') explorer.step(-1);
    else if (key === 'f') explorer.view.fit();
    else if (key === 'l') explorer.relayout();
    else if (key === 'Escape') explorer.select(null);
    else if (id === null) handled = false;
    else if (key === 'Enter' || key === 'e' || key === '+') void explorer.expand(id);
    else if (key === 'h') explorer.toggleHidden(id);
    else if (key === 'p') explorer.togglePinned(id);
    else if (key === 'Delete' || key === 'Backspace') explorer.remove(id);
    else handled = false;
    if (handled) event.preventDefault();
  });
  document.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === 'z' && !isTyping(event.target)) {
      event.preventDefault();
      explorer.undo();
    }
  });

  // For automation (the browser tests): what is drawn, where a node is on the page, and how it looks.
  Object.assign(window, {
    zoneGraphExplorer: {
      snapshot: () => explorer.snapshot(),
      pagePosition: (id: string) => explorer.view.pagePosition(id),
      drawnStyle: (id: string) => explorer.view.drawnStyle(id),
    },
  });

  void explorer.restore(link).catch((error: unknown) => showError(error, 'Restoring the link'));
}

start();
