/**
 * What is wrong with a value (said after "Key=value …"), the word probably meant, and whether
 * systemd refuses to load the whole unit (most parsers log and ignore just the setting), or drops
 * only part of a list (`dropped`, test/oracle/list-items.test.ts): that entry, keeping the others
 * (ReadWritePaths=/a b /c keeps /a and /c); that entry and the ones after it (Symlinks=/a b /c keeps
 * /a); or an image's partition options, keeping the image. `effect`: what systemd does instead,
 * when it is none of these.
 */
export type ValueProblem = { what: string; meant?: string; refused?: boolean; dropped?: "entry" | "rest" | "options"; effect?: string } | null;

/**
 * Checks one value the way systemd's parser for its setting reads it, for the targeted version;
 * `key` for the few parsers that read values differently per setting (LimitNOFILE= vs LimitAS=);
 * `expand` for the parsers that split a value before they expand specifiers (command lines, word
 * lists, the parts of a tuple: values/index.ts EXPANDED_BY_PART): the value comes as written and
 * `expand` gives the expansion of one part. Every other check gets its value already expanded.
 */
export type ValueCheck = (value: string, target: number, key?: string, expand?: (word: string) => string) => ValueProblem;

/**
 * Text a message quotes, cut after its first 100 characters when it is longer than 120: a finding
 * names a value, it does not copy a megabyte of it (the stylish report shows the line itself).
 */
export const elide = (text: string): string => (text.length > 120 ? `${Array.from(text).slice(0, 100).join("")}…` : text);

/** The expansion a check uses when its value comes already expanded (ValueCheck's `expand`). */
export const asWritten = (part: string): string => part;

/** A bad entry of a list whose parser skips it: only that entry is dropped, when the value holds others. */
export const entryDropped = (problem: NonNullable<ValueProblem>, others: boolean): ValueProblem => (others ? { ...problem, dropped: "entry" } : problem);

/** A value the targeted release does not know yet: `what` as the message names it ('"idle"', 'the "‰" suffix'). */
export const needsNewer = (since: number, target: number, what: string): ValueProblem => ({ what: `needs systemd ≥ ${since} (${target} does not know ${what})` });

/** Value checks by systemd's parser function name (config_parse_…). */
export type ValueChecks = Readonly<Record<string, ValueCheck>>;
