// Functions passed to page.evaluate run in the browser, so these files see the DOM types too.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { createApp, type App } from '../../src/app';
import { loadSeed } from '../../src/ingest/seed';
import {
  ENTITY_KINDS,
  KIND_STYLE,
  LEGEND_STATUSES,
  RELATION_TYPES,
  STATUS_STYLE,
  TYPES_OFF_BY_DEFAULT,
  kindStyle,
  statusStyle,
  typeLabel,
  typesToMask,
} from '../../web/explorer/src/vocabulary';
import { decodePng, describeInChromium, launchBrowser, screenshot, type Browser } from '../helpers/browser';
import { testConfig } from '../helpers/env';
import { ExplorerPage } from '../helpers/explorer-page';
import { postGraphQL } from '../helpers/graphql';

// A browser on a shared 2-core machine: generous per-test timeouts.
jest.setTimeout(180_000);

const ZONE = 'zone:shangdang-etdz';
const ZONE_NAME = '上党经济技术开发区';
const SHENCHI = 'zone:shenchi-modern-agriculture';
/** The relation types an expansion asks for by default, as a deep link writes them. */
const DEFAULT_MASK = typesToMask(RELATION_TYPES.filter((type) => !TYPES_OFF_BY_DEFAULT.includes(type)));
const EXPANDED_ZONE = `?o=${ZONE}&x=${ZONE}~25~${DEFAULT_MASK}&e=${ZONE}`;

/** `#e15759` as Cytoscape reports a colour: `rgb(225,87,89)`. */
function rgb(hex: string): string {
  return `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(',')})`;
}

/** A font the CSS and canvas stacks name that .ci/install-browser installs (fonts-wqy-microhei). */
const CJK_FONT = 'WenQuanYi Micro Hei';

interface EndOut {
  id: string;
  kind: string;
}

interface EvidenceOut {
  quote: string;
  paragraph: number;
  charStart: number;
  charEnd: number;
  source: { text: string; paragraphs: string[] };
}

describeInChromium('the explorer in Chromium, on the seed graph', () => {
  let app: App;
  let browser: Browser;
  let origin: string;
  let tab: ExplorerPage | null = null;

  beforeAll(async () => {
    app = await createApp(testConfig(), { log: () => undefined });
    origin = new URL(app.url).origin;
    expect((await loadSeed(app.executor)).issues).toEqual([]);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  afterEach(async () => {
    await tab?.close();
    tab = null;
  });

  async function open(query = ''): Promise<ExplorerPage> {
    tab = await ExplorerPage.open(browser.context, origin, query);
    return tab;
  }

  async function api<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const { body } = await postGraphQL(app.url, query, variables);
    expect(body.errors).toBeUndefined();
    return body.data as T;
  }

  async function relationEvidence(id: string): Promise<EvidenceOut[]> {
    const data = await api<{ node: { evidence: EvidenceOut[] } }>(
      `query($id: ID!) { node(id: $id) { ... on Relation {
        evidence { quote paragraph charStart charEnd source { text paragraphs } } } } }`,
      { id },
    );
    return data.node.evidence;
  }

  async function degree(id: string): Promise<number> {
    const data = await api<{ neighborhood: { nodes: { degree: number }[] } }>(
      'query($id: ID!) { neighborhood(id: $id, limit: 100) { nodes { degree } } }',
      { id },
    );
    return data.neighborhood.nodes[0]?.degree ?? -1;
  }

  test('search 上党 and open the zone', async () => {
    const page = await open();
    expect(await page.page.isVisible('#empty')).toBe(true);
    await page.page.fill('#search-input', '上党');
    await page.page.press('#search-input', 'Enter');
    await page.page.waitForSelector('#search-results button');
    const found = await page.page.$$eval('#search-results button', (buttons) =>
      buttons.map((button) => button.getAttribute('data-entity')),
    );
    expect(found).toEqual(expect.arrayContaining([ZONE, 'region:shangdang-district']));
    await screenshot(page.page, '01-search');

    await page.page.click(`#search-results button[data-entity="${ZONE}"]`);
    await page.page.waitForSelector('#card-name');
    await page.idle();
    expect(await page.page.textContent('#card-name')).toBe(ZONE_NAME);
    // The card shows the name in every script the API has.
    const names = await page.page.textContent('#panel-entity dl.names');
    expect(names).toContain('上黨經濟技術開發區');
    expect(names).toContain('Shangdang Economic and Technological Development Zone');
    expect(names).toContain('sdjjjskfq');
    expect(await page.status()).toBe('1 node · 0 edges');
    const view = await page.snapshot();
    expect(view.nodes).toEqual([ZONE]);
    expect(view.selected).toBe(ZONE);
    expect(new URL(view.link).searchParams.getAll('o')).toEqual([ZONE]);

    // Pinyin with the kind filter finds the same zone and nothing else.
    await page.page.fill('#search-input', 'shangdang');
    await page.page.selectOption('#search-kind', 'ZONE');
    await page.page.click('#search-form button[type=submit]');
    await page.page.waitForSelector('#search-results button');
    await page.idle();
    expect(
      await page.page.$$eval('#search-results button', (buttons) => buttons.map((b) => b.getAttribute('data-entity'))),
    ).toEqual([ZONE]);

    // English and initials, over all kinds, find it too.
    await page.page.selectOption('#search-kind', '');
    for (const query of ['Shangdang Economic and Technological', 'sdjjjskfq']) {
      await page.page.fill('#search-input', query);
      await page.page.press('#search-input', 'Enter');
      await page.page.waitForSelector('#search-results button');
      await page.idle();
      const hits = await page.page.$$eval('#search-results button', (buttons) =>
        buttons.map((b) => b.getAttribute('data-entity')),
      );
      expect(hits).toContain(ZONE);
    }
    await screenshot(page.page, '02-opened');
    page.expectClean();
  });

  test('expanding by double-click and by keyboard shows as many neighbours as the API counts; hide, pin, remove and undo', async () => {
    const page = await open(`?o=${ZONE}&e=${ZONE}`);
    await page.shown('#card-expand');
    const zoneDegree = await degree(ZONE);
    expect(zoneDegree).toBeGreaterThan(10);
    expect(await page.page.textContent('#card-expand')).toBe(`Expand (${zoneDegree} relations)`);

    await page.clickElement(ZONE, { double: true });
    await page.page.waitForFunction(
      (n) => document.querySelector('#status')?.textContent?.startsWith(`${n} nodes`),
      zoneDegree + 1,
    );
    await page.idle();
    expect(await page.page.textContent('#card-neighbours')).toBe(`${zoneDegree} neighbours in view`);
    let view = await page.snapshot();
    expect(view.nodes).toHaveLength(zoneDegree + 1);
    await screenshot(page.page, '03-expanded');

    // Keyboard: move the selection with an arrow key, expand with Enter.
    await page.page.focus('#graph');
    await page.page.keyboard.press('ArrowRight');
    await page.idle();
    const chosen = (await page.snapshot()).selected;
    expect(chosen).not.toBeNull();
    expect(chosen).not.toBe(ZONE);
    const before = new Set((await page.snapshot()).nodes);
    await page.page.keyboard.press('Enter');
    await page.page.waitForFunction(
      (id) => new URL(location.href).searchParams.getAll('x').some((x) => x.startsWith(`${id}~`)),
      chosen,
    );
    await page.idle();
    expect(await page.page.textContent('#card-neighbours')).toBe(`${await degree(chosen ?? '')} neighbours in view`);
    view = await page.snapshot();
    expect(view.nodes.length).toBeGreaterThanOrEqual(before.size);

    // Hide (H), pin (P) and remove (Delete) the selected node, then undo all three.
    const full = await page.snapshot();
    await page.page.keyboard.press('p');
    await page.idle();
    expect((await page.snapshot()).pinned).toEqual([chosen]);
    await page.page.keyboard.press('h');
    await page.idle();
    expect((await page.snapshot()).hidden).toEqual([chosen]);
    expect(await page.status()).toContain('1 hidden');
    await page.page.keyboard.press('Delete');
    await page.idle();
    view = await page.snapshot();
    expect(view.nodes).not.toContain(chosen);
    expect(new URL(view.link).searchParams.get('d')).toBe(chosen);
    for (let i = 0; i < 3; i += 1) await page.page.keyboard.press('Control+z');
    await page.idle();
    view = await page.snapshot();
    expect(view.nodes).toEqual(full.nodes);
    expect(view.edges).toEqual(full.edges);
    expect(view.hidden).toEqual([]);
    expect(view.pinned).toEqual([]);
    page.expectClean();
  });

  test('an edge opens its evidence, highlighted at the stored offsets inside its paragraph', async () => {
    const page = await open(EXPANDED_ZONE);
    const financing = await api<{ node: { relations: { edges: { node: { id: string; from: { id: string } } }[] } } }>(
      `{ node(id: "${ZONE}") { ... on Entity { relations(types: [FINANCED_BY], first: 10) {
        edges { node { id from { id } } } } } } }`,
    );
    const relation = financing.node.relations.edges.find((edge) => edge.node.from.id === ZONE)?.node.id ?? '';
    expect((await page.snapshot()).edges).toContain(relation);

    await page.clickElement(relation);
    await page.page.waitForSelector('#panel-evidence[aria-busy="false"] .paragraph');
    expect(await page.page.getAttribute('#tab-evidence', 'aria-selected')).toBe('true');
    expect(await page.page.textContent('#panel-evidence h2')).toBe(`${ZONE_NAME} — financed by → 地方政府专项债券`);

    const evidence = await relationEvidence(relation);
    expect(evidence.length).toBeGreaterThan(1);
    const shown = await page.page.$$eval('#panel-evidence .paragraph', (paragraphs) =>
      paragraphs.map((p) => ({ text: p.textContent, mark: p.querySelector('mark')?.textContent })),
    );
    expect(shown).toEqual(
      evidence.map((item) => ({
        text: item.source.paragraphs[item.paragraph],
        mark: item.source.text.slice(item.charStart, item.charEnd),
      })),
    );
    for (const item of evidence) expect(item.source.text.slice(item.charStart, item.charEnd)).toBe(item.quote);
    const header = await page.page.textContent('#panel-evidence .evidence-item header');
    expect(header).toContain('多措并举深化改革 聚力激活发展动能');
    expect(header).toContain('王波');
    expect(header).toContain('科学导报');
    expect(await page.page.isVisible('#panel-evidence .mismatch')).toBe(false);
    await screenshot(page.page, '04-evidence');
    page.expectClean();
  });

  test('the picture and legend: kinds coloured and shaped, edges labelled and styled by status, in a CJK font', async () => {
    const page = await open(EXPANDED_ZONE);
    const view = await page.snapshot();
    const answer = await api<{
      node: {
        relations: {
          edges: {
            node: { id: string; type: string; status: string | null; from: EndOut; to: EndOut };
          }[];
        };
      };
    }>(
      `{ node(id: "${ZONE}") { ... on Entity { relations(first: 100) {
        edges { node { id type status from { id kind } to { id kind } } } } } } }`,
    );
    const relations = new Map(answer.node.relations.edges.map((edge) => [edge.node.id, edge.node]));
    const kinds = new Map<string, string>();
    for (const relation of relations.values()) {
      kinds.set(relation.from.id, relation.from.kind);
      kinds.set(relation.to.id, relation.to.kind);
    }

    // Each node is drawn in its kind's shape and colour (the API's kind), labelled in the CJK stack.
    const looks = new Map<string, string>();
    for (const id of view.nodes) {
      const drawn = await page.drawnStyle(id);
      if (drawn?.group !== 'node') throw new Error(`${id} is not drawn as a node`);
      expect(drawn.kind).toBe(kinds.get(id));
      const style = kindStyle(drawn.kind);
      expect({ id, shape: drawn.shape, colour: drawn.colour.replace(/\s/g, '') }).toEqual({
        id,
        shape: style.shape,
        colour: rgb(style.colour),
      });
      expect(drawn.fontFamily).toContain(CJK_FONT);
      looks.set(drawn.kind, `${drawn.shape} ${drawn.colour}`);
    }
    // Several kinds are on screen, and no two of them look alike.
    expect(looks.size).toBeGreaterThanOrEqual(5);
    expect(new Set(looks.values()).size).toBe(looks.size);

    // Each edge is labelled by its type and drawn as its status says (the API's status).
    const lines = new Set<string>();
    for (const id of view.edges) {
      const relation = relations.get(id);
      const drawn = await page.drawnStyle(id);
      if (drawn?.group !== 'edge' || relation === undefined) throw new Error(`${id} is not drawn as an edge`);
      const style = statusStyle(relation.status);
      expect({ id, label: drawn.label, line: drawn.lineStyle, colour: drawn.colour.replace(/\s/g, '') }).toEqual({
        id,
        label: typeLabel(relation.type),
        line: style.line,
        colour: rgb(style.colour),
      });
      lines.add(drawn.lineStyle);
    }
    // The zone's relations are in more than one state, so the styles are seen to differ.
    expect(lines.size).toBeGreaterThanOrEqual(2);

    // The legend shows every kind's shape and colour, and the status lines, as the canvas draws them.
    expect(await page.page.isVisible('#legend-kinds')).toBe(true);
    const legendKinds = await page.page.$$eval('#legend-kinds li', (items) =>
      items.map((item) => ({ label: item.textContent, fill: item.querySelector('svg > *')?.getAttribute('fill') })),
    );
    expect(legendKinds).toEqual(
      ENTITY_KINDS.map((kind) => ({ label: KIND_STYLE[kind].label, fill: KIND_STYLE[kind].colour })),
    );
    const legendLines = await page.page.$$eval('#legend-statuses li', (items) =>
      items.map((item) => ({ label: item.textContent, stroke: item.querySelector('line')?.getAttribute('stroke') })),
    );
    expect(legendLines).toEqual(
      LEGEND_STATUSES.map((status) => ({
        label: `relation ${STATUS_STYLE[status].label}`,
        stroke: STATUS_STYLE[status].colour,
      })),
    );

    // The page's own text (the card's name) uses the CJK stack too.
    const cardFont = await page.page.$eval('#card-name', (element) => getComputedStyle(element).fontFamily);
    expect(cardFont).toContain(CJK_FONT);
    page.expectClean();
  });

  test('the card lists names, kind and subtype, facts with amounts, and relations; kind filters and the Undo button', async () => {
    const page = await open(EXPANDED_ZONE);
    await page.shown(`#panel-entity[data-entity="${ZONE}"][aria-busy="false"]`);
    await page.page.waitForSelector('#card-relations li');
    await page.idle();
    const detail = await api<{
      node: {
        subtype: string;
        nameVariants: { kind: string; text: string }[];
        facts: { id: string; quantity: { formatted: string } | null }[];
        relations: { totalCount: number; edges: { node: { id: string } }[] };
      };
    }>(
      `{ node(id: "${ZONE}") { ... on Zone { subtype nameVariants { kind text } facts { id quantity { formatted } }
        relations(first: 20, types: [${RELATION_TYPES.join(', ')}]) { totalCount edges { node { id } } } } } }`,
    );

    expect(await page.page.textContent('#panel-entity > p.meta')).toBe(
      `Zone · ${detail.node.subtype.toLowerCase().replace(/_/g, ' ')} · ${ZONE}`,
    );
    // Every written form of the name, aliases included.
    const names = (await page.page.textContent('#panel-entity dl.names')) ?? '';
    expect(detail.node.nameVariants.filter((variant) => variant.kind === 'ALIAS').map((v) => v.text)).toContain(
      '上党经开区',
    );
    for (const variant of detail.node.nameVariants) expect(names).toContain(variant.text);
    // Facts with a parsed amount show it.
    const measured = detail.node.facts.filter((fact) => fact.quantity !== null);
    expect(measured.length).toBeGreaterThan(0);
    for (const fact of measured) {
      expect(await page.page.textContent(`#panel-entity li[data-fact="${fact.id}"]`)).toContain(
        `= ${fact.quantity?.formatted}`,
      );
    }
    // The relations, a page at a time, in the API's order.
    const listed = await page.page.$$eval('#card-relations > li', (items) =>
      items.map((item) => item.getAttribute('data-relation')),
    );
    expect(listed).toEqual(detail.node.relations.edges.map((edge) => edge.node.id));
    expect(await page.page.textContent('#panel-entity')).toContain(
      `${listed.length} of ${detail.node.relations.totalCount} relations`,
    );
    await screenshot(page.page, '05-card');

    // Unticking a kind takes its nodes and their edges out of the picture and into the link.
    const full = await page.snapshot();
    const ends = await api<{ node: { relations: { edges: { node: { id: string; from: EndOut; to: EndOut } }[] } } }>(
      `{ node(id: "${ZONE}") { ... on Entity { relations(first: 100) {
        edges { node { id from { id kind } to { id kind } } } } } } }`,
    );
    const firms = new Set<string>();
    const firmEdges = new Set<string>();
    for (const { node } of ends.node.relations.edges) {
      for (const end of [node.from, node.to]) {
        if (end.kind === 'ENTERPRISE' && full.nodes.includes(end.id)) {
          firms.add(end.id);
          firmEdges.add(node.id);
        }
      }
    }
    expect(firms.size).toBeGreaterThan(0);
    await page.page.click('#filter-kind-ENTERPRISE');
    await page.idle();
    const filtered = await page.snapshot();
    expect(filtered.kindsOff).toEqual(['ENTERPRISE']);
    expect(filtered.nodes).toEqual(full.nodes.filter((id) => !firms.has(id)));
    expect(filtered.edges).toEqual(full.edges.filter((id) => !firmEdges.has(id)));
    expect(await page.pagePosition([...firms][0] ?? '')).toBeNull();
    expect(new URL(filtered.link).searchParams.get('k')).toBe('ENTERPRISE');
    expect(await page.page.isChecked('#filter-kind-ENTERPRISE')).toBe(false);
    expect(await page.status()).toContain(`${firms.size} filtered out`);

    // The toolbar's Undo brings them back.
    await page.page.click('#undo');
    await page.idle();
    const undone = await page.snapshot();
    expect(undone.nodes).toEqual(full.nodes);
    expect(undone.edges).toEqual(full.edges);
    expect(undone.kindsOff).toEqual([]);
    expect(await page.page.isChecked('#filter-kind-ENTERPRISE')).toBe(true);
    page.expectClean();
  });

  test('a fact with presentable: false is marked, and its evidence opens from the card', async () => {
    const page = await open(`?o=${SHENCHI}&e=${SHENCHI}`);
    await page.shown('#panel-entity .facts');
    const facts = await api<{ node: { facts: { id: string; presentable: boolean; qualityFlags: string[] }[] } }>(
      `{ node(id: "${SHENCHI}") { ... on Entity { facts { id presentable qualityFlags } } } }`,
    );
    const flagged = facts.node.facts.filter((fact) => !fact.presentable);
    expect(flagged.length).toBeGreaterThan(0);
    const marked = await page.page.$$eval('#panel-entity li.fact.unpresentable', (items) =>
      items.map((item) => ({ id: item.getAttribute('data-fact'), text: item.textContent })),
    );
    expect(marked.map((item) => item.id).sort()).toEqual(flagged.map((fact) => fact.id).sort());
    for (const item of marked) expect(item.text).toContain('Not to be taken as true: IMPLAUSIBLE_MAGNITUDE');
    // Presentable facts carry no such mark.
    const plain = await page.page.$$eval('#panel-entity li.fact:not(.unpresentable)', (items) => items.length);
    expect(plain).toBe(facts.node.facts.length - flagged.length);

    await page.page.click(`#panel-entity li[data-fact="${flagged[0]?.id}"] button`);
    await page.page.waitForSelector('#panel-evidence[aria-busy="false"] mark');
    expect(await page.page.textContent('#panel-evidence mark')).toBe('目前种植芥菜87万平方千米');
    await screenshot(page.page, '05-fact-flagged');
    page.expectClean();
  });

  test('the path finder draws the shortest paths between two zones, each hop with its evidence', async () => {
    const page = await open(`?o=${SHENCHI}&e=${SHENCHI}`);
    await page.page.click('#card-path');
    expect(await page.page.textContent('#path-from')).toBe('神池现代农业产业示范区');
    await page.page.fill('#path-to-input', ZONE_NAME);
    await page.page.press('#path-to-input', 'Enter');
    await page.page.click(`#path-to-results button[data-entity="${ZONE}"]`);
    expect(await page.page.textContent('#path-to')).toBe(ZONE_NAME);
    await page.page.click('#path-find');
    await page.shown('#path-results section.path');
    await page.idle();

    const expected = await api<{ paths: { nodes: { id: string; name: string }[]; relations: { id: string }[] }[] }>(
      `{ paths(from: "${SHENCHI}", to: "${ZONE}", maxHops: 4) { nodes { id name } relations { id } } }`,
    );
    expect(expected.paths.length).toBeGreaterThan(0);
    const hops = await page.page.$$eval('#path-results section.path', (sections) =>
      sections.map((section) => [...section.querySelectorAll('li')].map((li) => li.getAttribute('data-relation'))),
    );
    expect(hops).toEqual(expected.paths.map((path) => path.relations.map((relation) => relation.id)));
    const view = await page.snapshot();
    for (const path of expected.paths) {
      expect(view.nodes).toEqual(expect.arrayContaining(path.nodes.map((node) => node.id)));
      expect(view.edges).toEqual(expect.arrayContaining(path.relations.map((relation) => relation.id)));
    }
    expect(new URL(view.link).searchParams.get('p')).toBe(`${SHENCHI}~${ZONE}~4`);

    // A hop's evidence: the quote highlighted is the source's text at the stored offsets.
    const first = expected.paths[0]?.relations[0]?.id ?? '';
    await page.page.click(`#path-results li[data-relation="${first}"] button`);
    await page.page.waitForSelector('#panel-evidence[aria-busy="false"] mark');
    const marks = await page.page.$$eval('#panel-evidence mark', (items) => items.map((m) => m.textContent));
    expect(marks).toEqual(
      (await relationEvidence(first)).map((item) => item.source.text.slice(item.charStart, item.charEnd)),
    );
    await page.page.click('#tab-paths');
    await screenshot(page.page, '06-path');
    page.expectClean();
  });

  test('partner suggestions list ranked candidates, and a reason draws its path with evidence', async () => {
    const firm = 'enterprise:huaqing';
    // The API's answer first: what the page must list, in this order.
    const expected = await api<{
      partnerSuggestions: { candidate: { id: string }; reasons: { path: { relations: { id: string }[] } }[] }[];
    }>(`{ partnerSuggestions(for: "${firm}", first: 10) { candidate { id } reasons { path { relations { id } } } } }`);
    expect(expected.partnerSuggestions.length).toBeGreaterThan(1);
    const page = await open(`?o=${firm}&e=${firm}`);
    await page.page.click('#card-partners');
    await page.shown('#partners-list li');
    await page.idle();
    const listed = await page.page.$$eval('#partners-list > li', (items) =>
      items.map((i) => i.getAttribute('data-candidate')),
    );
    expect(listed).toEqual(expected.partnerSuggestions.map((suggestion) => suggestion.candidate.id));

    await page.page.click('#partners-list > li:first-child .reasons button');
    await page.page.waitForSelector('#panel-evidence[aria-busy="false"] mark');
    await page.idle();
    const reasonPath = expected.partnerSuggestions[0]?.reasons[0]?.path.relations.map((relation) => relation.id) ?? [];
    expect(reasonPath.length).toBeGreaterThan(0);
    const view = await page.snapshot();
    expect(view.edges).toEqual(expect.arrayContaining(reasonPath));
    expect(new URL(view.link).searchParams.getAll('r')).toEqual(reasonPath);
    await screenshot(page.page, '07-partners');
    page.expectClean();
  });

  test('exports: PNG decodes, GraphML is well-formed with the view’s counts, JSON carries the evidence', async () => {
    const page = await open(EXPANDED_ZONE);
    // Hide one node so that "the view" and "everything loaded" differ.
    const loaded = await page.snapshot();
    const hidden = loaded.nodes.find((id) => id !== ZONE) ?? '';
    await page.selectNode(hidden);
    await page.page.click('#card-hide');
    await page.idle();
    const view = await page.snapshot();
    expect(view.hidden).toEqual([hidden]);
    expect(view.nodes).toHaveLength(loaded.nodes.length - 1);

    const png = await page.download('#export-png');
    expect(png.name).toBe('zonegraph-view.png');
    const image = decodePng(png.body);
    expect(image.width).toBeGreaterThan(200);
    expect(image.height).toBeGreaterThan(200);
    expect(image.nonWhitePixels).toBeGreaterThan(2000);

    const graphml = await page.download('#export-graphml');
    expect(graphml.name).toBe('zonegraph-view.graphml');
    // The browser's own XML parser: a parse error yields a <parsererror> document.
    const parsed = await page.page.evaluate((text) => {
      const document = new DOMParser().parseFromString(text, 'application/xml');
      const ns = 'http://graphml.graphdrawing.org/xmlns';
      return {
        error: document.getElementsByTagName('parsererror').length,
        root: document.documentElement.localName,
        nodes: [...document.getElementsByTagNameNS(ns, 'node')].map((node) => node.getAttribute('id')),
        edges: [...document.getElementsByTagNameNS(ns, 'edge')].map((edge) => edge.getAttribute('id')),
        evidence: [...document.getElementsByTagNameNS(ns, 'data')].filter((d) => d.getAttribute('key') === 'e_evidence')
          .length,
      };
    }, graphml.body.toString('utf8'));
    expect(parsed.error).toBe(0);
    expect(parsed.root).toBe('graphml');
    expect(parsed.nodes.sort()).toEqual(view.nodes);
    expect(parsed.edges.sort()).toEqual(view.edges);
    expect(parsed.evidence).toBe(view.edges.length);

    const json = await page.download('#export-json');
    const document = JSON.parse(json.body.toString('utf8')) as {
      nodes: { id: string }[];
      edges: { id: string; evidence: { quote: string; charStart: number; source: { title: string } }[] }[];
      link: string;
    };
    expect(document.nodes.map((node) => node.id)).toEqual(view.nodes);
    expect(document.edges.map((edge) => edge.id)).toEqual(view.edges);
    for (const edge of document.edges) {
      expect(edge.evidence.length).toBeGreaterThan(0);
      for (const item of edge.evidence) expect(item.quote.length).toBeGreaterThan(0);
    }
    expect(document.link).toBe(view.link);
    page.expectClean();
  });

  test('reloading a deep link rebuilds the same view', async () => {
    const page = await open(`?o=${ZONE}&e=${ZONE}`);
    await page.page.click('#card-expand');
    await page.page.waitForFunction(() => document.querySelector('#status')?.textContent !== '1 node · 0 edges');
    await page.idle();
    const neighbours = (await page.snapshot()).nodes.filter((id) => id !== ZONE);
    // Expand a park, hide one node, pin another, remove a third, filter out a relation type.
    const park = neighbours.find((id) => id.startsWith('park:')) ?? '';
    await page.clickElement(park, { double: true });
    await page.page.waitForFunction((id) => location.search.includes(`x=${id}`), park);
    await page.idle();
    const [hide, pin, remove] = neighbours.filter((id) => id !== park && !id.startsWith('region:'));
    for (const [id, button] of [
      [hide, '#card-hide'],
      [pin, '#card-pin'],
      [remove, '#card-remove'],
    ] as const) {
      await page.selectNode(id ?? '');
      await page.page.click(button);
      await page.idle();
    }
    await page.page.click('#filter-type-LOCATED_IN');
    await page.idle();
    await page.selectNode(park);
    const before = await page.snapshot();
    expect(before.hidden).toEqual([hide]);
    expect(before.pinned).toEqual([pin]);
    expect(before.nodes).not.toContain(remove);
    expect(before.typesOff).toContain('LOCATED_IN');
    expect(before.selected).toBe(park);

    await page.page.reload();
    await page.page.waitForFunction(() => 'zoneGraphExplorer' in window);
    await page.idle();
    expect(await page.snapshot()).toEqual(before);
    expect(await page.page.textContent('#card-name')).toBe(
      await api<{ node: { name: string } }>(`{ node(id: "${park}") { ... on Entity { name } } }`).then(
        (d) => d.node.name,
      ),
    );
    expect(await page.page.isChecked('#filter-type-LOCATED_IN')).toBe(false);
    await screenshot(page.page, '08-deep-link');
    page.expectClean();

    // The same link in a new tab gives the same view too.
    const other = await ExplorerPage.open(browser.context, origin, new URL(before.link).search);
    try {
      expect(await other.snapshot()).toEqual(before);
      other.expectClean();
    } finally {
      await other.close();
    }
  });
});
