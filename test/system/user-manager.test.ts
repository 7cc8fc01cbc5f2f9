/**
 * The user-manager rules (UL204, UL205) against a real systemd user manager that
 * runs as an UNPRIVILEGED user (real-systemd.md, recipe step 8): a root manager can
 * switch users and hides exactly the failures users hit. harness.ts runs each
 * scenario's manager and every `systemctl --user` as USER, a user that exists only in
 * the scenario's mount namespace (added to namespace-private copies of /etc/passwd
 * and /etc/group), with its home on a namespace-private tmpfs.
 *
 * Each test first asks unitlint about the same unit text, linted as a user unit
 * (under home/USER/.config/systemd/user/): the bad unit must be reported with the
 * rule's id, the fixed one not. Then the real manager must do what the rule says.
 */
import { beforeEach, describe, it, type ExpectStatic } from "vitest";
import { lintWithProject } from "../../src/engine/lint.js";
import { makeTree } from "../helpers/tree.js";
import { countRuns, LOG_START, once, runChecked, userManagerAvailable, type Scenario, type ScenarioResult } from "./harness.js";

/** The manager's user: not in the host's /etc/passwd, so the harness adds it inside the namespace only. */
const USER = "ul-alice";
/** Where the manager looks for the user's units (HOME is /home/USER on a tmpfs). */
const UNIT_DIR = `/home/${USER}/.config/systemd/user`;

const available = userManagerAvailable(USER);
const TITLE = available.ok
  ? `real systemd ${available.version} user manager running as unprivileged ${USER}`
  : `SKIPPED: real systemd not available: ${available.why}`;
const TIMEOUT = 120_000; // includes waiting for one of the two manager slots

const counted = countRuns(available, "real-systemd user-manager tests", available.ok ? `systemd ${available.version}, as ${USER}` : "");

/** Runs the scenario as USER (see runChecked). */
const run = (s: Omit<Scenario, "user">): Promise<ScenarioResult> => runChecked({ ...s, user: USER });


/**
 * What unitlint says about one unit file linted as USER's user unit: the rules that
 * report, and the scope it gave the unit (a check that the tree really makes it a user unit).
 */
function unitlint(name: string, text: string): { rules: string[]; scope: string } {
  const tree = makeTree({ [`home/${USER}/.config/systemd/user/${name}`]: text });
  try {
    const { report, project } = lintWithProject({ paths: ["."], cwd: tree.root });
    const u = project.units.find((x) => x.name === name);
    if (!u) throw new Error(`unitlint found no ${name}`);
    return { rules: [...new Set(report.findings.map((f) => f.rule))].sort(), scope: u.scope };
  } finally {
    tree.cleanup();
  }
}

/** A long-running service that logs its own start; `extra` goes into [Service], `unit` into [Unit], `install` into [Install]. */
const service = (extra: string, unit = "", install = ""): string =>
  `${unit ? `[Unit]\n${unit}\n` : ""}[Service]\n${extra ? `${extra}\n` : ""}ExecStart=/bin/sh -c '${LOG_START}; exec sleep 60'\n` +
  (install ? `[Install]\n${install}\n` : "");

describe.skipIf(!available.ok).concurrent(TITLE, () => {
  beforeEach(() => {
    counted();
  });

  describe("UL204 User=/Group= in a user unit", () => {
    // Type=simple, so that `systemctl start` returns as soon as the process is forked:
    // the failure comes after, in the child, and start still says 0.
    const units = {
      "user.service": service(`User=${USER}`),
      "group.service": service("Group=users"),
      "fixed.service": service(""),
      "owngroup.service": service(`Group=${USER}`),
      "dynamic.service": service("DynamicUser=yes"),
    };
    /** Each unit and the state to wait for (a show after the wait reads what really happened). */
    const expected: Record<string, string> = { user: "failed", group: "failed", dynamic: "failed", fixed: "active", owngroup: "active" };
    const scenario = once(() =>
      run({
        name: "ul204",
        units,
        steps: [
          { do: "show", unit: "-", props: ["ControlGroup", "Environment"], label: "manager" },
          { do: "show", unit: "fixed.service", props: ["FragmentPath"], label: "fixed-path" },
          ...Object.entries(expected).flatMap(([u, state]): Scenario["steps"] => [
            { do: "start", unit: `${u}.service`, label: `start-${u}` },
            { do: "wait-for", unit: `${u}.service`, prop: "ActiveState", values: [state], timeoutMs: 3000 },
            { do: "sleep", seconds: 0.2 }, // "active" comes at the fork: give the child time to fail if it would
            { do: "show", unit: `${u}.service`, label: u },
          ]),
        ],
      }),
    );
    const failedAtGroup = (expect: ExpectStatic, r: ScenarioResult, unit: string): void => {
      expect(r.step(`start-${unit}`).rc).toBe(0);
      expect(r.step(unit).props).toMatchObject({ ActiveState: "failed", Result: "exit-code", ExecMainStatus: "216", MainPID: "0" });
      expect(r.logged(`${unit}.service: Failed at step GROUP spawning /bin/sh: Operation not permitted`)).toHaveLength(1);
      expect(r.logged(`${unit}.service: Main process exited, code=exited, status=216/GROUP`)).toHaveLength(1);
      expect(r.starts(`${unit}.service`)).toHaveLength(0); // ExecStart= never ran
    };

    it(`UL204 premise: the manager runs as ${USER} in its delegated cgroup and reads units from ~/.config/systemd/user`, { timeout: TIMEOUT }, async ({ expect }) => {
      const r = await scenario();
      expect(r.step("manager").props.ControlGroup).toMatch(/^\/ul-systest-.*\/mgr$/);
      expect(r.step("manager").props.Environment).toContain(`HOME=/home/${USER}`);
      expect(r.step("fixed-path").props.FragmentPath).toBe(`${UNIT_DIR}/fixed.service`);
    });

    it(`UL204: User=${USER} (the manager's own user) fails with 216/GROUP, "Operation not permitted"; systemctl start returns 0`, { timeout: TIMEOUT }, async ({ expect }) => {
      const said = unitlint("user.service", units["user.service"]);
      expect(said.scope).toBe("user");
      expect(said.rules).toContain("UL204");
      const r = await scenario();
      failedAtGroup(expect, r, "user");
      // It dies computing the user's supplementary groups (initgroups() needs CAP_SETGID).
      expect(r.logged("user.service: Failed to determine supplementary groups: Operation not permitted")).toHaveLength(1);
    });

    it("UL204: Group=users (another group) fails with 216/GROUP, \"Operation not permitted\"; systemctl start returns 0", { timeout: TIMEOUT }, async ({ expect }) => {
      const said = unitlint("group.service", units["group.service"]);
      expect(said.scope).toBe("user");
      expect(said.rules).toContain("UL204");
      const r = await scenario();
      failedAtGroup(expect, r, "group");
    });

    it("UL204: DynamicUser=yes fails too, with 217/USER (\"Permission denied\"); systemctl start returns 0", { timeout: TIMEOUT }, async ({ expect }) => {
      const said = unitlint("dynamic.service", units["dynamic.service"]);
      expect(said.scope).toBe("user");
      expect(said.rules).toContain("UL204");
      const r = await scenario();
      expect(r.step("start-dynamic").rc).toBe(0);
      expect(r.step("dynamic").props).toMatchObject({ ActiveState: "failed", Result: "exit-code", ExecMainStatus: "217", MainPID: "0" });
      expect(r.logged("dynamic.service: Failed to update dynamic user credentials: Permission denied")).toHaveLength(1);
      expect(r.logged("dynamic.service: Failed at step USER spawning /bin/sh: Permission denied")).toHaveLength(1);
      expect(r.starts("dynamic.service")).toHaveLength(0);
    });

    it("UL204 fix: without User=/Group= the service runs (active, running) as the manager's user", { timeout: TIMEOUT }, async ({ expect }) => {
      const said = unitlint("fixed.service", units["fixed.service"]);
      expect(said.scope).toBe("user");
      expect(said.rules).not.toContain("UL204");
      const r = await scenario();
      expect(r.step("start-fixed").rc).toBe(0);
      expect(r.step("fixed").props).toMatchObject({ ActiveState: "active", SubState: "running", Result: "success" });
      expect(r.starts("fixed.service")).toHaveLength(1);
      expect(r.logged("fixed.service: Failed at step")).toHaveLength(0);
    });

    it(`UL204 edge: Group=${USER} (the manager's own primary group, no User=) is harmless: the service runs`, { timeout: TIMEOUT }, async ({ expect }) => {
      // Observed, not linted: setresgid() to the gid the manager already has needs no
      // privilege, and without User= no supplementary groups are set. (Any other group,
      // User= even for the own user, and SupplementaryGroups= fail as above.)
      const r = await scenario();
      expect(r.step("start-owngroup").rc).toBe(0);
      expect(r.step("owngroup").props).toMatchObject({ ActiveState: "active", SubState: "running", Result: "success" });
      expect(r.starts("owngroup.service")).toHaveLength(1);
    });
  });

  describe("UL205 targets that do not exist in the user manager", () => {
    const units = {
      "multiuser.service": service("", "", "WantedBy=multi-user.target"),
      "default.service": service("", "", "WantedBy=default.target"),
      "network.service": service("", "Wants=network-online.target\nAfter=network-online.target"),
      "nonetwork.service": service(""),
    };
    const scenario = once(() =>
      run({
        name: "ul205",
        units,
        steps: [
          { do: "enable", unit: "multiuser.service", label: "enable-multiuser" },
          { do: "enable", unit: "default.service", label: "enable-default" },
          { do: "files", label: "files" },
          { do: "show", unit: "multi-user.target", props: ["LoadState", "ActiveState"], label: "multi-user.target" },
          { do: "show", unit: "network-online.target", props: ["LoadState", "ActiveState"], label: "network-online.target" },
          { do: "show", unit: "multiuser.service", props: ["UnitFileState", "WantedBy"], label: "multiuser-installed" },
          // What a login does: start default.target and whatever it wants.
          { do: "start", unit: "default.target", label: "boot" },
          { do: "sleep", seconds: 0.3 },
          { do: "show", unit: "default.target", props: ["ActiveState", "Wants"], label: "default.target" },
          { do: "show", unit: "multiuser.service", label: "multiuser" },
          { do: "show", unit: "default.service", label: "default" },
          { do: "start", unit: "network.service", label: "start-network" },
          { do: "show", unit: "network.service", label: "network" },
          { do: "show", unit: "network-online.target", props: ["LoadState", "ActiveState"], label: "network-online-after" },
        ],
      }),
    );

    it("UL205: WantedBy=multi-user.target: enable exits 0, warns, makes no default.target.wants/ link; the service never starts", { timeout: TIMEOUT }, async ({ expect }) => {
      const said = unitlint("multiuser.service", units["multiuser.service"]);
      expect(said.scope).toBe("user");
      expect(said.rules).toContain("UL205");
      const r = await scenario();
      const enable = r.step("enable-multiuser");
      expect(enable.rc).toBe(0);
      expect(enable.output).toContain(`Unit ${UNIT_DIR}/multiuser.service is added as a dependency to a non-existent unit multi-user.target.`);
      const files = r.step("files").props;
      // The link goes where it was asked to, beside a target that does not exist ...
      expect(files["multi-user.target.wants/multiuser.service"]).toBe(`${UNIT_DIR}/multiuser.service`);
      // ... and nowhere that a login starts.
      expect(Object.keys(files).filter((f) => f.startsWith("default.target.wants/") && files[f]!.endsWith("/multiuser.service"))).toEqual([]);
      expect(r.step("multi-user.target").props).toMatchObject({ LoadState: "not-found", ActiveState: "inactive" });
      expect(r.step("multiuser-installed").props.UnitFileState).toBe("enabled"); // "enabled", and yet:
      expect(r.step("boot").rc).toBe(0);
      expect(r.step("default.target").props.ActiveState).toBe("active");
      expect(r.step("default.target").props.Wants!.split(" ")).not.toContain("multiuser.service");
      expect(r.step("multiuser").props).toMatchObject({ ActiveState: "inactive", MainPID: "0" });
      expect(r.starts("multiuser.service")).toHaveLength(0);
    });

    it("UL205 fix: WantedBy=default.target: enable links default.target.wants/, and the service starts with default.target", { timeout: TIMEOUT }, async ({ expect }) => {
      const said = unitlint("default.service", units["default.service"]);
      expect(said.scope).toBe("user");
      expect(said.rules).not.toContain("UL205");
      const r = await scenario();
      const enable = r.step("enable-default");
      expect(enable.rc).toBe(0);
      expect(enable.output).not.toContain("non-existent");
      expect(enable.output).toContain(`Created symlink ${UNIT_DIR}/default.target.wants/default.service`);
      expect(r.step("files").props["default.target.wants/default.service"]).toBe(`${UNIT_DIR}/default.service`);
      expect(r.step("default.target").props.Wants!.split(" ")).toContain("default.service");
      expect(r.step("default").props).toMatchObject({ ActiveState: "active", SubState: "running" });
      expect(r.starts("default.service")).toHaveLength(1);
    });

    it("UL205: network-online.target does not exist in the user manager (LoadState=not-found): Wants=/After= on it wait for nothing", { timeout: TIMEOUT }, async ({ expect }) => {
      const said = unitlint("network.service", units["network.service"]);
      expect(said.scope).toBe("user");
      expect(said.rules).toContain("UL205");
      const r = await scenario();
      expect(r.step("network-online.target").props).toMatchObject({ LoadState: "not-found", ActiveState: "inactive" });
      // The service starts at once; the target it "waits" for is never started.
      expect(r.step("start-network").rc).toBe(0);
      expect(r.step("network").props).toMatchObject({ ActiveState: "active", SubState: "running" });
      expect(r.step("network-online-after").props).toMatchObject({ LoadState: "not-found", ActiveState: "inactive" });
    });

    it("UL205 fix: without network-online.target the unit is not reported", ({ expect }) => {
      const said = unitlint("nonetwork.service", units["nonetwork.service"]);
      expect(said.scope).toBe("user");
      expect(said.rules).not.toContain("UL205");
    });
  });
});
