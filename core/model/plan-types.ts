import type { PolicyDocument } from "./policy-types";
import type { Finding, SuppressedFinding } from "./findings";
import type { EcrQuotas, GroupAssessment, ImagePull, RolloutPercents, ServiceAssessment } from "./budget-types";
import type { UpstreamKind } from "../../facts/upstream-registries";
import type { FargateBudgetPlan } from "./fargate-types";
import type { ContainerSettingsPlan, EventPattern, ProductionServicePlan, TaskDefinitionSize } from "./service-types";

/**
 * The resolved platform: everything the stacks render, computed from the config without cdktf.
 * Stacks are thin: they turn these records into resources and never decide anything themselves.
 */

export type { Finding, FindingLevel, SuppressedFinding } from "./findings";
export type * from "./registry-types";
import type { AccountAccessPlan, RegistryPlan } from "./registry-types";

export interface ContainerImagePlan {
  /** As written in config. */
  readonly written: string;
  /** Registry/repository the task pulls, without tag or digest. */
  readonly repositoryUri: string;
  readonly tag?: string;
  readonly digest?: string;
  /** How the image reaches the task. */
  readonly route: "own-registry" | "replicated" | "pull-through-cache" | "direct";
  /**
   * pull-through-cache only: the upstream the cache rule fetches from, and whether a Docker
   * Official Image is served from ECR Public's mirror (spending no Docker Hub pulls).
   */
  readonly cache?: {
    readonly upstream: UpstreamKind;
    readonly officialMirror: boolean;
    /** The repository path upstream, as an allowlist names it ("library/nginx"): PG-IMAGE-NOT-APPROVED judges it. */
    readonly upstreamRepository: string;
    /** The matched cache rule's allowedRepositories (absent: it caches every repository) and its config path. */
    readonly allowedRepositories?: readonly string[];
    readonly ruleConfigPath?: string;
  };
  /** ECR repository ARN the execution role must be able to pull from; absent for non-ECR direct pulls. */
  readonly repositoryArn?: string;
  readonly pull: ImagePull;
}

export interface ContainerPlan {
  readonly name: string;
  readonly essential: boolean;
  readonly image: ContainerImagePlan;
  /** Terraform variable supplying the tag at deploy time (main container only). */
  readonly tagVariable?: { readonly name: string; readonly default: string };
  /**
   * The config's imageTagVariable (main container only). tagVariable is set only when the image has
   * a tag and no digest to vary; PG-IMAGE-TAG-VARIABLE judges the rest. Nothing renders this.
   */
  readonly imageTagVariable?: true;
  readonly port?: number;
  readonly environment: Readonly<Record<string, string>>;
  readonly secrets: Readonly<Record<string, string>>;
  readonly repositoryCredentialsArn?: string;
  readonly settings: ContainerSettingsPlan;
}

export interface RolloutPlanSummary extends RolloutPercents {
  readonly concurrentStarts: number;
  readonly circuitBreakerThreshold: number;
  /** Most tasks the pull budget lets start at once for this service. */
  readonly budget: number;
  /** Widest rolling percents that fit the budget (equal to the chosen ones unless the config overrides). */
  readonly widestPercentsWithinBudget: RolloutPercents & { readonly concurrentStarts: number };
  readonly overridden: boolean;
  /** The lowest minimumHealthyPercent the config accepts for this service (deployment.minimumHealthyPercentFloor). */
  readonly minimumHealthyPercentFloor: number;
}

export interface ServicePlan {
  readonly name: string;
  readonly configPath: string;
  readonly desiredCount: number;
  readonly launchType: "FARGATE" | "EC2";
  readonly cpu: number;
  readonly memory: number;
  readonly containers: readonly ContainerPlan[];
  readonly rollout: RolloutPlanSummary;
  /** Only with a load balancer or a container health check: it delays nothing else. */
  readonly healthCheckGracePeriodSeconds?: number;
  readonly logGroupName: string;
  readonly logRetentionDays: number;
  readonly executionRoleName: string;
  readonly taskFamily: string;
  readonly securityGroupName: string;
  /** The deployment's burst: the rolling wave, or the whole green fleet for BLUE_GREEN/LINEAR/CANARY. */
  readonly assessment: ServiceAssessment;
  readonly production: ProductionServicePlan;
  /** The rendered task definition's size and its largest field: PG-TASK-DEFINITION-SIZE judges it against ECS's 64 KiB. */
  readonly taskDefinitionSize: TaskDefinitionSize;
}

export interface ExecutionRolePlan {
  readonly name: string;
  readonly services: readonly string[];
  readonly trustPolicy: PolicyDocument;
  readonly policy: PolicyDocument;
}

export type EndpointService = "ecr.api" | "ecr.dkr" | "s3" | "logs" | "secretsmanager" | "ssm" | "kms" | "ecs" | "ecs-agent" | "ecs-telemetry" | "ssmmessages";

export interface EndpointPlan {
  readonly service: EndpointService;
  readonly serviceName: string;
  readonly type: "Interface" | "Gateway";
  /** shared: another environment's stack owns it in this VPC (private DNS allows one per service per VPC). */
  readonly mode: "create" | "existing" | "shared";
  readonly existingId?: string;
  readonly ownerStack?: string;
  readonly policy?: PolicyDocument;
  /** Why the endpoint is there, for the plan reviewer. */
  readonly reason: string;
}

/**
 * A Region-bound ARN a service of the stack uses, as the config sets it for this Region: what it is
 * (which rule judges it), and the config path it came from.
 */
export interface RegionBoundArn {
  /** task-read: a secret, repository credentials or KMS key the task fetches (PG-ARN-REGION); target-group, listener-rule, load-balancer: PG-TARGET-GROUP-LOCATION; lifecycle-hook: a Lambda function (PG-LIFECYCLE-HOOK-REGION). */
  readonly kind: "task-read" | "target-group" | "listener-rule" | "load-balancer" | "lifecycle-hook";
  readonly arn: string;
  /** Where the config sets it: under regions.<region> or at the environment level. */
  readonly path: string;
  /** Set at the environment level: the path under regions.<region> to set this Region's value at instead. */
  readonly setInstead?: string;
}

/** A VPC endpoint the config turns off ("off"). */
export interface EndpointOff {
  /** Its key under environments.<name>.endpoints. */
  readonly key: string;
  /** What in the stack needs the endpoint (that traffic then takes the NAT), when anything does. */
  readonly neededFor?: string;
}

export interface Ec2CapacityPlan {
  /** The capacity provider's name. */
  readonly name: string;
  readonly securityGroupName: string;
  readonly launchTemplateName: string;
  readonly autoScalingGroupName: string;
  readonly instanceType: string;
  /** Config path instanceType was set at: the Region's ec2Capacity when it sets one, else the environment's (where PG-EC2-SIZE-UNCHECKED points). */
  readonly instanceTypePath: string;
  /** Same architecture as instanceType (one AMI); a mixed instances policy when not empty. */
  readonly additionalInstanceTypes: readonly string[];
  readonly cpuArchitecture: "X86_64" | "ARM64";
  readonly minSize: number;
  readonly maxSize: number;
  readonly desiredCapacity: number;
  readonly imagePullBehavior: "default" | "always" | "once" | "prefer-cached";
  readonly amiSsmParameter: string;
  readonly instanceRole: { readonly name: string; readonly trustPolicy: PolicyDocument; readonly policy: PolicyDocument };
  readonly userData: string;
  /**
   * The launch template's instance metadata options: IMDSv2 only, and a PUT response hop limit of
   * 1, so only processes in the instance's own network namespace (the ECS agent) get a token.
   */
  readonly instanceMetadata: { readonly httpTokens: "required"; readonly httpPutResponseHopLimit: 1 };
}

export interface EnvironmentPlan {
  readonly stackName: string;
  readonly access: AccountAccessPlan;
  /** Stacks to apply before this one: the registries it pulls through, the owner of a shared VPC's endpoints. */
  readonly dependsOn: readonly string[];
  readonly environment: string;
  readonly accountAlias: string;
  readonly account: string;
  readonly region: string;
  readonly clusterName: string;
  /** The cluster's ARN, known before it exists (services of an existing cluster and the pull-failure rule name it). */
  readonly clusterArn: string;
  /** False when the config targets an existing cluster by name: the stack neither creates nor changes it. */
  readonly createCluster: boolean;
  readonly endpointSecurityGroupName: string;
  readonly pullFailureRuleName: string;
  /** Tasks of the cluster stopped on a failed pull, for the notifying rule (core/services/pull-failure-alarm.ts). */
  readonly pullFailureEventPattern: EventPattern;
  readonly containerInsights: "enabled" | "enhanced" | "disabled";
  readonly vpc: {
    readonly id: string;
    readonly cidr: string;
    readonly privateSubnetIds: readonly string[];
    readonly privateRouteTableIds: readonly string[];
    readonly natPublicIps: number;
    /** vpc.privateSubnetAvailabilityZones as the config gives it (subnet id -> zone), when it does: PG-SUBNET-ZONE judges it. */
    readonly privateSubnetAvailabilityZones?: Readonly<Record<string, string>>;
    /** One subnet per Availability Zone for interface endpoints. */
    readonly endpointSubnetIds: readonly string[];
    /** Route tables the S3 gateway endpoint is associated with: every sharing environment's, on the owner. */
    readonly endpointRouteTableIds: readonly string[];
  };
  readonly endpoints: readonly EndpointPlan[];
  /** The Region-bound ARNs of every service the config declares here, planned or not, with where each was set. */
  readonly regionBoundArns: readonly RegionBoundArn[];
  /** Endpoints the config turns off: PG-ENDPOINT-OFF judges the ones something needs. */
  readonly endpointsOff: readonly EndpointOff[];
  /** Endpoint keys environments.<name>.endpoints (every Region's default) sets to an existing endpoint id: PG-ENDPOINT-ID-MULTI-REGION. */
  readonly environmentEndpointIds: readonly string[];
  readonly services: readonly ServicePlan[];
  /** Services the config declares that errors kept out of the plan (an image with no route, a sidecar named like its service): refused, never rendered. */
  readonly unplannedServices: readonly UnplannedService[];
  readonly executionRoles: readonly ExecutionRolePlan[];
  readonly ec2Capacity?: Ec2CapacityPlan;
  /** When the Region sets ec2Capacity: the sizes merged over the environment's, planned or not (PG-EC2-CAPACITY-SIZE judges them). */
  readonly regionEc2Capacity?: { readonly minSize: number; readonly maxSize: number; readonly desiredCapacity: number };
  readonly pullFailureEvents: boolean;
  readonly alertTopicArn?: string;
  readonly registryStackName: string;
  readonly groupAssessment: GroupAssessment;
  readonly tags: Readonly<Record<string, string>>;
}

/** An environment stack before the estate-wide step adds its provider access and apply-order dependencies. */
export interface UnplannedService {
  readonly name: string;
  readonly configPath: string;
}

export type EnvironmentDraft = Omit<EnvironmentPlan, "dependsOn" | "access">;

export type BackendPlan =
  | { readonly type: "local"; readonly path: string }
  | { readonly type: "s3"; readonly bucket: string; readonly key: string; readonly region: string; readonly useLockfile: boolean; readonly encrypt: boolean };

export interface PlatformPlan {
  readonly project: string;
  /** Every declared account alias with its id, in config order (two aliases may give one id: PG-ACCOUNT-DUPLICATE). */
  readonly accounts: readonly { readonly alias: string; readonly id: string }[];
  readonly registries: readonly RegistryPlan[];
  readonly environments: readonly EnvironmentPlan[];
  readonly backends: Readonly<Record<string, BackendPlan>>;
  /** Stacks whose backend is their own stackBackends entry, not the shared backend (where PG-BACKEND-SHARED points). */
  readonly ownBackendStacks: readonly string[];
  readonly quotas: Readonly<Record<string, EcrQuotas>>;
  readonly maxQuotaShare: number;
  /** pullBudget.allowDockerHubDirect: direct Docker Hub pulls are accepted (still within the 6-hour limit). */
  readonly allowDockerHubDirect: boolean;
  /** Every service of an account and Region rolling at once: they share ECR's quotas. */
  readonly accountRegionAssessments: readonly (GroupAssessment & { readonly registryStackName: string })[];
  /** Fargate vCPU quotas and launch buckets per account and Region (core/plan/fargate.ts). */
  readonly fargate: FargateBudgetPlan;
  /** Stacks in apply order, in waves: every stack of a wave depends only on earlier waves. */
  readonly deployOrder: readonly (readonly string[])[];
  /** What a first apply adopts, imports or replaces, for the top of the report. */
  readonly adoption: readonly AdoptionLine[];
  readonly findings: readonly Finding[];
  /** Rule findings the config's suppressions accept, with their reasons: listed in the report, stopping nothing. */
  readonly suppressed: readonly SuppressedFinding[];
}

export interface AdoptionLine {
  readonly action: "adopt" | "import" | "replace";
  readonly stack: string;
  readonly what: string;
}
