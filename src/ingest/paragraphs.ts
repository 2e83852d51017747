/**
 * The paragraphs of a text: its non-blank lines, with their start and end offsets (a line
 * ending in CRLF ends before its \r).
 */
export function paragraphStarts(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const body = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (body.trim() !== '') spans.push({ start: offset, end: offset + body.length });
    offset += line.length + 1;
  }
  return spans;
}

/**
 * The paragraph spans of the texts looked at last. A batch cites each source many times (a
 * directory article once per line), and splitting its text for every quote made validating and
 * planning quadratic in the source's length; a few recent texts cover a batch read in order.
 */
const recent = new Map<string, { start: number; end: number }[]>();
const RECENT_TEXTS = 16;

function spansOf(text: string): { start: number; end: number }[] {
  let spans = recent.get(text);
  if (spans === undefined) {
    spans = paragraphStarts(text);
    if (recent.size >= RECENT_TEXTS) recent.delete(recent.keys().next().value as string);
    recent.set(text, spans);
  }
  return spans;
}

/** The paragraph that holds [start, end), or -1 when none does (validation refuses that). */
export function paragraphOf(text: string, start: number, end: number): number {
  const spans = spansOf(text);
  // The last paragraph starting at or before `start` is the only one that can hold the span.
  let lo = 0;
  let hi = spans.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if ((spans[mid] as { start: number }).start <= start) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const span = spans[found];
  return span !== undefined && end <= span.end ? found : -1;
}
