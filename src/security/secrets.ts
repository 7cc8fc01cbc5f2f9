/**
 * What looks like a credential in an environment variable: by its name (API_KEY, DB_PASSWORD,
 * GITHUB_TOKEN, …) or by its value (the shapes of well-known token formats). Used by UL401; never
 * returns or logs the value itself.
 */

/** Names whose value is a secret: a word (between underscores) that says so. */
const SECRET_WORDS = /(?:^|_)(PASSWORD|PASSWD|PASSPHRASE|PASS|PWD|SECRET|TOKEN|APIKEY|CREDENTIALS?|PRIVATE_?KEY|(?:API|ACCESS|SECRET|AUTH|SIGNING|ENCRYPTION|MASTER|LICENSE|CLIENT|APP|SERVICE|ACCOUNT|SESSION)_?KEY|KEY)(?:_|$)/;
/** Names that hold where a secret is, or something public, not the secret. */
const NOT_SECRET_NAMES = /(?:_(FILE|PATH|DIR|DIRECTORY|URL_FILE|ID|NAME|USER|USERNAME|LENGTH|LEN|SIZE|TYPE|ALGORITHM|ALG|HEADER|PREFIX|ENV|VAR|HOST|PORT|EXPIRY|EXPIRES|TTL|ROTATION|VERSION|FINGERPRINT|FORMAT)$)|PUBLIC|(?:^|_)PWD$|^OLDPWD$|KEYRING|KEYBOARD|KEYMAP|(?:^|_)XKB_/;

/** Well-known token shapes, with what they are. */
const TOKEN_SHAPES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^sk-(?:proj-|ant-(?:api\d\d-)?)?[A-Za-z0-9_-]{20,}$/, "an OpenAI or Anthropic API key (sk-…)"],
  [/^(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,}$/, "a GitHub token (ghp_…)"],
  [/^github_pat_[A-Za-z0-9_]{22,}$/, "a GitHub fine-grained token (github_pat_…)"],
  [/^glpat-[A-Za-z0-9_-]{20,}$/, "a GitLab token (glpat-…)"],
  [/^(?:AKIA|ASIA)[0-9A-Z]{16}$/, "an AWS access key ID (AKIA…)"],
  [/^xox[abposr]-[A-Za-z0-9-]{10,}$/, "a Slack token (xox…-)"],
  [/^AIza[0-9A-Za-z_-]{35}$/, "a Google API key (AIza…)"],
  [/^(?:sk|rk)_live_[0-9A-Za-z]{16,}$/, "a Stripe live key (sk_live_…)"],
  [/^npm_[A-Za-z0-9]{36}$/, "an npm token (npm_…)"],
  [/^hf_[A-Za-z0-9]{30,}$/, "a Hugging Face token (hf_…)"],
  [/^eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]+$/, "a JSON Web Token"],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, "a private key"],
  [/^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i, "a URL with a password in it"],
];

/** Values that cannot be the secret itself: empty, a path, a reference to another variable or to a credential. */
function placeholder(value: string): boolean {
  return value === "" || value.startsWith("/") || /^\$\{?[A-Za-z_]/.test(value) || /^%[dC]\//.test(value) || /^(changeme|change-me|xxx+|\*+|<.*>|none|null|false|true|no|yes|0|1)$/i.test(value);
}

/**
 * Why `name=value` looks like a credential ("its name says so", or the token kind), or null.
 * The value is only inspected, never returned.
 */
export function credentialReason(name: string, value: string): string | null {
  for (const [shape, what] of TOKEN_SHAPES) if (shape.test(value)) return `its value looks like ${what}`;
  if (placeholder(value)) return null;
  const upper = name.toUpperCase();
  if (SECRET_WORDS.test(upper) && !NOT_SECRET_NAMES.test(upper)) return "its name says it holds a secret";
  return null;
}

/**
 * The `NAME=value` words of an Environment= value, as config_parse_environ() splits them: on
 * whitespace, with "double" and 'single' quotes and backslash escapes. Words that are not
 * assignments are left out.
 */
export function environmentAssignments(value: string): Array<{ name: string; value: string }> {
  const out: Array<{ name: string; value: string }> = [];
  let word = "";
  let quote: string | null = null;
  let inWord = false;
  const flush = (): void => {
    const eq = word.indexOf("=");
    if (inWord && eq > 0) out.push({ name: word.slice(0, eq), value: word.slice(eq + 1) });
    word = "";
    inWord = false;
  };
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === "\\" && i + 1 < value.length && quote !== "'") {
      word += value[++i];
      inWord = true;
    } else if (quote) {
      if (c === quote) quote = null;
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (/\s/.test(c)) {
      flush();
    } else {
      word += c;
      inWord = true;
    }
  }
  flush();
  return out;
}
