import { blocksOf, compareBlocks, compareCodeUnits, type BlockKind } from "../../scripts/lib/tf-json-diff-blocks";

describe("blocksOf", () => {
  const tf = {
    "//": { metadata: { backend: "local", stackName: "dev", version: "0.21.0" } },
    terraform: { required_providers: { aws: { source: "hashicorp/aws" } } },
    provider: { aws: [{ region: "us-east-1" }, { alias: "west", region: "us-west-2" }, { region: "eu-west-1" }], random: {} },
    variable: { tag: { type: "string" } },
    data: { aws_region: { current: { "//": { metadata: { path: "dev/region" } } } } },
    resource: { aws_ecs_cluster: { cluster: { "//": { metadata: { path: "dev/cluster" } }, name: "dev", tags: { "//": "kept" } } } },
    output: { cluster_arn: { value: "${aws_ecs_cluster.cluster.arn}" } },
    module: { vpc: { source: "./vpc" } },
    locals: { team: "platform" },
  };

  it("gives every resource, data source, variable, output, provider, module and other key a Terraform-style address", () => {
    expect([...blocksOf(tf).values()].map((b) => [b.kind, b.address])).toEqual([
      ["terraform", "terraform"],
      ["provider", "provider.aws"],
      ["provider", "provider.aws.west"],
      ["provider", "provider.aws#1"],
      ["provider", "provider.random"],
      ["variable", "variable.tag"],
      ["data", "data.aws_region.current"],
      ["resource", "aws_ecs_cluster.cluster"],
      ["output", "output.cluster_arn"],
      ["other", "module.vpc"],
      ["other", "locals"],
    ]);
  });

  it('drops "//" at the root and at the top of a body, and keeps it deeper down', () => {
    const blocks = blocksOf(tf);
    expect(blocks.get("data.aws_region.current")!.body).toEqual({});
    expect(blocks.get("aws_ecs_cluster.cluster")!.body).toEqual({ name: "dev", tags: { "//": "kept" } });
    expect(blocks.has("//")).toBe(false);
  });

  it("keeps a second unaliased provider entry instead of overwriting the first", () => {
    const blocks = blocksOf(tf);
    expect(blocks.get("provider.aws")!.body).toEqual({ region: "us-east-1" });
    expect(blocks.get("provider.aws#1")!.body).toEqual({ region: "eu-west-1" });
  });

  it("reads an empty stack as no blocks", () => {
    expect(blocksOf({}).size).toBe(0);
    expect(blocksOf({ "//": { metadata: {} } }).size).toBe(0);
  });
});

describe("compareBlocks", () => {
  it("orders by kind (terraform, provider, variable, data, resource, output, other), then by address", () => {
    const blocks: { kind: BlockKind; address: string }[] = [
      { kind: "other", address: "locals" },
      { kind: "resource", address: "aws_iam_role_policy.a" },
      { kind: "output", address: "output.arn" },
      { kind: "resource", address: "aws_iam_role.z" },
      { kind: "data", address: "data.aws_region.current" },
      { kind: "variable", address: "variable.tag" },
      { kind: "provider", address: "provider.aws" },
      { kind: "terraform", address: "terraform" },
    ];
    // "aws_iam_role.z" before "aws_iam_role_policy.a": "." is U+002E, "_" is U+005F.
    expect(blocks.sort(compareBlocks).map((b) => b.address)).toEqual([
      "terraform",
      "provider.aws",
      "variable.tag",
      "data.aws_region.current",
      "aws_iam_role.z",
      "aws_iam_role_policy.a",
      "output.arn",
      "locals",
    ]);
  });
});

describe("compareCodeUnits", () => {
  it("sorts by UTF-16 code unit, whatever the locale", () => {
    // "B" U+0042 < "_" U+005F < "a" U+0061 < "z" U+007A < "é" U+00E9; localeCompare would put "é" before "z".
    expect(["é", "z", "a", "_", "B"].sort(compareCodeUnits)).toEqual(["B", "_", "a", "z", "é"]);
    expect(compareCodeUnits("dev", "dev")).toBe(0);
  });
});
