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

/** The paragraph that holds [start, end), or -1 when none does (validation refuses that). */
export function paragraphOf(text: string, start: number, end: number): number {
  return paragraphStarts(text).findIndex((span) => start >= span.start && end <= span.end);
}
