import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Every string field of the config schema (config/pullguard.schema.json, generated from the zod
 * schema), and a config that holds every free-text one, for __tests__/config-injection.test.ts.
 * A field added to the schema is enumerated here by itself; a free-text one the base below lacks
 * fails that test until it is added.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Raw = any;

export interface StringField {
  /** Schema path: `.` between properties, `*` any map value, `<key>` a map key, `[]` any item. */
  readonly path: string;
  /** How the schema constrains it: free text, or a pattern / enum / const that decides what it holds. */
  readonly constraint: "free" | "pattern" | "enum" | "const";
  readonly pattern?: string;
  readonly values?: readonly unknown[];
}

const schemaJson = (): Raw => JSON.parse(readFileSync(join(__dirname, "..", "..", "config", "pullguard.schema.json"), "utf8")) as Raw;

/** Every number field of the schema with its lower bound (undefined when it has none). */
export function numberFields(): Array<{ readonly path: string; readonly minimum: number | undefined }> {
  const found: Array<{ path: string; minimum: number | undefined }> = [];
  const walk = (node: Raw, path: string): void => {
    if (node === null || typeof node !== "object") return;
    for (const alternatives of [node.anyOf, node.oneOf, node.allOf]) if (Array.isArray(alternatives)) for (const a of alternatives) walk(a, path);
    const types = ([] as unknown[]).concat(node.type ?? []);
    if (types.includes("number") || types.includes("integer")) found.push({ path, minimum: node.minimum ?? node.exclusiveMinimum });
    for (const [key, child] of Object.entries((node.properties ?? {}) as Record<string, Raw>)) walk(child, path === "" ? key : `${path}.${key}`);
    if (node.additionalProperties !== null && typeof node.additionalProperties === "object") walk(node.additionalProperties, `${path}.*`);
    if (node.items !== undefined) walk(node.items, `${path}[]`);
  };
  walk(schemaJson(), "");
  return found;
}

export function stringFields(): StringField[] {
  const schema = schemaJson();
  const found = new Map<string, StringField>();
  const add = (path: string, node: Raw) => {
    const field: StringField =
      node.pattern !== undefined
        ? { path, constraint: "pattern", pattern: node.pattern }
        : node.enum !== undefined
          ? { path, constraint: "enum", values: node.enum }
          : node.const !== undefined
            ? { path, constraint: "const", values: [node.const] }
            : { path, constraint: "free" };
    const seen = found.get(path);
    // A union of shapes at one path (a string or a list of them): the loosest constraint counts.
    if (seen === undefined || field.constraint === "free") found.set(path, field);
  };
  const walk = (node: Raw, path: string): void => {
    if (node === null || typeof node !== "object") return;
    for (const alternatives of [node.anyOf, node.oneOf, node.allOf]) if (Array.isArray(alternatives)) for (const a of alternatives) walk(a, path);
    const types = ([] as unknown[]).concat(node.type ?? []);
    if (types.includes("string")) add(path, node);
    for (const [key, child] of Object.entries((node.properties ?? {}) as Record<string, Raw>)) walk(child, path === "" ? key : `${path}.${key}`);
    if (node.additionalProperties !== null && typeof node.additionalProperties === "object") {
      add(`${path}.<key>`, node.propertyNames ?? {});
      walk(node.additionalProperties, `${path}.*`);
    }
    if (node.items !== undefined) walk(node.items, `${path}[]`);
  };
  walk(schema, "");
  return [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Where a schema path is in a config: the holder and key (or index) to set, and the concrete config path. */
export interface Location {
  readonly holder: Raw;
  readonly key: string | number;
  /** `key` names a map key to rename rather than a value to set. */
  readonly isKey: boolean;
  readonly configPath: string;
}

function segments(path: string): string[] {
  return path.replace(/\[\]/g, ".[]").split(".").filter((s) => s !== "");
}

/** The first place in `config` the schema path reaches, or undefined when the config has none. */
export function locate(config: Raw, path: string): Location | undefined {
  const parts = segments(path);
  const go = (value: Raw, i: number, configPath: string): Location | undefined => {
    const part = parts[i]!;
    const last = i === parts.length - 1;
    const join = (k: string | number) => (typeof k === "number" ? `${configPath}[${k}]` : configPath === "" ? k : `${configPath}.${k}`);
    if (value === null || typeof value !== "object") return undefined;
    if (part === "[]") {
      if (!Array.isArray(value)) return undefined;
      // The last item of a list: a health check's first item is its CMD / CMD-SHELL keyword.
      for (let k = value.length - 1; k >= 0; k--) {
        if (last && typeof value[k] === "string") return { holder: value, key: k, isKey: false, configPath: join(k) };
        const deeper = last ? undefined : go(value[k], i + 1, join(k));
        if (deeper) return deeper;
      }
      return undefined;
    }
    if (Array.isArray(value)) return undefined;
    // A named property the config leaves out is set where its parent is (an optional field).
    const keys = part === "*" || part === "<key>" ? Object.keys(value) : Object.keys(value).includes(part) || last ? [part] : [];
    for (const k of keys) {
      if (last && part === "<key>") return { holder: value, key: k, isKey: true, configPath: join(k) };
      if (last && (typeof value[k] === "string" || value[k] === undefined)) return { holder: value, key: k, isKey: false, configPath: join(k) };
      const deeper = last ? undefined : go(value[k], i + 1, join(k));
      if (deeper) return deeper;
    }
    return undefined;
  };
  return go(config, 0, "");
}

/** Puts `text` where `location` points (a renamed key keeps its value and its place). */
export function inject(location: Location, text: string): void {
  if (!location.isKey) {
    location.holder[location.key] = text;
    return;
  }
  const entries = Object.entries(location.holder as Record<string, unknown>);
  for (const [k] of entries) delete location.holder[k];
  for (const [k, v] of entries) location.holder[k === location.key ? text : k] = v;
}

const ACCOUNT = "123456789012";
const SECRET = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:ecr-pullthroughcache/ghcr-AbCdEf`;

function container(extra: Raw = {}): Raw {
  return {
    environment: { GREETING: "hello" },
    command: ["run"],
    entryPoint: ["/entry"],
    healthCheck: { command: ["CMD-SHELL", "true"] },
    ...extra,
  };
}

/** A config that plans cleanly and holds every free-text string field of the schema. */
export function injectionBase(): Raw {
  return {
    accounts: {
      main: {
        id: ACCOUNT,
        registry: {
          pullThroughCache: {
            dockerHub: { credential: { source: "existing", secretArns: { "us-east-1": SECRET.replace("ghcr", "docker-hub") } } },
            ecrPublic: true,
            ghcr: { credential: { source: "existing", secretArns: { "us-east-1": SECRET } } },
            gitlab: { credential: { source: "existing", secretArns: { "us-east-1": SECRET.replace("ghcr", "gitlab") } } },
            chainguard: { credential: { source: "existing", secretArns: { "us-east-1": SECRET.replace("ghcr", "chainguard") } } },
            azure: { azure: { registryName: "myregistry", credential: { source: "existing", secretArns: { "us-east-1": SECRET.replace("ghcr", "azure") } } } },
            ecr: { team: { account: ACCOUNT, region: "us-west-2" } },
          },
          replicationRules: [{ sourceRegion: "us-east-1", destinations: [{ account: "main", region: "us-west-2" }], repositoryPrefixes: ["team"] }],
          existing: { "us-east-1": { scanning: false } },
          // Region-bound values (KMS keys) of the registry's Region: a map keyed by Region.
          regions: { "us-east-1": { repositoryTemplates: { encryption: { type: "KMS", kmsKeyArn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/0a1b2c3d-0000-4000-8000-000000000001` } } } },
          registryPolicyStatements: [
            { Sid: "One", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "ecr:BatchGetImage", Resource: "*", Condition: { StringEquals: { "aws:PrincipalTag/team": "a" } } },
            { Sid: "Two", Effect: "Allow", Principal: { AWS: [`arn:aws:iam::${ACCOUNT}:root`] }, Action: ["ecr:BatchGetImage"], Resource: ["*"], Condition: { StringLike: { "aws:PrincipalTag/team": ["b"] } } },
          ],
        },
      },
    },
    environments: {
      prod: {
        account: "main",
        regions: {
          "us-east-1": {
            vpc: { id: "vpc-0123456789abcdef0", cidr: "10.0.0.0/16", privateSubnetIds: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"], privateRouteTableIds: ["rtb-0123456789abcdef0"] },
            // worker's alarms are this Region's (api keeps the service's, so both fields are planned).
            services: { api: { desiredCount: 2, sidecars: { log: { secrets: {} } } }, worker: { deployment: { alarms: { names: ["worker-5xx-us-east-1"] } } } },
          },
        },
        services: {
          api: container({
            image: "nginx:1.27.3",
            desiredCount: 2,
            port: 8080,
            deployment: { alarms: { names: ["api-5xx"] } },
            taskRole: { statements: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::assets/*"] }] },
            sidecars: { log: container({ image: "public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4", essential: false }) },
          }),
          worker: { image: "nginx:1.27.3", desiredCount: 1, deployment: { alarms: { names: ["worker-5xx"] } } },
        },
      },
    },
    backend: { type: "s3", bucket: "example-state", region: "us-east-1" },
    stackBackends: { prod: { type: "s3", bucket: "example-prod-state", region: "us-east-1", key: "prod.tfstate" } },
    pullBudget: { ecrQuotas: { "us-east-1": { BatchGetImage: { rate: 2000 } } }, fargate: { quotas: { "us-east-1": { onDemandVcpu: 4000 } } } },
    suppressions: [{ rule: "PG-LATEST-TAG", path: "environments.prod.services.api", reason: "accepted for the test" }],
  };
}
