import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/** Docs users run or read must be true: commands that work offline, links that resolve, a schema every validator reads. */
const ROOT = resolve(__dirname, "..");
const markdown = ["README.md", ...readdirSync(join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];
const text = (file: string) => readFileSync(join(ROOT, file), "utf8");

test("the JSON Schema has no \\p{...} classes (Python's re cannot compile them)", () => {
  const schema = text("config/pullguard.schema.json");
  const patterns = [...schema.matchAll(/"pattern": "((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`) as string);
  expect(patterns.length).toBeGreaterThan(5);
  for (const pattern of patterns) expect({ pattern, unicodeClass: pattern.includes("\\p{") }).toEqual({ pattern, unicodeClass: false });
});

test.each(markdown)("%s links only to files inside the repository", (file) => {
  const content = text(file);
  expect(content).not.toMatch(/\.\.\/shared|\/work\/shared/);
  for (const match of content.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
    const target = match[1]!;
    if (/^[a-z]+:/.test(target) || !/^[\w./-]+$/.test(target)) continue;
    expect({ file, target, exists: existsSync(resolve(ROOT, dirname(file), target)) }).toEqual({ file, target, exists: true });
  }
});

test.each(markdown)("%s: every cdktf deploy/diff/synth command runs offline (CHECKPOINT_DISABLE=1)", (file) => {
  for (const line of text(file).split("\n")) {
    if (/^\s*(?:\$ )?npx cdktf (deploy|diff|synth)\b/.test(line)) expect({ file, line }).toEqual({ file, line: "CHECKPOINT_DISABLE=1 ..." });
  }
});

test("README's plain Terraform example inits the default local backend without S3 settings", () => {
  const block = /```sh\ncd cdktf\.out\/stacks\/prod-us-east-1\n([\s\S]*?)```/.exec(text("README.md"))![1]!;
  expect(block.split("\n")[0]).toBe("terraform init");
});
