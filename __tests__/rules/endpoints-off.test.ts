/**
 * Endpoints turned off while the stack needs them (core/rules/endpoints-off.ts): each needed one is
 * a warning naming what needs it; an unneeded one turned off says nothing.
 */
import type { PlatformConfigInput } from "../../config/schema";
import { endpointOff } from "../../core/rules/endpoint-off";
import { ACCOUNT, findingsOf, OWN_IMAGE, platform } from "./rule-cases";

const web = { web: { image: OWN_IMAGE, desiredCount: 1 } };
const lines = (config: PlatformConfigInput) => findingsOf(config, endpointOff).map((f) => `${f.level} ${f.stack ?? "-"} ${f.path}: ${f.message}`);

describe("endpoints turned off", () => {
  test("off for a needed endpoint is a warning that the traffic takes the NAT; off for an unneeded one says nothing", () => {
    expect(lines(platform(web, { endpoints: { s3: "off", kms: "off" } }))).toEqual([
      "warning prod environments.prod.endpoints.s3: is off, but image layers live in S3 (prod-<region>-starport-layer-bucket) needs it: that traffic leaves through NAT",
    ]);
  });

  test("what needs an endpoint follows the services: logs for any service, Secrets Manager for a secret", () => {
    const secrets = { DB: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:db-AbCdEf` };
    expect(lines(platform({ web: { ...web.web, secrets } }, { endpoints: { logs: "off", secretsmanager: "off", ssm: "off" } }))).toEqual([
      "warning prod environments.prod.endpoints.logs: is off, but awslogs log driver needs it: that traffic leaves through NAT",
      "warning prod environments.prod.endpoints.secretsmanager: is off, but container secrets and repositoryCredentials needs it: that traffic leaves through NAT",
    ]);
  });

  test("every endpoint left on: nothing to say", () => {
    expect(lines(platform(web))).toEqual([]);
  });
});
