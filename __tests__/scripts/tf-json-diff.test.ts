import { diffStacks } from "../../scripts/lib/tf-json-diff";
import type { TfJson } from "../../scripts/lib/tf-json-diff-blocks";
import { formatDiff } from "../../scripts/lib/tf-json-diff-text";
import { copy, stack, type Any } from "../helpers/tf-json-stack";

describe("diffStacks", () => {
  it("reports nothing for identical inputs", () => {
    const diffs = diffStacks({ dev: stack(), staging: stack("staging") }, { dev: stack(), staging: stack("staging") });
    expect(diffs).toEqual([]);
    expect(formatDiff(diffs)).toBe("No changes in synthesized stacks.\n\n0 stacks changed: +0 ~0 -0 resources\n");
  });

  it("lists added, removed and changed resources with their counts", () => {
    const head: Any = copy(stack());
    head.resource.aws_ecs_service["service-web_service_B591A6BB"] = { name: "web", desired_count: 1 };
    delete head.resource.aws_iam_role_policy;
    head.resource.aws_ecs_service["service-orders_service_E0105FFD"].desired_count = 3;
    const diffs = diffStacks({ dev: stack() }, { dev: head });
    expect(diffs).toHaveLength(1);
    expect(diffs[0]!.resources).toEqual({ added: 1, changed: 1, removed: 1 });
    expect(diffs[0]!.blocks.map((b) => `${b.change} ${b.address}`)).toEqual([
      "changed aws_ecs_service.service-orders_service_E0105FFD",
      "added aws_ecs_service.service-web_service_B591A6BB",
      "removed aws_iam_role_policy.execution_policy_8B4E83EA",
    ]);
    expect(formatDiff(diffs)).toBe(
      [
        "~ stack dev (+1 ~1 -1 resources)",
        "  ~ aws_ecs_service.service-orders_service_E0105FFD",
        "      desired_count: 2 → 3",
        "  + aws_ecs_service.service-web_service_B591A6BB",
        "  - aws_iam_role_policy.execution_policy_8B4E83EA",
        "",
        "1 stacks changed: +1 ~1 -1 resources",
        "",
      ].join("\n"),
    );
  });

  it("reports nested attribute changes by path, with added and removed keys", () => {
    const head: Any = copy(stack());
    const service = head.resource.aws_ecs_service["service-orders_service_E0105FFD"];
    service.deployment_circuit_breaker.rollback = false;
    service.deployment_circuit_breaker.extra = { a: [1, 2] };
    delete service.name;
    head.provider.aws[0].default_tags[0].tags.owner = "payments";
    head.provider.aws[0].default_tags[0].tags["cost center"] = "42";
    const text = formatDiff(diffStacks({ dev: stack() }, { dev: head }));
    expect(text).toContain(
      [
        "  ~ provider.aws",
        '      default_tags[0].tags["cost center"]: (absent) → "42"',
        '      default_tags[0].tags.owner: "platform" → "payments"',
      ].join("\n"),
    );
    expect(text).toContain(
      [
        "  ~ aws_ecs_service.service-orders_service_E0105FFD",
        '      deployment_circuit_breaker.extra: (absent) → {"a":[1,2]}',
        "      deployment_circuit_breaker.rollback: true → false",
        '      name: "orders" → (absent)',
      ].join("\n"),
    );
    // Provider and resource changes are not counted as resources changed twice.
    expect(text).toContain("1 stacks changed: +0 ~1 -0 resources");
  });

  describe("JSON-string attributes", () => {
    it("diffs inside container_definitions", () => {
      const head: Any = copy(stack());
      const definition = head.resource.aws_ecs_task_definition["service-orders_task-definition_2FCC2B8E"];
      definition.container_definitions = JSON.stringify([{ name: "orders", image: "111111111111.dkr.ecr.us-east-1.amazonaws.com/orders:1.1", essential: true }]);
      const [diff] = diffStacks({ dev: stack() }, { dev: head });
      expect(diff!.blocks[0]!.attributes).toEqual([
        {
          path: "container_definitions[0].image",
          change: "changed",
          before: "111111111111.dkr.ecr.us-east-1.amazonaws.com/orders:1.0",
          after: "111111111111.dkr.ecr.us-east-1.amazonaws.com/orders:1.1",
        },
      ]);
      expect(formatDiff([diff!])).toContain(
        '      container_definitions[0].image: "111111111111.dkr.ecr.us-east-1.amazonaws.com/orders:1.0" → "111111111111.dkr.ecr.us-east-1.amazonaws.com/orders:1.1"\n',
      );
    });

    it("shows one action added to a policy as one added element, not a shifted list", () => {
      const head: Any = copy(stack());
      head.resource.aws_iam_role_policy.execution_policy_8B4E83EA.policy = JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], Resource: "*" }],
      });
      const [diff] = diffStacks({ dev: stack() }, { dev: head });
      expect(diff!.blocks[0]!.attributes).toEqual([{ path: "policy.Statement[0].Action[0]", change: "added", after: "ecr:BatchCheckLayerAvailability" }]);
    });

    it("quotes keys that are not plain identifiers, inside policy conditions too", () => {
      const base: Any = copy(stack());
      const head: Any = copy(stack());
      const withCondition = (account: string) =>
        JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": account } } }] });
      base.resource.aws_iam_role_policy.execution_policy_8B4E83EA.policy = withCondition("111111111111");
      head.resource.aws_iam_role_policy.execution_policy_8B4E83EA.policy = withCondition("222222222222");
      expect(formatDiff(diffStacks({ dev: base }, { dev: head }))).toContain(
        '      policy.Statement[0].Condition.StringEquals["aws:SourceAccount"]: "111111111111" → "222222222222"\n',
      );
    });

    it("says when only the JSON text changed, not the document", () => {
      const head: Any = copy(stack());
      head.resource.aws_iam_role_policy.execution_policy_8B4E83EA.policy = JSON.stringify(
        { Statement: [{ Resource: "*", Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], Effect: "Allow" }], Version: "2012-10-17" },
        null,
        2,
      );
      const diffs = diffStacks({ dev: stack() }, { dev: head });
      expect(diffs[0]!.blocks[0]!.attributes.map((a) => [a.path, a.change])).toEqual([["policy", "reformatted"]]);
      expect(formatDiff(diffs)).toContain("      policy: JSON text reformatted, same document\n");
    });

    it("compares a string that is JSON on one side only as a plain string", () => {
      const base: Any = copy(stack());
      const head: Any = copy(stack());
      base.variable.orders_image_tag.default = "[1]";
      head.variable.orders_image_tag.default = "[1";
      expect(diffStacks({ dev: base }, { dev: head })[0]!.blocks[0]!.attributes).toEqual([{ path: "default", change: "changed", before: "[1]", after: "[1" }]);
    });
  });

  it('ignores "//" metadata at the root and at the top of block bodies', () => {
    const head: Any = copy(stack());
    head["//"].metadata.version = "0.24.0";
    head["//"].outputs = { dev: { x: "x" } };
    head.resource.aws_ecs_service["service-orders_service_E0105FFD"]["//"].metadata.path = "dev/moved/service";
    head.variable.orders_image_tag["//"] = { note: "added comment" };
    head.data = { aws_region: { current: { "//": { metadata: { path: "dev/region" } } } } };
    const base: Any = copy(stack());
    base.data = { aws_region: { current: {} } };
    expect(diffStacks({ dev: base }, { dev: head })).toEqual([]);
  });

  it('compares "//" deeper down, where it is an ordinary map key (a tag named "//")', () => {
    const head: Any = copy(stack());
    head.provider.aws[0].default_tags[0].tags["//"] = "x";
    expect(diffStacks({ dev: stack() }, { dev: head })[0]!.blocks[0]!.attributes).toEqual([
      { path: 'default_tags[0].tags["//"]', change: "added", after: "x" },
    ]);
  });

  it("reports added and removed stacks with all their blocks", () => {
    const diffs = diffStacks({ dev: stack(), old: stack("old") }, { dev: stack(), new: stack("new") });
    expect(diffs.map((d) => [d.stack, d.change, d.resources])).toEqual([
      ["new", "added", { added: 3, changed: 0, removed: 0 }],
      ["old", "removed", { added: 0, changed: 0, removed: 3 }],
    ]);
    expect(diffs[0]!.blocks.map((b) => `${b.change} ${b.address}`)).toEqual([
      "added terraform",
      "added provider.aws",
      "added variable.orders_image_tag",
      "added aws_ecs_service.service-orders_service_E0105FFD",
      "added aws_ecs_task_definition.service-orders_task-definition_2FCC2B8E",
      "added aws_iam_role_policy.execution_policy_8B4E83EA",
    ]);
    const text = formatDiff(diffs);
    expect(text).toContain("+ stack new (new stack, +3 ~0 -0 resources)\n  + terraform\n");
    expect(text).toContain("- stack old (stack removed, +0 ~0 -3 resources)\n    note:");
    expect(text.endsWith("2 stacks changed: +3 ~0 -3 resources\n")).toBe(true);
  });

  it("reports variable, output, data source, provider alias and terraform block changes", () => {
    const base: Any = copy(stack());
    const head: Any = copy(stack());
    head.variable.orders_image_tag.default = "1.1";
    head.variable.web_image_tag = { type: "string" };
    base.output = { cluster_arn: { value: "${aws_ecs_cluster.cluster.arn}" } };
    head.data = { aws_caller_identity: { current: {} } };
    head.provider.aws.push({ alias: "replica", region: "us-west-2" });
    head.terraform.backend = { s3: { bucket: "state", key: "dev.tfstate" } };
    head.terraform.required_providers.aws.version = "~> 6.30";
    const diffs = diffStacks({ dev: base }, { dev: head });
    expect(diffs[0]!.resources).toEqual({ added: 0, changed: 0, removed: 0 });
    expect(formatDiff(diffs)).toBe(
      [
        "~ stack dev (+0 ~0 -0 resources)",
        "  ~ terraform",
        '      backend.local: {"path":"terraform.dev.tfstate"} → (absent)',
        '      backend.s3: (absent) → {"bucket":"state","key":"dev.tfstate"}',
        '      required_providers.aws.version: "~> 6.25" → "~> 6.30"',
        "  + provider.aws.replica",
        "  ~ variable.orders_image_tag",
        '      default: "1.0" → "1.1"',
        "  + variable.web_image_tag",
        "  + data.aws_caller_identity.current",
        "  - output.cluster_arn",
        "",
        "1 stacks changed: +0 ~0 -0 resources",
        "",
      ].join("\n"),
    );
  });

  it("is deterministic: key order and stack order in the input do not change the output", () => {
    const reversed = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(reversed);
      if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversed(v)]));
      return value;
    };
    const head: Any = copy(stack());
    head.resource.aws_ecs_service["service-orders_service_E0105FFD"].desired_count = 4;
    head.resource.aws_ecs_service.a_first = { name: "a" };
    head.resource.aws_cloudwatch_log_group = { logs: { name: "/ecs/orders" } };
    const base = { zeta: stack("zeta"), dev: stack(), alpha: stack("alpha") };
    const headSet = { alpha: stack("alpha"), dev: head, beta: stack("beta") };
    const once = formatDiff(diffStacks(base, headSet));
    const again = formatDiff(diffStacks(reversed(base) as Record<string, TfJson>, reversed(headSet) as Record<string, TfJson>));
    expect(again).toBe(once);
    expect(once.split("\n").filter((line) => /^[+~-] stack /.test(line))).toEqual([
      "+ stack beta (new stack, +3 ~0 -0 resources)",
      "~ stack dev (+2 ~1 -0 resources)",
      "- stack zeta (stack removed, +0 ~0 -3 resources)",
    ]);
    expect(once).toContain(
      [
        "  + aws_cloudwatch_log_group.logs",
        "  + aws_ecs_service.a_first",
        "  ~ aws_ecs_service.service-orders_service_E0105FFD",
      ].join("\n"),
    );
  });
});
