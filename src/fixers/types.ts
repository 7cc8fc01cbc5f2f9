/** A replacement of the original text between two offsets (UTF-16 code units, end exclusive). */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * "safe": cannot stop a working service from working (raising RestartSec=, moving a start-limit
 * setting to the section where systemd reads it, adding the empty ExecStart= reset);
 * "unsafe": may change what the service does (changing Restart=, sandboxing, removing directives).
 */
export type Applicability = "safe" | "unsafe";

/** A fix is atomic: all of its edits apply, or none. Edits of one fix never overlap. */
export interface Fix {
  title: string;
  applicability: Applicability;
  edits: TextEdit[];
}
