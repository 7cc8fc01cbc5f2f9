import type { PhysicalLine } from "./ast.js";

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
