import type { PlatformConfigInput } from "../../../config/schema";
import { endpointsOff, planEndpoints } from "../../../core/environment/endpoint-plan";
import { findingLines, firstLocation, TEST_VPC as VPC } from "../../helpers/plan-steps";

type EnvironmentInput = PlatformConfigInput["environments"][string];

const OWN_IMAGE = "111111111111.dkr.ecr.us-east-1.amazonaws.com/api:1.0";
const SECRET = "arn:aws:secretsmanager:us-east-1:111111111111:secret:db-AbCdEf";
const PARAMETER = "arn:aws:ssm:us-east-1:111111111111:parameter/api/token";
const KEY = "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";

/** The endpoints of environment prod (us-east-1) for these settings, planned directly, the ones turned off, and the findings of those calls. */
function endpoints(env: Partial<EnvironmentInput>, hasEc2 = false, accounts: PlatformConfigInput["accounts"] = { main: { id: "111111111111" } }) {
  const { ctx, services, log } = firstLocation({ accounts, environments: { prod: { account: "main", regions: { "us-east-1": { vpc: VPC } }, services: {}, ...env } } });
  const planned = planEndpoints(services, hasEc2, ctx);
  return { planned, off: endpointsOff(services, hasEc2, ctx), findings: findingLines(log) };
}

const summary = (planned: ReturnType<typeof endpoints>["planned"]) => planned.map((e) => `${e.service} ${e.type} ${e.mode}${e.existingId ? ` ${e.existingId}` : ""}: ${e.reason}`);

describe("planEndpoints", () => {
  test("with no services: ECR's two endpoints and the S3 gateway, always; nothing else", () => {
    expect(summary(endpoints({}).planned)).toEqual([
      "ecr.api Interface create: ECR authentication and manifests (GetAuthorizationToken, BatchGetImage)",
      "ecr.dkr Interface create: Docker registry API for image pulls",
      "s3 Gateway create: image layers live in S3 (prod-<region>-starport-layer-bucket)",
    ]);
    expect(endpoints({}).planned.map((e) => e.serviceName)).toEqual(["com.amazonaws.us-east-1.ecr.api", "com.amazonaws.us-east-1.ecr.dkr", "com.amazonaws.us-east-1.s3"]);
  });

  test("services add logs; their secrets add Secrets Manager, Parameter Store and (with a key to decrypt them) KMS", () => {
    const { planned } = endpoints({ services: { api: { image: OWN_IMAGE, desiredCount: 1, secrets: { DB: SECRET, TOKEN: PARAMETER }, secretsKmsKeyArns: [KEY] } } });
    expect(planned.map((e) => e.service)).toEqual(["ecr.api", "ecr.dkr", "s3", "logs", "secretsmanager", "ssm", "kms"]);
  });

  test("a KMS key without secrets to decrypt needs no KMS endpoint", () => {
    const { planned } = endpoints({ services: { api: { image: OWN_IMAGE, desiredCount: 1, secretsKmsKeyArns: [KEY] } } });
    expect(planned.map((e) => e.service)).toEqual(["ecr.api", "ecr.dkr", "s3", "logs"]);
  });

  test("EC2 capacity adds the three ECS agent endpoints", () => {
    expect(endpoints({}, true).planned.map((e) => e.service)).toEqual(["ecr.api", "ecr.dkr", "s3", "ecs", "ecs-agent", "ecs-telemetry"]);
  });

  test("create plans an endpoint nothing needs; an existing id is used, not created", () => {
    const { planned } = endpoints({ endpoints: { ssm: "create" }, regions: { "us-east-1": { vpc: VPC, endpoints: { ecrApi: { existingId: "vpce-0a1b2c3d4e5f60718" } } } } });
    expect(summary(planned)).toEqual([
      "ecr.api Interface existing vpce-0a1b2c3d4e5f60718: ECR authentication and manifests (GetAuthorizationToken, BatchGetImage)",
      "ecr.dkr Interface create: Docker registry API for image pulls",
      "s3 Gateway create: image layers live in S3 (prod-<region>-starport-layer-bucket)",
      "ssm Interface create: requested in config",
    ]);
  });

  test("off plans nothing and is recorded with what needs it; off for an unneeded one is recorded without (PG-ENDPOINT-OFF judges them: __tests__/rules/endpoints-off.test.ts)", () => {
    const { planned, off, findings } = endpoints({ endpoints: { s3: "off", kms: "off" } });
    expect(planned.map((e) => e.service)).toEqual(["ecr.api", "ecr.dkr"]);
    expect(off).toEqual([{ key: "s3", neededFor: "image layers live in S3 (prod-<region>-starport-layer-bucket)" }, { key: "kms" }]);
    expect(findings).toEqual([]);
  });

  test("restrictToAccount: ECR endpoints allow pulls from this account's repositories only; S3 keeps ECR's layer bucket", () => {
    const { planned } = endpoints({ endpoints: { restrictToAccount: true } });
    const sameAccount = { StringEquals: { "aws:PrincipalAccount": "111111111111" } };
    expect(planned[0]!.policy).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Sid: "AuthenticateToEcr", Effect: "Allow", Principal: "*", Action: "ecr:GetAuthorizationToken", Resource: "*", Condition: sameAccount },
        {
          Sid: "PullFromOwnRegistry",
          Effect: "Allow",
          Principal: "*",
          Action: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
          Resource: "arn:aws:ecr:us-east-1:111111111111:repository/*",
          Condition: sameAccount,
        },
      ],
    });
    expect(planned[1]!.policy).toEqual(planned[0]!.policy);
    expect(planned[2]!.policy).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Sid: "EcrImageLayers", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*" },
        { Sid: "OwnAccountBuckets", Effect: "Allow", Principal: "*", Action: "s3:*", Resource: "*", Condition: { StringEquals: { "aws:ResourceAccount": "111111111111" } } },
      ],
    });
  });

  test("restricted, with an image pulled through the cache: the ECR policy also lets the first pull import it", () => {
    const { planned } = endpoints(
      { endpoints: { restrictToAccount: true }, services: { api: { image: "quay.io/team/api:1.0", desiredCount: 1 } } },
      false,
      { main: { id: "111111111111", registry: { pullThroughCache: { quay: true } } } },
    );
    expect(planned[0]!.policy!.Statement[1]!.Action).toEqual(["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchImportUpstreamImage", "ecr:CreateRepository"]);
  });

  test("unrestricted endpoints carry no policy (the VPC endpoint default: full access)", () => {
    expect(endpoints({}).planned.map((e) => e.policy)).toEqual([undefined, undefined, undefined]);
  });
});
