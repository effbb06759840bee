/**
 * Environment stack names judged on the plan (core/rules/stack-name-reserved.ts,
 * stack-name-duplicate.ts): the whole config is planned, so the names are the ones
 * core/locations/naming.ts gives (one Region: the environment's name; several:
 * <environment>-<region>).
 */
import type { PlatformConfigInput } from "../../config/schema";
import { stackNameDuplicate } from "../../core/rules/stack-name-duplicate";
import { stackNameReserved } from "../../core/rules/stack-name-reserved";
import type { Rule, RuleContext } from "../../core/rules/rule";
import { findingsOf, OWN_IMAGE, platform, SECOND_VPC, VPC } from "./rule-cases";

const web = { web: { image: OWN_IMAGE, desiredCount: 1 } };
const inRegions = (...regions: string[]) => ({ account: "main", regions: Object.fromEntries(regions.map((r, i) => [r, { vpc: i === 0 ? VPC : SECOND_VPC }])), services: {} });
/** "prod" in us-east-1 and us-west-2, then the given environments. */
const withProd = (more: PlatformConfigInput["environments"]) => platform(web, {}, { environments: { prod: { ...inRegions("us-east-1", "us-west-2"), services: web }, ...more } });
const lines = (config: PlatformConfigInput, rule: Rule) => findingsOf(config, rule).map((f) => `${f.level} ${f.path}: ${f.message}`);

describe("environment stack names", () => {
  test("distinct names pass", () => {
    const config = withProd({ "prod-eu": inRegions("eu-west-1") });
    expect([...lines(config, stackNameDuplicate), ...lines(config, stackNameReserved)]).toEqual([]);
  });

  test("a second environment giving a taken stack name is an error naming the first", () => {
    expect(lines(withProd({ "prod-us-east-1": inRegions("eu-west-1") }), stackNameDuplicate)).toEqual([
      'error environments.prod-us-east-1: gives stack name "prod-us-east-1", which environments.prod also gives; rename one environment',
    ]);
  });

  test("constructor is a property of every object, so cdktf cannot name a stack so", () => {
    const config = platform(web, {}, { environments: { constructor: inRegions("us-east-1") } });
    expect(lines(config, stackNameReserved)).toEqual(['error environments.constructor: gives stack name "constructor", which cdktf cannot use (it is a property of every JavaScript object); rename the environment']);
    expect(lines(config, stackNameDuplicate)).toEqual([]);
  });

  // The config's environment names are lowercase, so only "constructor" reaches a plan; the rule
  // holds for every Object property, judged here on stack names alone.
  test.each(["toString", "__proto__", "hasOwnProperty"])("%s is refused as well, and twice is still not a duplicate", (name) => {
    const plan = { environments: [{ environment: name, stackName: name }, { environment: name, stackName: name }] } as unknown as RuleContext["plan"];
    const message = `gives stack name "${name}", which cdktf cannot use (it is a property of every JavaScript object); rename the environment`;
    expect(stackNameReserved.check({ plan })).toEqual([
      { path: `environments.${name}`, message },
      { path: `environments.${name}`, message },
    ]);
    expect(stackNameDuplicate.check({ plan })).toEqual([]);
  });

  test("an environment named constructor in two Regions does not also count as taking the name", () => {
    // Two Regions give constructor-us-east-1 and constructor-us-west-2: allowed names, no finding at all.
    const twoRegions = platform(web, {}, { environments: { constructor: inRegions("us-east-1", "us-west-2") } });
    expect([...lines(twoRegions, stackNameReserved), ...lines(twoRegions, stackNameDuplicate)]).toEqual([]);
    // Beside another environment, a reserved name is only the prototype error: never "which environments.constructor also gives".
    const beside = platform(web, {}, { environments: { constructor: inRegions("us-east-1"), prod: { ...inRegions("us-west-2"), services: web } } });
    expect(lines(beside, stackNameReserved)).toEqual(['error environments.constructor: gives stack name "constructor", which cdktf cannot use (it is a property of every JavaScript object); rename the environment']);
    expect(lines(beside, stackNameDuplicate)).toEqual([]);
  });
});
