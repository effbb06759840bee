import { execRole } from "../../core/rules/exec-role";
import { replicationBackfill } from "../../core/rules/replication-backfill";
import { ACCOUNT, findingsOf, OWN_IMAGE, platform, SECOND_VPC, VPC } from "./rule-cases";

describe("PG-EXEC-ROLE (warning)", () => {
  const exec = (taskRole: { existingArn: string } | Record<string, never>) => platform({ web: { image: OWN_IMAGE, desiredCount: 2, enableExecuteCommand: true, taskRole } });

  test("compliant: ECS Exec with the task role pullguard creates (and grants)", () => {
    expect(findingsOf(exec({}), execRole)).toEqual([]);
  });

  test("non-compliant: ECS Exec with an existing task role pullguard cannot grant", () => {
    expect(findingsOf(exec({ existingArn: `arn:aws:iam::${ACCOUNT}:role/web` }), execRole)).toEqual([
      {
        level: "warning",
        path: "environments.prod.services.web.taskRole.existingArn",
        message: "ECS Exec needs ssmmessages:CreateControlChannel, ssmmessages:CreateDataChannel, ssmmessages:OpenControlChannel, ssmmessages:OpenDataChannel on this role; pullguard does not manage it",
        stack: "prod",
        rule: "PG-EXEC-ROLE",
      },
    ]);
  });
});

describe("PG-REPLICATION-BACKFILL (warning)", () => {
  // An image in us-east-1 run in us-east-1 and us-west-2: us-west-2 gets it through the cache by
  // default, or by replication with ownImages: replication.
  const twoRegions = (registry: { ownImages?: "replication" }) => ({
    accounts: { main: { id: ACCOUNT, registry } },
    environments: {
      prod: { account: "main", regions: { "us-east-1": { vpc: VPC }, "us-west-2": { vpc: SECOND_VPC } }, services: { orders: { image: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/orders:1.0`, desiredCount: 2 } } },
    },
  });

  test("compliant: the default ownImages (pull-through cache) derives no replication", () => {
    expect(findingsOf(twoRegions({}), replicationBackfill)).toEqual([]);
  });

  test("non-compliant: ownImages: replication derives a rule that copies only later pushes", () => {
    expect(findingsOf(twoRegions({ ownImages: "replication" }), replicationBackfill)).toEqual([
      {
        level: "warning",
        path: "accounts.main.registry",
        message:
          "replicates orders to 111111111111/us-west-2 (ownImages: replication): only images pushed after the first apply are copied; re-push the tags the services run before their first deploy (docs/own-images.md)",
        stack: "registry-111111111111-us-east-1",
        rule: "PG-REPLICATION-BACKFILL",
      },
    ]);
  });
});
