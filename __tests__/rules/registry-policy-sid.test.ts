/**
 * PG-REGISTRY-POLICY-SID judged on the plan (core/rules/registry-policy-sid.ts): only the config's
 * own statements are judged, at their index in registryPolicyStatements, never the grant pullguard
 * writes itself under one of those Sids. planner-estate.test.ts holds the compliant and
 * non-compliant cases.
 */
import { parseConfig } from "../../config/load";
import { planPlatform } from "../../core/plan";
import { registryPolicySid } from "../../core/rules/registry-policy-sid";
import { ACCOUNT, findingsOf, OTHER_ACCOUNT, platform } from "./rule-cases";

const statement = (Sid: string) => ({ Sid, Effect: "Allow" as const, Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/ci` }, Action: "ecr:CreateRepository", Resource: "*" });

describe("PG-REGISTRY-POLICY-SID on a registry that also grants another account's cache role", () => {
  // main runs an image of build's registry: build's registry policy grants main's cache role
  // (Sid PullThroughCacheFromDownstream), first, then build's own statements.
  const config = (sids: string[]) =>
    platform({ web: { image: `${OTHER_ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/web:1.0`, desiredCount: 2 } }, {}, {
      accounts: { main: { id: ACCOUNT }, build: { id: OTHER_ACCOUNT, registry: { registryPolicyStatements: sids.map(statement) } } },
    });
  const lines = (sids: string[]) => findingsOf(config(sids), registryPolicySid).map((f) => `${f.level} [${f.stack}] ${f.path}: ${f.message}`);

  test("the grant pullguard writes is not the user's: no finding", () => {
    const parsed = parseConfig(config(["LetCiPush"]));
    if (!parsed.ok) throw new Error("invalid case");
    const build = planPlatform(parsed.config).registries.find((r) => r.account === OTHER_ACCOUNT)!;
    expect([build.policyStatements.map((p) => p.Sid), build.configuredPolicyStatements]).toEqual([["PullThroughCacheFromDownstream", "LetCiPush"], 1]);
    expect(lines(["LetCiPush"])).toEqual([]);
  });

  test("the user's second statement, taking the grant's Sid, is reported at its own index", () => {
    expect(lines(["LetCiPush", "PullThroughCacheFromDownstream"])).toEqual([
      `error [registry-${OTHER_ACCOUNT}-us-east-1] accounts.build.registry.registryPolicyStatements[1].Sid: "PullThroughCacheFromDownstream" is a Sid pullguard's own registry policy uses; pick another`,
    ]);
  });
});
