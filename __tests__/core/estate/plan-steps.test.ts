import { accessFor, finishEstate } from "../../../core/estate/plan";
import { FindingLog } from "../../../core/model/findings";
import { findingLines, parsedConfig, stackDrafts, TEST_VPC as VPC } from "../../helpers/plan-steps";

const ROLE = "arn:aws:iam::111111111111:role/deployer";

describe("accessFor", () => {
  const config = parsedConfig({
    accounts: { main: { id: "111111111111", profile: "main-admin", assumeRole: { roleArn: ROLE, externalId: "ext-1234" } }, plain: { id: "222222222222" } },
    environments: { prod: { account: "main", regions: { "us-east-1": { vpc: VPC } }, services: {} } },
  });

  test("profile and assume_role as declared, the session name defaulted", () => {
    expect(accessFor(config, "main")).toEqual({ profile: "main-admin", assumeRole: { roleArn: ROLE, sessionName: "pullguard", externalId: "ext-1234" } });
  });

  test("an account without either is reached with the ambient credentials; an unknown alias too, even constructor", () => {
    expect(accessFor(config, "plain")).toEqual({});
    expect(accessFor(config, "nobody")).toEqual({});
    expect(accessFor(config, "constructor")).toEqual({});
  });
});

describe("finishEstate", () => {
  function finished(input: Parameters<typeof stackDrafts>[0]) {
    const { config, drafts, registries, upstreamRoles } = stackDrafts(input);
    const log = new FindingLog();
    return { ...finishEstate({ config, environments: drafts, registries, upstreamRoles, log }), findings: findingLines(log) };
  }

  test("registries are applied before the environments that pull through them; each stack gets its access", () => {
    const estate = finished({
      accounts: { main: { id: "111111111111", profile: "main-admin" } },
      environments: { prod: { account: "main", regions: { "us-east-1": { vpc: VPC }, "us-west-2": { vpc: VPC } }, services: {} } },
    });
    expect(estate.deployOrder).toEqual([
      ["registry-111111111111-us-east-1", "registry-111111111111-us-west-2"],
      ["prod-us-east-1", "prod-us-west-2"],
    ]);
    expect(estate.environments.map((e) => [e.stackName, e.dependsOn, e.access])).toEqual([
      ["prod-us-east-1", ["registry-111111111111-us-east-1"], { profile: "main-admin" }],
      ["prod-us-west-2", ["registry-111111111111-us-west-2"], { profile: "main-admin" }],
    ]);
    expect(estate.registries.map((r) => [r.stackName, r.dependsOn, r.imports])).toEqual([
      ["registry-111111111111-us-east-1", [], []],
      ["registry-111111111111-us-west-2", [], []],
    ]);
    expect(estate.adoption).toEqual([]);
    expect(estate.findings).toEqual([]);
  });

  test("an existing cluster is listed as adopted; existing singletons of a Region without a registry stack are an error", () => {
    const estate = finished({
      accounts: { main: { id: "111111111111", registry: { existing: { "eu-west-1": { scanning: true } } } } },
      environments: { prod: { account: "main", existingClusterName: "legacy", regions: { "us-east-1": { vpc: VPC } }, services: {} } },
    });
    expect(estate.adoption).toEqual([{ action: "adopt", stack: "prod", what: "existing ECS cluster legacy runs the services (not created, not changed)" }]);
    expect(estate.findings).toEqual(["error [-] accounts.main.registry.existing.eu-west-1: names a Region where account main has no registry stack (registries: us-east-1)"]);
  });

  test("the config's registry policy statements come last and are counted, so PG-REGISTRY-POLICY-SID can judge their Sids (__tests__/rules/registry-policy-sid.test.ts)", () => {
    const estate = finished({
      accounts: {
        main: {
          id: "111111111111",
          registry: { registryPolicyStatements: [{ Sid: "AcceptReplication", Effect: "Allow", Principal: { AWS: "arn:aws:iam::333333333333:root" }, Action: "ecr:BatchGetImage", Resource: "*" }] },
        },
      },
      environments: { prod: { account: "main", regions: { "us-east-1": { vpc: VPC } }, services: {} } },
    });
    const [registry] = estate.registries;
    expect([registry!.configuredPolicyStatements, registry!.policyStatements.map((p) => p.Sid)]).toEqual([1, ["AcceptReplication"]]);
    expect(estate.findings).toEqual([]);
  });
});
