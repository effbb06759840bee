import { FindingLog } from "../../../core/model/findings";
import { shareVpcEndpoints } from "../../../core/estate/shared-vpc";
import type { RuleContext } from "../../../core/rules/rule";
import { sharedVpcAccount } from "../../../core/rules/shared-vpc-account";
import { sharedVpcCidr } from "../../../core/rules/shared-vpc-cidr";
import { environmentDrafts, findingLines, TEST_VPC as VPC } from "../../helpers/plan-steps";

const ACCOUNTS = { main: { id: "111111111111" }, other: { id: "222222222222" } };
const OTHER_VPC = { ...VPC, id: "vpc-0e0e0e0e", privateRouteTableIds: ["rtb-0e0e0e0e"] };

type Environments = Parameters<typeof environmentDrafts>[0]["environments"];

function shared(environments: Environments) {
  const { drafts } = environmentDrafts({ accounts: ACCOUNTS, environments });
  const log = new FindingLog();
  const result = shareVpcEndpoints(drafts, log);
  return { ...result, findings: findingLines(log) };
}

describe("shareVpcEndpoints", () => {
  test("environments in different VPCs keep their own endpoints", () => {
    const { environments, ownerOf, findings } = shared({
      dev: { account: "main", regions: { "us-east-1": { vpc: VPC } }, services: {} },
      prod: { account: "main", regions: { "us-east-1": { vpc: OTHER_VPC } }, services: {} },
    });
    expect(environments.map((e) => [e.stackName, e.endpoints.map((p) => `${p.service}:${p.mode}`)])).toEqual([
      ["dev", ["ecr.api:create", "ecr.dkr:create", "s3:create"]],
      ["prod", ["ecr.api:create", "ecr.dkr:create", "s3:create"]],
    ]);
    expect(ownerOf.size).toBe(0);
    expect(findings).toEqual([]);
  });

  test("in one VPC the first stack by name creates every endpoint, with the S3 gateway on every sharer's route tables; the others reference it", () => {
    const { environments, ownerOf, findings } = shared({
      prod: { account: "main", regions: { "us-east-1": { vpc: { ...VPC, privateRouteTableIds: ["rtb-0c0c0c0c"] } } }, services: {} },
      dev: { account: "main", regions: { "us-east-1": { vpc: VPC } }, services: {} },
    });
    const [prod, dev] = environments;
    expect(dev!.endpoints.map((p) => `${p.service}:${p.mode}`)).toEqual(["ecr.api:create", "ecr.dkr:create", "s3:create"]);
    expect(dev!.vpc.endpointRouteTableIds).toEqual(["rtb-0a1b2c3d", "rtb-0c0c0c0c"]);
    expect(prod!.endpoints.map((p) => [p.service, p.mode, p.ownerStack])).toEqual([
      ["ecr.api", "shared", "dev"],
      ["ecr.dkr", "shared", "dev"],
      ["s3", "shared", "dev"],
    ]);
    expect(prod!.endpoints[0]!.reason).toBe("ECR authentication and manifests (GetAuthorizationToken, BatchGetImage); created by dev, which shares VPC vpc-0a1b2c3d");
    expect(prod!.vpc.endpointRouteTableIds).toEqual([]);
    expect([...ownerOf]).toEqual([["prod", "dev"]]);
    expect(findings).toEqual([]);
  });

  test("the owner creates what any sharer needs: a service's logs endpoint goes to the owner too", () => {
    const { environments } = shared({
      a: { account: "main", regions: { "us-east-1": { vpc: VPC } }, services: {} },
      b: { account: "main", regions: { "us-east-1": { vpc: VPC } }, services: { api: { image: "public.ecr.aws/nginx/nginx:1.27", desiredCount: 1, pullDirect: true } } },
    });
    expect(environments.map((e) => [e.stackName, e.endpoints.map((p) => `${p.service}:${p.mode}`)])).toEqual([
      ["a", ["ecr.api:create", "ecr.dkr:create", "s3:create", "logs:create"]],
      ["b", ["ecr.api:shared", "ecr.dkr:shared", "s3:shared", "logs:shared"]],
    ]);
  });

  test("an unrestricted endpoint wins over a restricted one, so no sharer's pulls are blocked", () => {
    const { environments } = shared({
      a: { account: "main", regions: { "us-east-1": { vpc: VPC } }, endpoints: { restrictToAccount: true }, services: {} },
      b: { account: "main", regions: { "us-east-1": { vpc: VPC } }, endpoints: { restrictToAccount: false }, services: {} },
    });
    expect(environments[0]!.endpoints.map((p) => [p.service, p.policy === undefined])).toEqual([
      ["ecr.api", true],
      ["ecr.dkr", true],
      ["s3", true],
    ]);
  });

  test("one VPC declared with two CIDRs, or from two accounts, is an error at the later stack (judged on the plan by core/rules/shared-vpc-cidr.ts, shared-vpc-account.ts)", () => {
    const { environments, findings } = shared({
      a: { account: "main", regions: { "us-east-1": { vpc: VPC } }, services: {} },
      b: { account: "other", regions: { "us-east-1": { vpc: { ...VPC, cidr: "10.1.0.0/16" } } }, services: {} },
    });
    expect(findings).toEqual([]);
    const ctx = { plan: { environments } } as unknown as RuleContext;
    const judged = [sharedVpcCidr, sharedVpcAccount].flatMap((rule) => rule.check(ctx).map((v) => `${rule.definition.level} [${v.stack}] ${v.path}: ${v.message}`));
    expect(judged).toEqual([
      "error [b] environments.b.regions.us-east-1.vpc.cidr: is 10.1.0.0/16, but environments.a declares the same VPC vpc-0a1b2c3d with 10.0.0.0/16",
      "error [b] environments.b.regions.us-east-1.vpc.id: is also used by environments.a in account 111111111111; a VPC shared across accounts (RAM) has its endpoints in the owner account: set them as existingId in the other account",
    ]);
  });

  test("two different existing ids for one endpoint of one VPC is an error", () => {
    const { findings } = shared({
      a: { account: "main", regions: { "us-east-1": { vpc: VPC, endpoints: { s3: { existingId: "vpce-0a0a0a0a0a0a0a0a0" } } } }, services: {} },
      b: { account: "main", regions: { "us-east-1": { vpc: VPC, endpoints: { s3: { existingId: "vpce-0b0b0b0b0b0b0b0b0" } } } }, services: {} },
    });
    expect(findings).toEqual([
      "error [b] environments.b.regions.us-east-1.endpoints: names vpce-0b0b0b0b0b0b0b0b0 for s3, but another environment in VPC vpc-0a1b2c3d names vpce-0a0a0a0a0a0a0a0a0; a VPC has one s3 endpoint",
    ]);
  });
});
