/** Escaping for the XML reports (checkstyle, junit). */

/**
 * Text for an attribute value or element content. Tabs and line breaks become character
 * references, since a parser turns them into spaces inside attributes; characters XML 1.0 cannot
 * carry at all, not even as references (other C0 controls, lone surrogates, U+FFFE/U+FFFF),
 * become U+FFFD so that a hostile unit file cannot make the report unparsable.
 */
export function xmlEscape(text: string): string {
  return text.replace(/[&<>"'\t\n\r]|[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => {
    switch (c) {
      case "&":
        return "&amp;";
      case "<":
        return "&lt;";
      case ">":
        return "&gt;";
      case '"':
        return "&quot;";
      case "'":
        return "&apos;";
      case "\t":
        return "&#9;";
      case "\n":
        return "&#10;";
      case "\r":
        return "&#13;";
      default:
        return "\ufffd";
    }
  });
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n';
