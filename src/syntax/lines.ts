import type { PhysicalLine, Span } from "./ast.js";

const BOM = "\uFEFF";

/**
 * Splits text into physical lines the way systemd's read_line() does: `\n`, `\r`,
 * `\r\n`, `\n\r` and NUL each end a line, and a NUL right after `\n`, `\r`,
 * `\r\n` or `\n\r` belongs to the same line end (fileio.c read_line_full(),
 * systemd-facts §8). A final line without a line ending is still a line; an
 * empty text has no lines. `bom` is the byte-order mark as it appears in `text`
 * (three Latin-1 characters when the text holds raw bytes).
 */
export function splitLines(text: string, bom: string = BOM): PhysicalLine[] {
  const lines: PhysicalLine[] = [];
  let start = text.startsWith(bom) ? bom.length : 0;
  const n = text.length;
  if (!text.includes("\r") && !text.includes("\0")) {
    // The usual file: only "\n". indexOf scans natively, which matters before the JIT warms up.
    for (let end = text.indexOf("\n", start); end >= 0; end = text.indexOf("\n", start)) {
      lines.push({ number: lines.length + 1, start, end, next: end + 1 });
      start = end + 1;
    }
    if (start < n) lines.push({ number: lines.length + 1, start, end: n, next: n });
    return lines;
  }
  let i = start;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13 || c === 0) {
      let next = i + 1;
      if (c !== 0 && next < n) {
        const d = text.charCodeAt(next);
        if ((c === 10 && d === 13) || (c === 13 && d === 10)) next++;
        if (next < n && text.charCodeAt(next) === 0) next++;
      }
      lines.push({ number: lines.length + 1, start, end: i, next });
      start = next;
      i = next;
    } else {
      i++;
    }
  }
  if (start < n) lines.push({ number: lines.length + 1, start, end: n, next: n });
  return lines;
}

/** Maps offsets to 1-based line/column positions. */
export class LineIndex {
  constructor(private readonly lines: readonly PhysicalLine[]) {}

  /** The line containing `offset` (offsets past a line's end belong to it until the next line starts). */
  lineAt(offset: number): PhysicalLine | undefined {
    const lines = this.lines;
    let lo = 0;
    let hi = lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lines[mid]!.start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lines[lo];
  }

  span(start: number, end: number): Span {
    const a = this.lineAt(start);
    const b = end === start ? a : this.lineAt(Math.max(start, end - 1));
    return {
      start,
      end,
      line: a?.number ?? 1,
      column: a ? Math.max(start - a.start, 0) + 1 : 1,
      endLine: b?.number ?? 1,
      endColumn: b ? Math.max(end - b.start, 0) + 1 : 1,
    };
  }
}
