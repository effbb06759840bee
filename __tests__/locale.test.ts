import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { filesUnder } from "../scripts/lib/output-files";

/**
 * Output does not depend on the locale: sorts are by code point, never localeCompare (which
 * follows LC_ALL through ICU: sv-SE sorts "ä" after "z", en-US sorts "aB" after "a_b").
 */
jest.setTimeout(90_000);

const ROOT = resolve(__dirname, "..");
const LOCALES = ["C", "en_US.UTF-8", "sv_SE.UTF-8"];

const CONFIG = `accounts:
  main:
    id: "123456789012"
    registry:
      pullThroughCache:
        ecrPublic: true
environments:
  prod:
    account: main
    regions:
      eu-west-1:
        vpc:
          id: vpc-0123456789abcdef0
          cidr: 10.0.0.0/16
          privateSubnetIds: [subnet-0123456789abcdef0]
          privateRouteTableIds: [rtb-0123456789abcdef0]
    services:
      web:
        image: public.ecr.aws/nginx/nginx:1.27.3
        desiredCount: 2
        environment: { b: "1", B: "2", a_b: "3", aB: "4", _x: "5", z: "6" }
`;

let dir: string;
const outputs = new Map<string, Map<string, string>>();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "pullguard-locale-"));
  const config = join(dir, "platform.yaml");
  writeFileSync(config, CONFIG);
  for (const locale of LOCALES) {
    const outdir = join(dir, `out-${locale}`);
    const env: NodeJS.ProcessEnv = { ...process.env, PULLGUARD_CONFIG: config, CDKTF_OUTDIR: outdir, LC_ALL: locale, LANG: locale, CHECKPOINT_DISABLE: "1" };
    const run = spawnSync(process.execPath, ["scripts/app.js"], { cwd: ROOT, env, encoding: "utf8", timeout: 60_000 });
    if (run.status !== 0) throw new Error(`synth under ${locale} failed (${run.status}): ${run.stderr}`);
    outputs.set(locale, new Map(filesUnder(outdir).map((f) => [f, readFileSync(join(outdir, f), "utf8")])));
  }
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

test("container environment is in code-point order", () => {
  const stack = JSON.parse(outputs.get("sv_SE.UTF-8")!.get("stacks/prod/cdk.tf.json")!);
  const definitions = Object.values(stack.resource.aws_ecs_task_definition as Record<string, { container_definitions: string }>)[0]!;
  const names = (JSON.parse(definitions.container_definitions) as { environment: { name: string }[] }[])[0]!.environment.map((e) => e.name);
  expect(names).toEqual(["B", "_x", "aB", "a_b", "b", "z"]);
});

test.each(LOCALES.slice(1))("every output file is byte-identical under LC_ALL=%s and LC_ALL=C", (locale) => {
  const reference = outputs.get("C")!;
  const other = outputs.get(locale)!;
  expect([...other.keys()]).toEqual([...reference.keys()]);
  for (const [file, text] of reference) expect({ file, same: other.get(file) === text }).toEqual({ file, same: true });
});
