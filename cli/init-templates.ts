import { readFileSync } from "node:fs";
import { join } from "node:path";

/** What `pullguard init` writes, path -> text. */
export type TemplateFiles = ReadonlyArray<readonly [path: string, text: string]>;

export interface InitAnswers {
  readonly project: string;
  readonly accounts: ReadonlyArray<{ readonly alias: string; readonly id: string }>;
  readonly region: string;
}

/** pullguard's own package.json, read for the versions the new repository pins. */
export interface OwnPackage {
  readonly version: string;
  readonly peerDependencies: Readonly<Record<string, string>>;
  readonly devDependencies: Readonly<Record<string, string>>;
}

/** The packages a platform repository needs beside pullguard: the exact versions pullguard is tested with. */
const PEERS = ["@cdktf/provider-aws", "cdktf", "constructs"] as const;
const DEV_TOOLS = ["cdktf-cli", "tsx", "typescript", "@types/node"] as const;

function pinned(own: OwnPackage, names: readonly string[]): Record<string, string> {
  // devDependencies hold the exact versions pullguard's own tests run with; the peer range is the fallback.
  return Object.fromEntries(names.map((name) => [name, own.devDependencies[name] ?? own.peerDependencies[name] ?? "*"]));
}

/**
 * package.json of a platform repository: pullguard pinned exactly (output carries pullguard's
 * version, so an upgrade is a reviewed change, not a side effect of a fresh install), its peers at
 * the versions it is tested with.
 */
function packageJson(answers: InitAnswers, own: OwnPackage): string {
  const pkg = {
    name: `${answers.project}-platform`,
    private: true,
    scripts: {
      synth: "pullguard synth",
      test: "pullguard synth --check && tsc --noEmit -p .",
      diff: "pullguard diff",
      diagnose: "pullguard diagnose",
      deploy: "CHECKPOINT_DISABLE=1 cdktf deploy",
    },
    dependencies: { pullguard: own.version, ...pinned(own, PEERS) },
    devDependencies: pinned(own, DEV_TOOLS),
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

const CDKTF_JSON = `${JSON.stringify({ language: "typescript", app: "npx tsx main.ts", output: "cdktf.out", projectId: "pullguard-platform", sendCrashReports: "false", terraformProviders: [], terraformModules: [], context: {} }, null, 2)}\n`;

const MAIN_TS = `// The cdktf app \`cdktf deploy\` runs: every pullguard stack for pullguard.config.yaml, in an App
// you own (add your own stacks beside them). \`npm run synth\` (pullguard synth) writes the same
// stacks plus the pull-budget report without running this file.
import { App } from "cdktf";
import { PullguardPlatform } from "pullguard";

const app = new App();
new PullguardPlatform(app, "pullguard", { configFile: "pullguard.config.yaml" });
app.synth();
`;

const TSCONFIG = `${JSON.stringify(
  { compilerOptions: { target: "ES2022", module: "commonjs", moduleResolution: "node", lib: ["ES2022"], types: ["node"], strict: true, esModuleInterop: true, skipLibCheck: true, noEmit: true }, include: ["main.ts"] },
  null,
  2,
)}\n`;

const GITIGNORE = ["node_modules/", "cdktf.out/", ".gen/", ".terraform/", ".terraform.lock.hcl", "terraform.tfstate*", "*.tfplan", ""].join("\n");

/**
 * Flag values enter the YAML as double-quoted scalars (JSON strings are valid YAML), never as
 * structure: a value holding a newline, a colon or a quote stays one value, which the config's
 * validation then accepts or names. Plain names are written plain, as a person would.
 */
function scalar(value: string): string {
  return /^[a-z0-9][a-z0-9-]*$/.test(value) ? value : JSON.stringify(value);
}

function configYaml(answers: InitAnswers): string {
  const [first] = answers.accounts;
  const accounts = answers.accounts.flatMap((a) => [`  ${scalar(a.alias)}:`, `    id: ${JSON.stringify(a.id)}`, ...(a === first ? ["    registry:", "      pullThroughCache:", "        ecrPublic: true"] : [])]);
  return [
    "# yaml-language-server: $schema=./node_modules/pullguard/config/pullguard.schema.json",
    "# A small valid platform to edit: replace the VPC ids with yours and list your services.",
    "# Every field: node_modules/pullguard/docs/configuration.md. Check it: npm test",
    `project: ${scalar(answers.project)}`,
    "accounts:",
    ...accounts,
    "environments:",
    "  dev:",
    `    account: ${scalar(first!.alias)}`,
    "    regions:",
    `      ${scalar(answers.region)}:`,
    "        vpc:",
    "          id: vpc-0123456789abcdef0",
    "          cidr: 10.0.0.0/16",
    "          privateSubnetIds: [subnet-0123456789abcdef0, subnet-0123456789abcdef1]",
    "          privateRouteTableIds: [rtb-0123456789abcdef0]",
    "    services:",
    "      web:",
    "        image: public.ecr.aws/nginx/nginx:1.27",
    "        port: 80",
    "        desiredCount: 2",
    "# Local state: a first plan needs nothing else. Move to the S3 backend before sharing it (docs/configuration.md#backend).",
    "backend:",
    "  type: local",
    "",
  ].join("\n");
}

function readme(answers: InitAnswers, own: OwnPackage): string {
  return `# ${answers.project} platform

ECS image-pull hygiene for this estate, synthesized by [pullguard](https://www.npmjs.com/package/pullguard) ${own.version}
from \`pullguard.config.yaml\`.

    npm ci && npm run synth    # Terraform JSON in cdktf.out/, the pull-budget report in cdktf.out/pull-budget.md
    npm ci && npm test         # the config validates and synthesizes; main.ts type-checks

The first time, run \`npm install\` instead of \`npm ci\` and commit the package-lock.json it writes.

- \`npm run diff -- origin/main\`: what this branch changes in the synthesized Terraform.
- \`npm run deploy\`: \`cdktf deploy\` through main.ts (Terraform >= 1.11 and AWS credentials needed).
- \`.github/workflows/plan.yml\` plans every stack on a pull request and comments the result.
- Upgrading pullguard: change its version in package.json, \`npm install\`, review \`npm run diff\`.
`;
}

/** Every file `pullguard init` writes; the workflow is the one pullguard ships (one source for both). */
export function templateFiles(answers: InitAnswers, own: OwnPackage, packageRoot: string): TemplateFiles {
  return [
    ["package.json", packageJson(answers, own)],
    ["cdktf.json", CDKTF_JSON],
    ["main.ts", MAIN_TS],
    ["tsconfig.json", TSCONFIG],
    ["pullguard.config.yaml", configYaml(answers)],
    [".github/workflows/plan.yml", readFileSync(join(packageRoot, ".github", "workflows", "plan.yml"), "utf8")],
    [".gitignore", GITIGNORE],
    ["README.md", readme(answers, own)],
  ];
}
