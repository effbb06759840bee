import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPLACED_ON_PURPOSE } from "../../core/upgrade";
import { addressesOfGoldenTree, contractViolations, movedBlocksOfGoldenTree, type AddressBook, type AddressFile } from "../../scripts/lib/resource-addresses";

/**
 * Resource addresses are a contract between releases (docs/upgrading.md): every address an example
 * synthesized in the last release (__tests__/upgrade/addresses-<version>.json, `npm run addresses`)
 * is still synthesized, moved by a `moved` block the stack emits, or listed as replaced on purpose.
 */
const root = join(__dirname, "..", "..");
const releases = readdirSync(__dirname)
  .filter((f) => /^addresses-\d+\.\d+\.\d+\.json$/.test(f))
  .sort();

test("the repository keeps the 0.1.0 addresses", () => {
  expect(releases).toContain("addresses-0.1.0.json");
  const file = JSON.parse(readFileSync(join(__dirname, "addresses-0.1.0.json"), "utf8")) as AddressFile;
  expect(file.pullguardVersion).toBe("0.1.0");
  // Hand-checked in the 0.1.0 golden tree: the minimal example's two stacks and one of their resources.
  expect(Object.keys(file.examples.minimal!)).toEqual(["prod", "registry-123456789012-eu-west-1"]);
  expect(file.examples.minimal!.prod).toContain("aws_ecs_service.service-web_service_B591A6BB");
});

test.each(releases)("every address of %s is still synthesized, moved or replaced on purpose", (release) => {
  const before = (JSON.parse(readFileSync(join(__dirname, release), "utf8")) as AddressFile).examples;
  const golden = join(root, "__tests__", "golden");
  expect(contractViolations(before, addressesOfGoldenTree(golden), movedBlocksOfGoldenTree(golden), REPLACED_ON_PURPOSE)).toEqual([]);
});

describe("the contract check itself (synthetic releases)", () => {
  const before: AddressBook = {
    minimal: {
      prod: ["aws_iam_role.exec_web", "aws_ecs_service.web", "aws_security_group.web"],
      "registry-1": ["aws_ecr_repository.cache"],
    },
  };

  test("a renamed id without a moved block is a replacement, named with its same-type successor", () => {
    const after: AddressBook = { minimal: { prod: ["aws_iam_role.task_exec_web", "aws_ecs_service.web", "aws_security_group.web"], "registry-1": ["aws_ecr_repository.cache"] } };
    expect(contractViolations(before, after, {}, [])).toEqual([
      "minimal: stack prod: aws_iam_role.exec_web is replaced by aws_iam_role.task_exec_web; add a RESOURCE_MOVES entry (core/upgrade) or a REPLACED_ON_PURPOSE entry with a reason",
    ]);
  });

  test("the same rename with the moved block the stack emits passes; a chain through a vanished id too", () => {
    const after: AddressBook = { minimal: { prod: ["aws_iam_role.role_web", "aws_ecs_service.web", "aws_security_group.web"], "registry-1": ["aws_ecr_repository.cache"] } };
    const chain = { minimal: { prod: [{ from: "aws_iam_role.exec_web", to: "aws_iam_role.task_exec_web" }, { from: "aws_iam_role.task_exec_web", to: "aws_iam_role.role_web" }] } };
    expect(contractViolations(before, after, chain, [])).toEqual([]);
  });

  test("a moved block that leads nowhere present does not count", () => {
    const after: AddressBook = { minimal: { prod: ["aws_iam_role.role_web", "aws_ecs_service.web", "aws_security_group.web"], "registry-1": ["aws_ecr_repository.cache"] } };
    const wrong = { minimal: { prod: [{ from: "aws_iam_role.exec_web", to: "aws_iam_role.typo_web" }] } };
    expect(contractViolations(before, after, wrong, [])).toHaveLength(1);
  });

  test("a removal needs a reason; an empty reason is none", () => {
    const after: AddressBook = { minimal: { prod: ["aws_iam_role.exec_web", "aws_ecs_service.web"], "registry-1": ["aws_ecr_repository.cache"] } };
    const line = "minimal: stack prod: aws_security_group.web is removed (terraform would destroy it); add a REPLACED_ON_PURPOSE entry with a reason (core/upgrade)";
    expect(contractViolations(before, after, {}, [])).toEqual([line]);
    expect(contractViolations(before, after, {}, [{ stack: "prod", address: "aws_security_group.web", since: "0.2.0", reason: " " }])).toEqual([line]);
    expect(contractViolations(before, after, {}, [{ stack: "prod", address: "aws_security_group.web", since: "0.2.0", reason: "tasks use the endpoint group" }])).toEqual([]);
  });

  test("a stack or an example that disappears is named", () => {
    expect(contractViolations(before, { minimal: { prod: before.minimal!.prod! } }, {}, [])).toEqual([
      "minimal: stack registry-1 is no longer synthesized: aws_ecr_repository.cache would be orphaned in its state",
    ]);
    expect(contractViolations(before, {}, {}, [])).toEqual(["minimal: the example is gone; keep it, or regenerate the addresses for the release that drops it"]);
  });

  test("added addresses alone are no breach", () => {
    const after: AddressBook = { minimal: { prod: [...before.minimal!.prod!, "aws_cloudwatch_metric_alarm.pulls"], "registry-1": ["aws_ecr_repository.cache"] }, other: { x: ["aws_sns_topic.t"] } };
    expect(contractViolations(before, after, {}, [])).toEqual([]);
  });
});
