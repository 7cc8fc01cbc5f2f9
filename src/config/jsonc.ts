/**
 * JSON with comments, as `.unitlint.json` allows (like tsconfig.json): `//` and `/* … *\/`
 * comments outside strings become spaces, so that JSON.parse's positions still point at the
 * right line and column. Trailing commas are not allowed: the file stays plain JSON otherwise.
 */
export function stripJsonComments(text: string): string {
  let out = "";
  let i = 0;
  let copied = 0;
  const blank = (from: number, to: number): string => text.slice(from, to).replace(/[^\r\n]/g, " ");
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      // Skip the string, escapes included.
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++;
      i++;
    } else if (c === "/" && text[i + 1] === "/") {
      const end = text.indexOf("\n", i);
      const stop = end < 0 ? text.length : end;
      out += text.slice(copied, i) + blank(i, stop);
      i = copied = stop;
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      const stop = end < 0 ? text.length : end + 2;
      out += text.slice(copied, i) + blank(i, stop);
      i = copied = stop;
    } else {
      i++;
    }
  }
  return out + text.slice(copied);
}
