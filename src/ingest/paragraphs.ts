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

// The spans of the text asked about last: a batch cites one source many times (the national
// catalogue, 2,543 lines, some 20,000 times), and splitting it again for each citation made
// validating and planning quadratic in the source's length.
let cached: { text: string; spans: { start: number; end: number }[] } | null = null;

/** The paragraph that holds [start, end), or -1 when none does (validation refuses that). */
export function paragraphOf(text: string, start: number, end: number): number {
  if (cached?.text !== text) cached = { text, spans: paragraphStarts(text) };
  const { spans } = cached;
  // The last paragraph that starts at or before `start` is the only one that can hold the span.
  let low = 0;
  let high = spans.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((spans[middle] as { start: number }).start <= start) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  const span = spans[found];
  return span !== undefined && end <= span.end ? found : -1;
}
