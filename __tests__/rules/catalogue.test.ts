import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseConfigText } from "../../config/load";
import { planPlatform } from "../../core/plan";
import { CATALOGUE, findingById } from "../../core/rules/catalogue";
import * as definitions from "../../core/rules/catalogue/all";
import { findingsMarkdown } from "../../core/rules/findings-doc";
import { PULLGUARD_PACK } from "../../core/rules";

const ROOT = join(__dirname, "..", "..");
const CATALOGUE_DIR = join(ROOT, "core", "rules", "catalogue");
const RULES_DIR = join(ROOT, "core", "rules");
/** The files directly in core/rules/ that hold no rule: the pack, the Rule type, the findings.md writer. */
const NOT_RULE_FILES = ["findings-doc.ts", "index.ts", "rule.ts"];

/** The file a pack rule lives in: its definition's id without PG-, lower case, as the catalogue names it. */
const ruleFile = (id: string) => `${id.slice(3).toLowerCase()}.ts`;

/** What a module of core/rules/ exports that is a rule (an object with a definition and a check). */
function rulesExportedBy(path: string): unknown[] {
  const exported: Record<string, unknown> = jest.requireActual(path);
  return Object.values(exported).filter((value) => typeof value === "object" && value !== null && "definition" in value && "check" in value);
}

/** Every config the repository ships or tests with a file: the examples and the diagnose fixture. */
const CONFIG_FILES = [
  ...readdirSync(join(ROOT, "config", "examples"))
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .map((f) => join("config", "examples", f)),
  join("__tests__", "fixtures", "diagnose", "classic", "platform.yaml"),
];

/**
 * Ids no literal config can make the planner emit, so they cannot have a non-compliant case: a
 * defensive check behind one the config parser makes first. Each line must say why. Empty: every
 * id of the catalogue is reachable from a config today.
 */
const UNREACHABLE: readonly string[] = [];

/**
 * The ids of the given definitions that have no `describe("<id> (<level>)")` block holding both a
 * `test("compliant: ...")` and a `test("non-compliant: ...")` in a test file of __tests__/rules/.
 */
function withoutCases(defs: ReadonlyArray<{ id: string; level: string }>): string[] {
  const tests = readdirSync(__dirname)
    .filter((f) => f.endsWith(".test.ts"))
    .map((f) => readFileSync(join(__dirname, f), "utf8"))
    .join("\n");
  return defs
    .map((d) => ({ id: d.id, block: tests.split(`describe("${d.id} (${d.level})"`)[1]?.split("\ndescribe(")[0] ?? "" }))
    .filter(({ block }) => !block.includes('test("compliant: ') || !block.includes('test("non-compliant: '))
    .map((u) => u.id)
    .sort();
}

describe("the finding catalogue", () => {
  test("ids are PG- ids, each once", () => {
    const ids = CATALOGUE.map((d) => d.id);
    expect(ids.filter((id) => !/^PG-[A-Z0-9]+(?:-[A-Z0-9]+)*$/.test(id))).toEqual([]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  test("every definition sits in its own file, named after its id", () => {
    const files = readdirSync(CATALOGUE_DIR)
      .filter((f) => f !== "index.ts" && f !== "all.ts")
      .sort();
    const expected = CATALOGUE.map((d) => `${d.id.slice(3).toLowerCase()}.ts`).sort();
    expect(files).toEqual(expected);
    for (const file of files) {
      const source = readFileSync(join(CATALOGUE_DIR, file), "utf8");
      expect({ file, definitions: source.match(/: (?:Planning)?FindingDefinition = /g)?.length }).toEqual({ file, definitions: 1 });
    }
    expect(Object.keys(definitions).length).toBe(CATALOGUE.length);
  });

  test("every definition says what triggers it, why, and how to fix it", () => {
    const thin = CATALOGUE.filter((d) => [d.description, d.why, d.fix].some((text) => text.trim().length < 10));
    expect(thin.map((d) => d.id)).toEqual([]);
  });

  test("the ids users already suppress by are unchanged, with their levels", () => {
    const kept: Array<[string, string]> = [
      ["PG-DEPLOY-ORDER", "warning"],
      ["PG-DIGEST-THROUGH-CACHE", "warning"],
      ["PG-DIRECT-PULL-EGRESS", "error"],
      ["PG-DOCKER-HUB-DIRECT", "error"],
      ["PG-DOCKER-HUB-LIMIT", "error"],
      ["PG-EC2-MEMORY-HEADROOM", "warning"],
      ["PG-EC2-SIZE-UNCHECKED", "warning"],
      ["PG-EC2-TASK-FIT", "warning"],
      ["PG-ECR-QUOTA", "error"],
      ["PG-ECR-QUOTA-ACCOUNT", "warning"],
      ["PG-ECR-QUOTA-ENVIRONMENT", "warning"],
      ["PG-ECR-QUOTA-NEAR", "warning"],
      ["PG-ENDPOINT-OFF", "warning"],
      ["PG-ENDPOINT-POLICY-BLOCKS-PULL", "error"],
      ["PG-ENDPOINT-POLICY-SCOPE", "warning"],
      ["PG-EXEC-ROLE", "warning"],
      ["PG-EXISTING-UNMANAGED", "warning"],
      ["PG-FIRST-APPLY-REPLACES", "warning"],
      ["PG-MUTABLE-TAGS", "warning"],
      ["PG-PREFER-CACHED", "warning"],
      ["PG-REPLICATION-BACKFILL", "warning"],
      ["PG-ROLLBACK-ALARMS", "warning"],
      ["PG-ROLLOUT-BURST", "warning"],
      ["PG-ROLLOUT-CAPACITY", "warning"],
      ["PG-ROLLOUT-PROGRESS", "error"],
      ["PG-SCALE-OUT-BURST", "error"],
      ["PG-STRATEGY-BURST", "error"],
      ["PG-SUPPRESSION-UNUSED", "warning"],
      ["PG-UPSTREAM-POLICY", "warning"],
    ];
    expect(kept.map(([id]) => [id, findingById(id)?.level, findingById(id)?.suppressible])).toEqual(kept.map(([id, level]) => [id, level, id !== "PG-SUPPRESSION-UNUSED"]));
  });

  test("every rule of the pack judges with a catalogued definition", () => {
    // 29 + PG-FARGATE-VCPU, PG-FARGATE-VCPU-ACCOUNT, PG-FARGATE-LAUNCH-RATE + the three upstream pull rules
    // + the four pull-route and rollback rules (PG-CACHE-FIRST-PULL-ROUTE, PG-CROSS-ACCOUNT-PULL-POLICY, PG-EXISTING-CLUSTER-AUTOSCALING, PG-EVENT-RULE-QUOTA).
    // The pack judges every finding a planner does not raise while planning (catalogue entries
    // without raisedWhilePlanning): 39 rules before issue 20's second pass, then + 12 (container
    // secrets, image references, task containers, circuit breaker settings, policy size), - 1
    // (PG-REPLICATION-SELF went to its planner) + 17 (cache rules, existing singletons, registry
    // policy Sid, shared VPCs, deploy order, registry ARN location, assume-role account), + 1
    // (PG-UPSTREAM-POLICY), + 16 (EC2 task fit and capacity size, stack names, state backends,
    // alert topic, subnet zones, duplicate accounts, endpoints off and ids, Region-bound ARNs).
    expect(PULLGUARD_PACK.length).toBe(84);
    expect(PULLGUARD_PACK.filter((rule) => !CATALOGUE.includes(rule.definition)).map((rule) => rule.definition.id)).toEqual([]);
  });

  test("every finding is judged in one place: by exactly one rule of the pack, or while planning with the reason no rule can", () => {
    const rulesOf = (id: string) => PULLGUARD_PACK.filter((rule) => rule.definition.id === id).length;
    const homes = CATALOGUE.map((d) => [d.id, rulesOf(d.id) + (d.raisedWhilePlanning === undefined ? 0 : 1)] as const);
    expect(homes.filter(([, count]) => count !== 1)).toEqual([]);
    expect(CATALOGUE.filter((d) => d.raisedWhilePlanning !== undefined && (d.raisedWhilePlanning.trim().length < 20 || /PENDING/.test(d.raisedWhilePlanning))).map((d) => d.id)).toEqual([]);
  });

  test("every rule of the pack is the only rule exported by core/rules/<its id's slug>.ts", () => {
    expect(ruleFile("PG-CACHE-PREFIX-DUPLICATE")).toBe("cache-prefix-duplicate.ts");
    const entries = readdirSync(RULES_DIR, { withFileTypes: true });
    expect(entries.filter((e) => e.isDirectory()).map((e) => e.name).sort()).toEqual(["catalogue", "support"]);
    // Every other file directly in core/rules/ is a pack rule's: a shared helper lives in support/.
    const files = entries.filter((e) => e.isFile() && !NOT_RULE_FILES.includes(e.name)).map((e) => e.name);
    expect(files.length).toBe(84);
    expect(files.sort()).toEqual(PULLGUARD_PACK.map((rule) => ruleFile(rule.definition.id)).sort());
    for (const rule of PULLGUARD_PACK) {
      const file = ruleFile(rule.definition.id);
      const rules = rulesExportedBy(join(RULES_DIR, file)).map((r) => (r === rule ? rule.definition.id : "another rule"));
      const declared = readFileSync(join(RULES_DIR, file), "utf8").match(/: Rule = /g)?.length ?? 0;
      expect({ file, rules, declared }).toEqual({ file, rules: [rule.definition.id], declared: 1 });
    }
  });

  test("core/rules/support/ and the pack's own files hold no rule", () => {
    const helpers = readdirSync(join(RULES_DIR, "support")).map((f) => join("support", f));
    expect(helpers.length).toBeGreaterThan(0);
    for (const file of [...helpers, ...NOT_RULE_FILES]) {
      const declared = readFileSync(join(RULES_DIR, file), "utf8").match(/: Rule = /g)?.length ?? 0;
      expect({ file, rules: rulesExportedBy(join(RULES_DIR, file)).length, declared }).toEqual({ file, rules: 0, declared: 0 });
    }
  });

  test("every rule of the pack has its own compliant and non-compliant cases in __tests__/rules/", () => {
    expect(withoutCases(PULLGUARD_PACK.map((rule) => rule.definition))).toEqual([]);
  });

  test("every definition, pack rule or planner finding, has its cases, or is listed below with the reason", () => {
    // Driven by CATALOGUE: a new id without a `describe("PG-X (level)")` block holding a compliant and a
    // non-compliant test fails here until it gets them (or a line, with its reason, in UNREACHABLE).
    expect(withoutCases(CATALOGUE)).toEqual([...UNREACHABLE].sort());
  });

  test("UNREACHABLE names only catalogued ids that really lack cases", () => {
    const lacking = withoutCases(CATALOGUE);
    expect(UNREACHABLE.filter((id) => !findingById(id) || !lacking.includes(id))).toEqual([]);
  });

  test("the completeness check finds a missing case: a definition whose level no describe block names", () => {
    expect(withoutCases([{ id: "PG-IMAGE-LATEST", level: "warning" }, { id: "PG-NO-SUCH-ID", level: "error" }])).toEqual(["PG-IMAGE-LATEST", "PG-NO-SUCH-ID"]);
  });
});

describe("docs/findings.md", () => {
  const committed = readFileSync(join(ROOT, "docs", "findings.md"), "utf8");

  test("is what the definitions generate (run `npm run findings` when it is not)", () => {
    expect(committed === findingsMarkdown(CATALOGUE)).toBe(true);
  });

  test("documents every id under its own heading", () => {
    expect(CATALOGUE.filter((d) => !committed.includes(`\n## ${d.id}\n`)).map((d) => d.id)).toEqual([]);
  });
});

describe("findings emitted by the shipped and fixture configs", () => {
  test.each(CONFIG_FILES)("%s emits only catalogued ids, each with its catalogued level", (file) => {
    const loaded = parseConfigText(readFileSync(join(ROOT, file), "utf8"), file);
    if (!loaded.ok) throw new Error(loaded.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
    const plan = planPlatform(loaded.config);
    const all = [...plan.findings, ...plan.suppressed];
    expect(all.filter((f) => findingById(f.rule)?.level !== f.level).map((f) => [f.rule, f.level])).toEqual([]);
  });

  test("the examples do emit findings, so the check above checks something", () => {
    const file = join("config", "examples", "existing-registry-singletons.yaml");
    const loaded = parseConfigText(readFileSync(join(ROOT, file), "utf8"), file);
    if (!loaded.ok) throw new Error(file);
    expect(planPlatform(loaded.config).findings.map((f) => f.rule)).toEqual(["PG-FIRST-APPLY-REPLACES", "PG-FIRST-APPLY-REPLACES"]);
  });
});
