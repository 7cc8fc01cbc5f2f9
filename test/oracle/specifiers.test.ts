/**
 * Specifiers (UL305, and UL304 on values with `%`) against systemd-analyze 252: every directive
 * 252 parses itself gets, for each parser that expands specifiers, values with specifiers 252
 * resolves (which nothing must report) and values with specifiers it cannot resolve (which both
 * must report); parsers that keep `%` as it is get values with `%` that nothing must report.
 * The unit files are named d<N>.<type> (tmp-d<N>.mount…) and are not templates: %i is empty, so
 * a value of just "%i" is one systemd refuses or ignores (User=%i, After=%i), except where the
 * parser tests for emptiness after expanding (RootDirectory=%i resets, Description=%i is fine);
 * %n is "d<N>.service", %N and %p are "d<N>".
 * [Install] ("NULL" parser) is never read by systemd itself, so verify says nothing about it:
 * there the oracle is `systemctl --root=DIR enable` of systemd 252, which fails on a specifier it
 * cannot resolve.
 * Then the unit's own name: instances and names with escapes, dashes and dots, the specifiers of
 * the name (%n %N %p %P %j %J %i %I %f) in command lines, paths, users and word lists, and seeded
 * random draws of names × specifiers × settings (in the unit, in a drop-in of it, and in every
 * setting of five sections that expands specifiers): where systemd refuses the unit, and which
 * lines it warns about, unitlint must say the same.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lint } from "../../src/engine/lint.js";
import { specifierTable } from "../../src/model/specifiers.js";
import { stemParts } from "../../src/model/unit-name.js";
import { unitNameProblem } from "../../src/model/values/units.js";
import { differential, directivesOf252, NOT_DRIVEN, TARGET, type Samples } from "../helpers/differential.js";
import { seededRandom } from "../helpers/random.js";
import { ensureSystemdAnalyze, lineMessages, SKIP_NO_SYSTEMD } from "../helpers/systemd-analyze.js";

/** Unknown to every release, a digit, and one 252 does not know yet (%D, 256). */
const UNKNOWN = ["x%Z", "%1y", "/x/%D"];

/** Parsers that expand specifiers: values 252 resolves silently, and values it refuses. */
const EXPANDING: Samples = {
  config_parse_unit_string_printf: { valid: ["x-%N", "%p%% %H", "100%", "%i", "%i x"], invalid: UNKNOWN },
  config_parse_unit_path_printf: { valid: ["/var/lib/%N", "%t/%p", "%S/x%%y", "%i"], invalid: ["/var/lib/%Z", "%D/x", "/x/%0"] },
  config_parse_unit_path_strv_printf: { valid: ["/var/lib/%N %t/x"], invalid: ["/x %C/%Z", "%i", "%i /var/lib/x", "/var/lib/x %i"] },
  config_parse_colon_separated_paths: { valid: ["%t/x:/usr/bin"], invalid: ["/usr/bin:%t/%Z", "%i"] },
  config_parse_exec: {
    valid: ["/bin/echo %n %% %i 50%", "-/bin/echo %H%%F", "/bin/echo a ; /bin/echo %t", "/bin/echo %i x", "@%i/bin/echo x", "-%i/bin/true"],
    invalid: ["/bin/echo %Z", "-/bin/echo %F", "/bin/echo a ; /bin/echo %D", "/bin/%k", "%i", "%i /bin/true", "/bin/echo a ; %i /bin/true", "-%i /bin/true", "%i-/bin/true", "-%i@/bin/echo x"],
  },
  config_parse_environ: { valid: ["A=%n B=%%", '"C=%t x" D=50%'], invalid: ["A=%Z", "B=1 C=%D", "%i", "%i A=1", "A=1 %i"] },
  config_parse_pass_environ: { valid: ["A_%U", "HOME"], invalid: ["X%Z", "%i", "%i HOME", "HOME %i"] },
  config_parse_unset_environ: { valid: ["A_%U", "B=%p"], invalid: ["X%Z", "A=%D", "%i", "%i A", "A %i"] },
  config_parse_unit_env_file: { valid: ["-/etc/default/%N", "-%E/x"], invalid: ["-/etc/%Z", "%i"] },
  config_parse_unit_deps: { valid: ["x-%N.service", "%p-y.target z@%N.service"], invalid: ["x-%h.service", "%Z.service", "a.target x%t.target", "%i", "%i x.service", "x.service %i"] },
  // 252 warns about every RequiresOverridable=/RequisiteOverridable= ("obsolete"): no value passes silently.
  config_parse_obsolete_unit_deps: { valid: [], invalid: ["x-%h.service", "%i"] },
  // A slice's Slice= must name its parent (-.slice for d<N>.slice): no value with a specifier passes everywhere.
  config_parse_unit_slice: { valid: [], invalid: ["x-%S.slice", "%Z.slice", "%i"] },
  config_parse_trigger_unit: { valid: ["x-%N.service"], invalid: ["x-%f.service", "%Z.service", "%i"] },
  config_parse_socket_service: { valid: ["x-%N.service"], invalid: ["x-%t.service", "%i"] },
  config_parse_service_sockets: { valid: ["x-%N.socket"], invalid: ["x-%I.socket", "%i", "%i x.socket", "x.socket %i"] },
  config_parse_unit_condition_path: { valid: ["%t/x", "!%S/%N"], invalid: ["/x%Z", "|%D", "%i"] },
  config_parse_unit_condition_string: { valid: ["x-%N", "!%H", "%i", "%i x"], invalid: ["x%Z", "|!%D"] },
  config_parse_documentation: { valid: ["man:x%N(8)", "https://example.com/%N", "%i", "%i man:x(8)", "man:x(8) %i"], invalid: ["man:x%Z(8)"] },
  // OnCalendar= and OnActiveSec= share the parser: no value is both a calendar event and a time span.
  config_parse_timer: { valid: [], invalid: ["%Z", "%D", "%i"] },
  config_parse_path_spec: { valid: ["%t/x", "/var/lib/%N"], invalid: ["/x/%Z", "%i"] },
  config_parse_pid_file: { valid: ["%t/%N.pid", "%i"], invalid: ["%t/%Z.pid"] },
  // ListenNetlink= shares the parser with ListenStream=…: no value is both a netlink family and an address.
  config_parse_socket_listen: { valid: [], invalid: ["%t/%Z.sock", "%i"] },
  config_parse_fdname: { valid: ["x-%N", "%i"], invalid: ["x%Z"] },
  // Security labels (build options Debian's 252 has): a bad specifier refuses the unit, unless the value starts with "-".
  config_parse_exec_apparmor_profile: { valid: ["%N-profile", "-%p", "%i"], invalid: ["x%Z", "%D"] },
  config_parse_exec_selinux_context: { valid: ["system_u:system_r:%p_t:s0", "-%N", "%i"], invalid: ["x%Z"] },
  config_parse_exec_smack_process_label: { valid: ["%N", "-%p", "%i"], invalid: ["x%Z"] },
  config_parse_bus_name: { valid: ["org.example.%N"], invalid: ["org.example.%Z", "%i"] },
  config_parse_log_namespace: { valid: ["x%N"], invalid: ["x%Z", "%i"] },
  config_parse_log_extra_fields: { valid: ["UNIT_X=%N", "A=50%"], invalid: ["A=%Z", "%i", "%i A=1", "A=1 %i"] },
  config_parse_reboot_parameter: { valid: ["x%N", "%i"], invalid: ["x%Z"] },
  config_parse_ip_filter_bpf_progs: { valid: ["/sys/fs/bpf/%N"], invalid: ["/sys/fs/bpf/%Z", "%i"] },
  config_parse_load_credential: { valid: ["x%N:/etc/%N", "y:%E/y"], invalid: ["x%Z:/etc/x", "y:/etc/%D", "%i", "z:%i", "%i:x"] },
  // SetCredentialEncrypted= shares the parser and takes Base64 data, so the data holds no "%" here.
  config_parse_set_credential: { valid: ["x%N:YWJj"], invalid: ["x%Z:YWJj", "%i"] },
  config_parse_exec_input_text: { valid: ["hello %N 50%%", "%i", "%i x"], invalid: ["hello %Z"] },
  config_parse_exec_input: { valid: ["file:%t/%N", "fd:x%N", "null"], invalid: ["file:/tmp/%Z", "fd:%D", "%i"] },
  config_parse_exec_output: { valid: ["append:%L/%N.log", "truncate:/tmp/%N", "journal"], invalid: ["file:/tmp/%Z", "append:/x/%D", "fd:x%Z", "%i"] },
  // %U is the manager's UID, 0 for the system manager.
  config_parse_exec_cpu_affinity: { valid: ["%U", "%U-1", "%i"], invalid: ["%Z"] },
  config_parse_unit_cpu_set: { valid: ["%U", "%i"], invalid: ["%Z"] },
  config_parse_exec_directories: { valid: ["x-%N", "%N/y"], invalid: ["x-%Z", "x:%D", "%i", "%i x", "x %i", "%i:a b", "a:%I c", "a:%i%I"] },
  config_parse_namespace_path_strv: { valid: ["-%t/%N", "/var/lib/%N"], invalid: ["/var/lib/%Z", "-/x %S/%D", "%i", "%i /srv", "/srv %i"] },
  config_parse_temporary_filesystems: { valid: ["/tmp/%N:mode=0755", "%t/x:size=50%"], invalid: ["/tmp/%Z", "/a /tmp/b%D:ro", "%i", "%i /tmp/x", "/tmp/x %i"] },
  config_parse_bind_paths: { valid: ["-/var/lib/%N:%t/x", "/srv/%N:/srv:rbind"], invalid: ["/var/lib/%Z", "/a:/b/%D", "%i", "%i /srv", "/srv %i"] },
  config_parse_mount_images: { valid: ["/x/%N.raw:/mnt/%N"], invalid: ["/x/%Z.raw:/mnt", "/x.raw:/mnt:ro%Z", "%i", "%i /x/y.raw:/mnt"] },
  config_parse_extension_images: { valid: ["/x/%N.raw"], invalid: ["/x/%Z.raw", "/x.raw:root:ro%Z", "%i", "%i /x/y.raw", "/x/y.raw %i"] },
  config_parse_root_image_options: { valid: ["root:x-%N", "%i"], invalid: ["root:x%Z"] },
  config_parse_unit_mounts_for: { valid: ["/var/lib/%N %t"], invalid: ["/var/lib/%Z", "%i", "%i /var/lib/x", "/var/lib/x %i"] },
  config_parse_device_allow: { valid: ["/dev/%N rw"], invalid: ["/dev/%Z rw", "%i", "%i rw"] },
  config_parse_io_device_weight: { valid: ["/dev/%N 100"], invalid: ["/dev/%Z 100", "%i", "%i 100"] },
  config_parse_io_device_latency: { valid: ["/dev/%N 10ms"], invalid: ["/dev/%Z 10ms", "%i"] },
  config_parse_io_limit: { valid: ["/dev/%N 1M"], invalid: ["/dev/%Z 1M", "%i"] },
  // cgroup v1 settings 258 ignores as legacy (catalog.ts parserAt()).
  config_parse_blockio_device_weight: { valid: ["/dev/%N 500"], invalid: ["/dev/%Z 500", "%i"] },
  config_parse_blockio_bandwidth: { valid: ["/dev/%N 1M"], invalid: ["/dev/%Z 1M", "%i"] },
  config_parse_bpf_foreign_program: { valid: ["egress:/sys/fs/bpf/%N"], invalid: ["egress:/sys/fs/bpf/%Z", "%i"] },
  config_parse_user_group_compat: { valid: ["x%N", "%u", "x%i"], invalid: ["x%Z", "%i", "%I"] },
  config_parse_user_group_strv_compat: { valid: ["x%N %g"], invalid: ["x %Z", "%i", "%i wheel", "wheel %i"] },
  config_parse_working_directory: { valid: ["-%t/%N", "%S", "/srv/%i"], invalid: ["/var/lib/%Z", "-/x/%D", "%i"] },
};

/** Parsers that keep `%` as it is: values with `%` that 252 accepts and nothing must report. */
const LITERAL: Samples = {
  config_parse_cpu_quota: { valid: ["50%", "150%"], invalid: [] },
  config_parse_memory_limit: { valid: ["50%"], invalid: [] },
  config_parse_tasks_max: { valid: ["10%"], invalid: [] },
  config_parse_string: { valid: ["cubic%Z"], invalid: [] },
};

/** [Install] settings: values `systemctl enable` accepts, and values it fails on ("invalid specifier"). */
const INSTALL: Record<string, { valid: string[]; invalid: string[] }> = {
  WantedBy: { valid: ["x-%N.target", "%p-y.target %j.target"], invalid: ["x-%h.target", "%Z.target", "x-%t.target", "x%D.target"] },
  RequiredBy: { valid: ["x-%N.target"], invalid: ["x-%S.target"] },
  Alias: { valid: ["x-%N.service"], invalid: ["x-%I.service", "x-%Z.service"] },
};

/** Enables each unit in its own root with systemd's systemctl; the [Install] line of those it fails on, and of those unitlint reports. */
function enableCases(): Array<{ id: string; kind: "valid" | "invalid"; ok: boolean; enableFails: boolean; ours: string[] }> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "unitlint-install-"));
  try {
    const cases: Array<{ id: string; kind: "valid" | "invalid"; name: string; root: string; ok: boolean; enableFails: boolean; ours: string[] }> = [];
    let n = 0;
    for (const [key, samples] of Object.entries(INSTALL)) {
      for (const kind of ["valid", "invalid"] as const) {
        for (const value of samples[kind]) {
          const name = `d${n}.service`;
          const root = path.join(tmp, `r${n++}`);
          const dir = path.join(root, "etc", "systemd", "system");
          fs.mkdirSync(dir, { recursive: true });
          fs.writeFileSync(path.join(dir, name), `[Service]\nExecStart=/bin/true\n[Install]\n${key}=${value}\n`);
          const r = spawnSync("systemctl", [`--root=${root}`, "enable", name], { encoding: "utf8" });
          cases.push({ id: `Install.${key}=${value}`, kind, name, root, ok: r.status === 0, enableFails: r.status !== 0 && /invalid specifier/.test(r.stderr), ours: [] });
        }
      }
    }
    for (const c of cases) {
      const report = lint({ paths: [path.join("etc", "systemd", "system", c.name)], cwd: c.root, settings: { systemdVersion: TARGET } });
      c.ours = report.findings.filter((f) => f.line === 4 && /^UL3\d\d$/.test(f.rule) && f.severity === "error").map((f) => `${f.rule} ${f.message}`);
    }
    return cases;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const hasSystemd = ensureSystemdAnalyze();
const brief = (cases: ReadonlyArray<{ id: string; theirs: string[]; ours: string[] }>) => cases.map((c) => `${c.id} | systemd: ${c.theirs.join(" / ") || "-"} | unitlint: ${c.ours.join(" / ") || "-"}`);

describe("specifier samples", () => {
  it("cover every parser systemd 252 expands specifiers with, and only those", () => {
    const driven = new Set(directivesOf252().filter(({ section, key }) => !NOT_DRIVEN[section] && !NOT_DRIVEN[`${section}.${key}`]).map((d) => d.parser));
    const expanding = [...driven].filter((p) => p !== "NULL" && specifierTable(p, TARGET) !== null).sort();
    expect(Object.keys(EXPANDING).sort()).toEqual(expanding);
    expect(Object.keys(LITERAL).filter((p) => specifierTable(p, TARGET) !== null)).toEqual([]);
  });
});

describe.skipIf(!hasSystemd)(hasSystemd ? "specifiers: unitlint agrees with systemd-analyze verify (252)" : SKIP_NO_SYSTEMD, () => {
  for (const [kind, samples] of Object.entries({ "expand specifiers": EXPANDING, "keep % as it is": LITERAL })) {
    it(`on every directive whose parser is said to ${kind}`, () => {
      const result = differential(samples);
      expect({ badSamples: brief(result.badSamples), onlyOurs: brief(result.onlyOurs), onlyTheirs: brief(result.onlyTheirs), fatalDiffers: brief(result.fatalDiffers) }).toEqual({
        badSamples: [],
        onlyOurs: [],
        onlyTheirs: [],
        fatalDiffers: [],
      });
      expect(result.cases).toBeGreaterThan(Object.keys(samples).length);
    }, 180_000);
  }
});

/** A unit per line and name, as systemd-analyze verify (252) and unitlint see it; the line is in `file`, at line `at`. */
type NamedCase = { name: string; file: string; line: string; at: number; refused: boolean; ours: string[]; warned: boolean; reported: string[] };

/** Settings of [Unit]; the others go into [Service]. */
const UNIT_SECTION = /^(After|Wants|Requires|RequiresMountsFor|Description)=/;

/** Every line with every suffix. */
const crossed = (lines: readonly string[], suffixes: readonly string[]): Array<[string, string]> => lines.flatMap((line) => suffixes.map((suffix): [string, string] => [line, suffix]));

/** The sections a case's line can be in, and the unit it makes ("Dropin": [Service] of a drop-in of the service). */
type CaseSection = "Unit" | "Service" | "Socket" | "Timer" | "Path" | "Dropin";

/** What a socket, timer or path unit needs besides the line: what it listens on, when it elapses, what it watches. */
const TRIGGER_BASE: Readonly<Record<string, (n: number) => string>> = {
  Socket: (n) => `ListenStream=/run/unitlint-e${n}.sock`,
  Timer: () => "OnCalendar=daily",
  Path: () => "PathExists=/tmp",
};

/** The unit file name of a case: a socket, timer or path unit for a line of their section, else a service. */
const caseName = (n: number, suffix: string, section?: CaseSection): string => `e${n}${suffix}.${section && TRIGGER_BASE[section] ? section.toLowerCase() : "service"}`;

/**
 * Each [line, suffix, section] in a unit `e<N><suffix>.service` of its own (a socket, timer or path
 * unit for a line of theirs; in a drop-in of the service for "Dropin"), through one batched verify
 * and one lint; without a section, UNIT_SECTION says [Unit] or [Service].
 */
function verifiedCases(pairs: ReadonlyArray<readonly [string, string, CaseSection?]>): NamedCase[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "unitlint-named-"));
  try {
    const cases: NamedCase[] = pairs.map(([line, suffix, section], n) => {
      const name = caseName(n, suffix, section);
      if (section === "Dropin") {
        fs.writeFileSync(path.join(dir, name), "[Service]\nExecStart=/bin/true\n");
        fs.mkdirSync(path.join(dir, `${name}.d`));
        fs.writeFileSync(path.join(dir, `${name}.d`, "x.conf"), `[Service]\n${line}\n`);
        return { name, file: `${name}.d/x.conf`, line, at: 2, refused: false, ours: [], warned: false, reported: [] };
      }
      const inUnit = section ? section === "Unit" : UNIT_SECTION.test(line);
      const text =
        section && TRIGGER_BASE[section]
          ? `[${section}]\n${TRIGGER_BASE[section]!(n)}\n${line}\n`
          : inUnit
            ? `[Unit]\n${line}\n[Service]\nExecStart=/bin/true\n`
            : `[Service]\nExecStart=/bin/true\n${line}\n`;
      fs.writeFileSync(path.join(dir, name), text);
      return { name, file: name, line, at: inUnit ? 2 : 3, refused: false, ours: [], warned: false, reported: [] };
    });
    const verify = spawnSync("systemd-analyze", ["verify", "--man=no", "--recursive-errors=no", ...cases.map((c) => c.name)], { cwd: dir, encoding: "utf8", maxBuffer: 1 << 26 });
    // A crash would leave the units after it unjudged, as if systemd loaded them.
    if (verify.signal !== null) throw new Error(`systemd-analyze verify died of ${verify.signal}: ${verify.stderr.slice(-300)}`);
    // A value its parser fails on refuses the unit ("has a bad unit file setting"; for PIDFile= "failed to load properly").
    const refused = new Set([...verify.stderr.matchAll(/^Unit (\S+) (?:has a bad unit file setting|failed to load properly)/gm)].map((m) => m[1]!));
    const warned = new Set(lineMessages(verify.stderr).map((m) => `${path.relative(dir, m.path)}:${m.line}`));
    const report = lint({ paths: ["."], cwd: dir, settings: { systemdVersion: TARGET } });
    for (const c of cases) {
      c.refused = refused.has(c.name);
      c.warned = warned.has(`${c.file}:${c.at}`);
      // What systemd warns about a line: an unknown or deprecated key (UL302, UL303), a value (UL304), a specifier (UL305); not unitlint's advice (UL103).
      c.reported = report.findings.filter((f) => f.path === c.file && f.line === c.at && /^UL30[2-5]$/.test(f.rule)).map((f) => `${f.rule} ${f.message}`);
      c.ours = report.findings.filter((f) => f.path === c.name && f.severity === "error" && /refuses to load/.test(f.message)).map((f) => `${f.rule} ${f.message}`);
    }
    return cases;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Command lines and paths of instances: config_parse_exec() takes the prefixes as written and
 * expands the program after, and so do WorkingDirectory=, ReadWritePaths= and ExtensionImages= with
 * their "-", while EnvironmentFile= looks for the "-" after expanding; %I is unescaped ("-" is
 * "/"). Every prefix × value × instance.
 */
function instanceCommandCases(): NamedCase[] {
  const instances = ["x", "-", "-x", "a\\x2db", "_", "a\\xzz"];
  const programs = ["%i/bin/true", "%I/bin/true", "%i-/bin/true", "%ibin/true", "/bin/echo %I", "%I", "%i"];
  const lines = ["", "-", "@", "+"].flatMap((prefix) => programs.map((program) => `ExecStartPre=${prefix}${program}${prefix === "@" ? " argv0" : ""}`));
  for (const key of ["WorkingDirectory", "EnvironmentFile", "ReadWritePaths", "ExtensionImages"]) {
    for (const dash of ["", "-"]) for (const value of ["%i", "%I", "%i/x", "%I/x"]) lines.push(`${key}=${dash}${value}`);
  }
  return verifiedCases(crossed(lines, instances.map((instance) => `@${instance}`)));
}

/**
 * The unit's name in command lines, paths and users: systemd expands %n, %N, %p and %j as written,
 * so a name with an escape gives a program with a backslash, which it refuses; %P and %J unescaped,
 * %f as a path, and where that fails (a "\\" that is no \\xNN escape; for %f, no escaped path:
 * "-" at an end, "..") it cannot resolve the value at all.
 */
function nameCases(): NamedCase[] {
  const suffixes = ["", "\\x2dx", "-a", "-a\\x2db", "@x", "@a\\x2db", "\\x2dq@x", "\\x20s", "-\\xzz", "-", "@-x", "@a-", "@a-..-b", "-\\x2e", "@a\\x20b"];
  const lines = ["%n", "%N", "%p", "%P", "%j", "%J", "%f", "%I"].flatMap((s) => [
    `ExecStartPre=/usr/bin/${s}`,
    `ExecStartPre=-/usr/bin/${s}`,
    `ExecStartPre=/bin/echo ${s}`,
    `ExecStartPre=${s}`,
    `WorkingDirectory=/srv/${s}`,
    `ReadWritePaths=/srv/${s}`,
    `User=${s}`,
    // Split into words, unescaped, and only then expanded: "a b" from %I stays one word.
    `Environment=A=${s}`,
    `PassEnvironment=${s}`,
    `UnsetEnvironment=${s}`,
    `LogExtraFields=F=${s}`,
  ]);
  return verifiedCases(crossed(lines, suffixes).filter(([line, suffix]) => !abortsVerify(line, suffix)));
}

/**
 * %J of a prefix ending in "-" (an empty last part) makes systemd-analyze 252 abort ("Assertion 'f'
 * failed … unit_name_unescape()"), which would end the batch: UL305 reports it, checked against a
 * real manager in test/system/specifier-abort.test.ts.
 */
const abortsVerify = (line: string, suffix: string): boolean => line.includes("%J") && stemParts(`e${suffix}`).prefix.endsWith("-");

/** A random name suffix: escapes good and bad, dashes, dots, and an instance one time in three. */
function randomSuffix(draw: (n: number) => number): string {
  // No escape that unescapes to bytes that are not UTF-8 (\\xff): unitlint gives those a placeholder (README, known gaps).
  const pieces = ["a", "b", "x1", "-", "\\x2d", "\\x20", "\\xzz", "\\x2e", "\\x2f", "_", ".", "..", "\\xc3\\xa9"];
  const part = (): string => Array.from({ length: 1 + draw(3) }, () => pieces[draw(pieces.length)]!).join("");
  return part() + (draw(3) === 0 ? `@${part()}` : "");
}

const NAME_LETTERS = ["n", "N", "p", "P", "j", "J", "i", "I", "f"];

/**
 * Every [Unit], [Service], [Socket], [Timer] and [Path] setting whose parser expands specifiers,
 * with a valid sample value of that parser whose name specifiers are redrawn at random, in a unit
 * with a random name.
 */
function randomParserCases(seed: number, count: number): NamedCase[] {
  const draw = seededRandom(seed);
  // Not ExecStart=: the unit has one already, and a second refuses a simple service.
  const settings = directivesOf252().filter(
    (d) => ["Unit", "Service", "Socket", "Timer", "Path"].includes(d.section) && d.key !== "ExecStart" && (EXPANDING[d.parser]?.valid ?? []).some((v) => /%[nNpij]/.test(v)),
  );
  const pairs: Array<[string, string, CaseSection]> = [];
  while (pairs.length < count) {
    const { section, key, parser } = settings[draw(settings.length)]!;
    const samples = EXPANDING[parser]!.valid.filter((v) => /%[nNpij]/.test(v));
    const value = samples[draw(samples.length)]!.replace(/%[nNpij]/g, () => `%${NAME_LETTERS[draw(NAME_LETTERS.length)]}`);
    const suffix = randomSuffix(draw);
    const line = `${key}=${value}`;
    if (!unitNameProblem(caseName(pairs.length, suffix, section as CaseSection)) && !abortsVerify(line, suffix)) pairs.push([line, suffix, section as CaseSection]);
  }
  return verifiedCases(pairs);
}

/** Random names (escapes good and bad, dashes, dots, instances) with a random name specifier in a random setting, in the unit or (`dropin`) a drop-in of it. */
function randomNameCases(seed: number, count: number, dropin = false): NamedCase[] {
  const draw = seededRandom(seed);
  const pick = <T>(from: readonly T[]): T => from[draw(from.length)]!;
  const settings = ["ExecStartPre=/usr/bin/", "ExecStartPre=/bin/echo ", "ExecStartPre=-/usr/bin/", "WorkingDirectory=/srv/", "User=", "Environment=A=", "PassEnvironment=", "ReadWritePaths=/srv/", "RootDirectory=/srv/", "PIDFile=/run/", "SupplementaryGroups=", "After=x-#.service", "Sockets=x-#.socket", "RequiresMountsFor=/srv/"];
  const pairs: Array<[string, string]> = [];
  while (pairs.length < count) {
    const suffix = randomSuffix(draw);
    // "#" marks where the specifier goes when something follows it.
    const setting = pick(settings);
    const specifier = `%${pick(NAME_LETTERS)}`;
    const line = setting.includes("#") ? setting.replace("#", specifier) : setting + specifier;
    // A drop-in directory "e1-.service.d" also serves every "e1-….service": its names get placeholders (README, known gaps).
    const prefixDir = dropin && !suffix.includes("@") && suffix.endsWith("-");
    if (!unitNameProblem(`e${pairs.length}${suffix}.service`) && !abortsVerify(line, suffix) && !prefixDir) pairs.push([line, suffix]);
  }
  return verifiedCases(dropin ? pairs.map(([line, suffix]) => [line, suffix, "Dropin"] as const) : pairs);
}

const named = (c: NamedCase) => `${c.file} ${c.line} | systemd: ${c.refused ? "refuses" : c.warned ? "warns" : "loads"} | unitlint: ${c.ours.join(" / ") || c.reported.join(" / ") || "-"}`;
const disagreements = (cases: NamedCase[]) => cases.filter((c) => c.refused !== c.ours.length > 0 || c.warned !== c.reported.length > 0).map(named);

describe.skipIf(!hasSystemd)(hasSystemd ? "command lines and paths of instances and names: unitlint agrees with systemd-analyze verify (252)" : SKIP_NO_SYSTEMD, () => {
  it("refuses exactly the instances systemd refuses: prefixes as written, the program expanded after, %I unescaped", () => {
    const cases = instanceCommandCases();
    console.log(`command lines and paths of instances: ${cases.length} units, ${cases.filter((c) => c.refused).length} refused and ${cases.filter((c) => c.warned && !c.refused).length} more warned about by systemd-analyze verify 252`);
    expect(disagreements(cases)).toEqual([]);
    // Both verdicts in numbers: "-x" runs /x/bin/true through %I, "-x/bin/true" through %i.
    expect(cases.filter((c) => c.refused).length).toBeGreaterThan(30);
    expect(cases.filter((c) => !c.refused).length).toBeGreaterThan(30);
  }, 60_000);

  it("refuses exactly the names systemd refuses: %n %N %p %P %j %J and %f as the unit's name gives them, none where it cannot unescape it", () => {
    const cases = nameCases();
    console.log(`the unit's name in command lines, paths and users: ${cases.length} units, ${cases.filter((c) => c.refused).length} refused and ${cases.filter((c) => c.warned && !c.refused).length} more warned about by systemd-analyze verify 252`);
    expect(disagreements(cases)).toEqual([]);
    expect(cases.filter((c) => c.refused).length).toBeGreaterThan(10);
    expect(cases.filter((c) => !c.refused).length).toBeGreaterThan(10);
  }, 60_000);

  it("agrees on random names with a random name specifier in a random setting (three seeded draws)", () => {
    const cases = [1, 2, 3].flatMap((seed) => randomNameCases(seed, 400));
    console.log(`random names: ${cases.length} units, ${cases.filter((c) => c.refused).length} refused and ${cases.filter((c) => c.warned && !c.refused).length} more warned about by systemd-analyze verify 252`);
    expect(disagreements(cases)).toEqual([]);
    expect(cases.filter((c) => c.refused).length).toBeGreaterThan(100);
  }, 120_000);

  it("agrees on random names with a random name specifier in a drop-in of the unit (three seeded draws)", () => {
    const cases = [1, 2, 3].flatMap((seed) => randomNameCases(seed, 300, true));
    console.log(`random names in drop-ins: ${cases.length} units, ${cases.filter((c) => c.warned).length} drop-in lines warned about by systemd-analyze verify 252`);
    expect(disagreements(cases)).toEqual([]);
    expect(cases.filter((c) => c.warned).length).toBeGreaterThan(100);
  }, 120_000);

  it("agrees on random names in every [Unit], [Service], [Socket], [Timer] and [Path] setting that expands specifiers (three seeded draws)", () => {
    const cases = [1, 2, 3].flatMap((seed) => randomParserCases(seed, 500));
    console.log(`random names in every setting that expands specifiers: ${cases.length} units, ${cases.filter((c) => c.refused).length} refused and ${cases.filter((c) => c.warned && !c.refused).length} more warned about by systemd-analyze verify 252`);
    expect(disagreements(cases)).toEqual([]);
  }, 120_000);
});

describe.skipIf(!hasSystemd)(hasSystemd ? "specifiers in [Install]: unitlint agrees with systemctl enable (252)" : SKIP_NO_SYSTEMD, () => {
  it("reports exactly the values systemctl enable fails on", () => {
    const cases = enableCases();
    const line = (c: { id: string; enableFails: boolean; ours: string[] }) => `${c.id} | systemctl enable: ${c.enableFails ? "fails" : "ok"} | unitlint: ${c.ours.join(" / ") || "-"}`;
    expect({
      badSamples: cases.filter((c) => (c.kind === "invalid" ? !c.enableFails : !c.ok)).map(line),
      disagreements: cases.filter((c) => c.enableFails !== c.ours.length > 0).map(line),
    }).toEqual({ badSamples: [], disagreements: [] });
  }, 60_000);
});
