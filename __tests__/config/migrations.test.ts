import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseConfig } from "../../config/load";
import { migrateConfigText } from "../../config/migrate-document";
import { CONFIG_SCHEMA, historyProblems, versionProblems, type SchemaHistory } from "../../config/schema-version";

/**
 * Config schema versions. pullguard's real history has no step yet (version 1 is the baseline), so
 * the mechanism is proven with a SYNTHETIC history: version 2 renames dockerHub (in its map) and
 * moves project under a new `naming` map; version 3 renames dockerHub's new name again.
 */
const RENAME: SchemaHistory = { current: 2, steps: [{ version: 2, moves: [{ from: "accounts.*.registry.pullThroughCache.dockerHub", to: "accounts.*.registry.pullThroughCache.dockerHubLibrary" }] }] };
const SYNTHETIC: SchemaHistory = {
  current: 3,
  steps: [
    { version: 2, moves: [...RENAME.steps[0]!.moves, { from: "project", to: "naming.project" }] },
    { version: 3, moves: [{ from: "accounts.*.registry.pullThroughCache.dockerHubLibrary", to: "accounts.*.registry.pullThroughCache.dockerHubOfficial" }] },
  ],
};
const minimal = readFileSync(join(__dirname, "..", "..", "config", "examples", "minimal.yaml"), "utf8");
const account = (registry: object) => ({ accounts: { main: { id: "123456789012", registry: { pullThroughCache: registry } } } });

describe("pullguard's own history", () => {
  test("is version 1 with no step, consistent", () => {
    expect(CONFIG_SCHEMA).toEqual({ current: 1, steps: [] });
    expect(historyProblems(CONFIG_SCHEMA)).toEqual([]);
  });

  test("the examples declare version 1 and need nothing", () => {
    expect(minimal).toContain("\nschemaVersion: 1\n");
    expect(migrateConfigText(minimal, "YAML", "minimal.yaml")).toEqual({ ok: true, from: 1, to: 1, text: minimal, moves: [] });
  });

  test("a version newer than this pullguard, or not a whole number, is refused at load", () => {
    const lines = (input: object) => {
      const r = parseConfig(input);
      return r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
    };
    expect(lines({ schemaVersion: 2 })).toContain("schemaVersion: is newer than this pullguard reads (config schema version 1); upgrade pullguard");
    expect(lines({ schemaVersion: 0 })).toContain("schemaVersion: must be at least 1");
    expect(lines({ schemaVersion: 1.5 })).toContain("schemaVersion: must be a whole number");
  });
});

describe("a config of an older version (synthetic history)", () => {
  test("is refused with one line per key saying what it became, chained across versions", () => {
    expect(versionProblems({ project: "acme", ...account({ dockerHub: {}, ecrPublic: true }) }, SYNTHETIC).map((p) => `${p.path}: ${p.message}`)).toEqual([
      // In the order the moves last applied: project in version 2, dockerHub's chain ending in 3.
      "project: became naming.project in config schema version 2; run `pullguard migrate` to rewrite the file (docs/upgrading.md)",
      "accounts.main.registry.pullThroughCache.dockerHub: became accounts.main.registry.pullThroughCache.dockerHubOfficial in config schema version 3; run `pullguard migrate` to rewrite the file (docs/upgrading.md)",
    ]);
  });

  test("is read as it is when it uses no moved key, and a current one is never checked", () => {
    expect(versionProblems({ ...account({ ecrPublic: true }) }, SYNTHETIC)).toEqual([]);
    expect(versionProblems({ schemaVersion: 3, project: "acme" }, SYNTHETIC)).toEqual([]);
    // Version 2 already moved project; only version 3's rename is pending.
    expect(versionProblems({ schemaVersion: 2, project: "acme", ...account({ dockerHubLibrary: {} }) }, SYNTHETIC).map((p) => p.path)).toEqual(["accounts.main.registry.pullThroughCache.dockerHubLibrary"]);
  });

  test("old and new key both set is a conflict, not a silent overwrite", () => {
    expect(versionProblems(account({ dockerHub: {}, dockerHubLibrary: {} }), RENAME).map((p) => `${p.path}: ${p.message}`)).toEqual([
      "accounts.main.registry.pullThroughCache.dockerHub: and accounts.main.registry.pullThroughCache.dockerHubLibrary are both set; version 2 renamed the first to the second, so keep one",
    ]);
  });

  test("an inconsistent history is named", () => {
    expect(historyProblems({ current: 3, steps: [{ version: 3, moves: [{ from: "a.*", to: "b" }] }] })).toEqual(["step 0 is version 3, expected 2", "version 3: a.* -> b binds a different number of *"]);
  });
});

describe("migrateConfigText (synthetic history)", () => {
  test("a rename in place changes exactly the key and the version; every comment and space stays", () => {
    const result = migrateConfigText(minimal, "YAML", "minimal.yaml", RENAME);
    expect(result.ok && result.text).toBe(minimal.replace("\n        dockerHub:\n", "\n        dockerHubLibrary:\n").replace("\nschemaVersion: 1\n", "\nschemaVersion: 2\n"));
  });

  test("a file without schemaVersion gets it as its first key, after the header comments", () => {
    const text = "# header\n# second\naccounts:\n  main:\n    registry:\n      pullThroughCache:\n        dockerHub: { credential: { source: create } } # keep\n";
    const result = migrateConfigText(text, "YAML", "c.yaml", RENAME);
    expect(result.ok && result.text).toBe("# header\n# second\nschemaVersion: 2\naccounts:\n  main:\n    registry:\n      pullThroughCache:\n        dockerHubLibrary: { credential: { source: create } } # keep\n");
  });

  test("a key moved to another map is rewritten through the document, comments kept", () => {
    const text = "schemaVersion: 1\n# the prefix\nproject: acme # short\naccounts: {}\n";
    const result = migrateConfigText(text, "YAML", "c.yaml", SYNTHETIC);
    expect(result.ok && result.text).toBe("schemaVersion: 3\naccounts: {}\nnaming:\n  # the prefix\n  project: acme # short\n");
  });

  test("JSON: renamed in place, the version inserted first at the file's indentation, integer-like keys left where they were", () => {
    const text = '{\n    "accounts": {\n        "10": { "registry": { "pullThroughCache": { "dockerHub": {} } } },\n        "a": {}\n    }\n}\n';
    const result = migrateConfigText(text, "JSON", "c.json", RENAME);
    expect(result.ok && result.text).toBe('{\n    "schemaVersion": 2,\n    "accounts": {\n        "10": { "registry": { "pullThroughCache": { "dockerHubLibrary": {} } } },\n        "a": {}\n    }\n}\n');
  });

  test("JSON with a key moved between maps is written again in its key order", () => {
    const result = migrateConfigText('{"project": "acme", "9": 1, "accounts": {}}', "JSON", "c.json", SYNTHETIC);
    expect(result.ok && result.text).toBe('{\n  "schemaVersion": 3,\n  "9": 1,\n  "accounts": {},\n  "naming": {\n    "project": "acme"\n  }\n}');
  });

  test("hostile input: a key reached through a merge key, an unknown version, a broken file", () => {
    const merged = "x-defaults: &d\n  dockerHub: {}\naccounts:\n  main:\n    registry:\n      pullThroughCache:\n        <<: *d\n";
    expect(migrateConfigText(merged, "YAML", "c.yaml", RENAME)).toEqual({ ok: false, problems: [{ path: "accounts.main.registry.pullThroughCache.dockerHub", message: "comes from an alias or merge key; move it by hand" }] });
    expect(migrateConfigText("schemaVersion: 9\n", "YAML", "c.yaml", RENAME)).toEqual({ ok: false, problems: [{ path: "schemaVersion", message: "is 9; this pullguard knows config schema versions 1 to 2 (upgrade pullguard to read it)" }] });
    expect(migrateConfigText('schemaVersion: "2"\n', "YAML", "c.yaml", RENAME)).toEqual({ ok: false, problems: [{ path: "schemaVersion", message: 'is "2"; this pullguard knows config schema versions 1 to 2' }] });
    const broken = migrateConfigText("accounts: [\n", "YAML", "c.yaml", RENAME);
    expect(broken.ok).toBe(false);
  });
});

describe("migrateConfigText on odd but valid files (synthetic history)", () => {
  test("a flow-style root map is rewritten through the document, not spliced", () => {
    const result = migrateConfigText("{ accounts: { main: { registry: { pullThroughCache: { dockerHub: {} } } } } }\n", "YAML", "c.yaml", RENAME);
    expect(result.ok && result.text).toBe("{ schemaVersion: 2, accounts: { main: { registry: { pullThroughCache: { dockerHubLibrary: {} } } } } }\n");
  });

  test("an empty JSON object gets the version as its one key", () => {
    const result = migrateConfigText("{}\n", "JSON", "c.json", RENAME);
    expect(result.ok && result.text).toBe('{\n  "schemaVersion": 2\n}\n');
  });

  test("a one-line JSON file stays valid JSON", () => {
    const result = migrateConfigText('{"accounts": {"main": {"registry": {"pullThroughCache": {"dockerHub": {}}}}}}', "JSON", "c.json", RENAME);
    expect(result.ok && JSON.parse(result.text)).toEqual({ schemaVersion: 2, accounts: { main: { registry: { pullThroughCache: { dockerHubLibrary: {} } } } } });
  });
});
