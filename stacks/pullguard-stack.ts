import { Annotations, LocalBackend, S3Backend, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { AccountAccessPlan, BackendPlan, Finding } from "../core/model";
import type { OutputStamp } from "../core/report";
import { stackHcl } from "./hcl";
import { releaseLiterals } from "./literal-text";

/** AWS provider 6.x, the line @cdktf/provider-aws 21.x binds (aws-facts.md: 21.22.1 -> 6.25.0). */
export const AWS_PROVIDER_VERSION = "~> 6.25";

/**
 * The Terraform (and OpenTofu) releases the output needs: write-only arguments (`secret_string_wo`
 * for apply-time credentials) since 1.11, S3-native state locking since 1.10. CDK Terrain checks
 * every stack against this construct context ("targetVersions"); cdktf 0.21 does not read it.
 */
export const TERRAFORM_TARGET_VERSIONS = { terraform: ">=1.11.0", opentofu: ">=1.11.0" };

/**
 * `terraform.required_version` of every stack, the same for all: one binary applies every stack
 * (`cdktf deploy '*'`, CI), and a per-stack constraint would make a stack's version floor depend
 * on whether its config happens to use apply-time credentials today. Terraform 1.11 added
 * write-only arguments (aws-facts.md); an older Terraform would fail on `secret_string_wo` late,
 * in plan, instead of at init with a version message. OpenTofu checks the same constraint.
 */
export const REQUIRED_TERRAFORM_VERSION = TERRAFORM_TARGET_VERSIONS.terraform;

export interface PullguardStackProps {
  readonly account: string;
  readonly region: string;
  /** How the provider reaches the account: profile and assume_role (several accounts in one deploy). */
  readonly access: AccountAccessPlan;
  readonly backend: BackendPlan;
  /** Value of the `managed-by` tag (the config's project). */
  readonly project: string;
  /** Value of the `environment` tag: the environment, or "shared" for registry stacks. */
  readonly environment: string;
  /** The config's tags; every resource carries them, with the three above, through default_tags. */
  readonly tags: Readonly<Record<string, string>>;
  /** The planner's warnings about this stack, shown by `cdktf synth` as annotations. */
  readonly warnings: readonly Finding[];
  /** pullguard's version and the config's name, written into the stack's `"//"` block as `pullguard`. */
  readonly stamp?: OutputStamp;
}

/**
 * What every pullguard stack shares: the provider pinned to one account (allowed_account_ids) and
 * Region, default tags, and an explicit backend. Without an explicit backend cdktf writes a local
 * backend with an absolute path (aws-facts.md), which breaks byte-identical output across machines.
 */
export class PullguardStack extends TerraformStack {
  private readonly stamp: OutputStamp | undefined;

  constructor(scope: Construct, name: string, props: PullguardStackProps) {
    super(scope, name);
    this.stamp = props.stamp;
    this.node.setContext("targetVersions", TERRAFORM_TARGET_VERSIONS);
    for (const warning of props.warnings) Annotations.of(this).addWarning(`[${warning.rule ?? "pullguard"}] ${warning.path}: ${warning.message}`);
    new AwsProvider(this, "aws", {
      region: props.region,
      allowedAccountIds: [props.account],
      ...(props.access.profile !== undefined ? { profile: props.access.profile } : {}),
      ...(props.access.assumeRole ? { assumeRole: [{ ...props.access.assumeRole }] } : {}),
      defaultTags: [{ tags: { ...props.tags, "managed-by": props.project, environment: props.environment, "pullguard-stack": name } }],
    });
    // Emit the full source: the short "aws" confuses lock-file tooling such as OpenTofu (aws-facts.md).
    this.addOverride("terraform.required_providers.aws", { source: "hashicorp/aws", version: AWS_PROVIDER_VERSION });
    this.addOverride("terraform.required_version", REQUIRED_TERRAFORM_VERSION);
    const backend = props.backend;
    if (backend.type === "s3") {
      new S3Backend(this, {
        bucket: backend.bucket,
        key: backend.key,
        region: backend.region,
        encrypt: backend.encrypt,
      });
      // S3-native locking (Terraform >= 1.10); cdktf 0.21's S3Backend predates the option.
      if (backend.useLockfile) this.addOverride("terraform.backend.s3.use_lockfile", true);
    } else {
      new LocalBackend(this, { path: backend.path });
    }
  }
  /**
   * The one place pullguard's Terraform JSON is finished, for the JSON file and the HCL writer alike:
   * config text, quarantined when the plan reached the stacks (stacks/platform.ts), is released as
   * Terraform text, escaped wherever Terraform would evaluate it (stacks/literal-text.ts).
   */
  public override toTerraform(): { [key: string]: unknown } {
    const document = releaseLiterals(super.toTerraform() as { [key: string]: unknown });
    // Beside cdktf's own metadata (its version, the stack name), which version of pullguard wrote
    // the stack from which config: Terraform ignores "//", and so does `npm run diff`.
    if (this.stamp !== undefined) document["//"] = { ...(document["//"] as object), pullguard: { version: this.stamp.version, config: this.stamp.config } };
    return document;
  }
  /**
   * `cdktf synth --hcl` (SYNTH_HCL_OUTPUT=true) writes what this returns. cdktf's metadata.json is
   * kept; the HCL text is pullguard's own (stacks/hcl).
   */
  public override toHclTerraform(): { [key: string]: unknown } {
    return { hcl: stackHcl(this), metadata: (super.toHclTerraform() as { metadata: unknown }).metadata };
  }
}
