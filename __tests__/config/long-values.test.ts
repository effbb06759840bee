/**
 * A config value quoted in a problem or a finding is cut (config/problems.ts shortValue): its first
 * 80 characters and its length. A 3 MB key, region or image gives a short line, not 3 MB of output.
 */
import { boundedLine, formatPath, LINE_LIMIT, problemLine, quoted, shortValue } from "../../config/problems";
import { parseConfig } from "../../config/load";
import { platform } from "../../config/platform";
import { planPlatform } from "../../core/plan";
import { validConfig } from "../helpers/synth";

const MEGA = 3_000_000;
const EIGHTY_A = "a".repeat(80);

describe("shortValue", () => {
  test("keeps a value of up to 80 characters; cuts a longer one to 80 and its length", () => {
    expect(shortValue("a".repeat(80))).toBe(EIGHTY_A);
    expect(shortValue("a".repeat(81))).toBe(`${EIGHTY_A}…(81 chars)`);
    expect(shortValue("a".repeat(MEGA))).toBe(`${EIGHTY_A}…(3000000 chars)`);
  });

  test("counts characters, not UTF-16 units, and never splits one", () => {
    const emoji = "😀".repeat(80); // 160 UTF-16 units, 80 characters
    expect(shortValue(emoji)).toBe(emoji);
    expect(shortValue(`${emoji}😀`)).toBe(`${emoji}…(81 chars)`);
  });

  test("quoted and formatPath cut the same way", () => {
    expect(quoted("x".repeat(100))).toBe(`"${"x".repeat(80)}…(100 chars)"`);
    expect(formatPath(["environments", "b".repeat(200), "desiredCount"])).toBe(`environments.${"b".repeat(80)}…(200 chars).desiredCount`);
  });

  test("a line is at most LINE_LIMIT characters whatever it holds", () => {
    expect(LINE_LIMIT).toBe(2000);
    expect(boundedLine(`x ${"y ".repeat(MEGA)}`)).toBe(`x ${"y ".repeat(999)}…(6000002 chars)`);
  });
});

describe("config problems", () => {
  test("a 3 MB unknown key is one short line, without a suggestion search", () => {
    const key = "k".repeat(MEGA);
    const result = parseConfig({ ...platform, [key]: true });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map(problemLine)).toEqual([`${"k".repeat(80)}…(3000000 chars): unknown key`]);
  });

  test("a 3 MB Region key is cut in the path and in the message that quotes it", () => {
    const region = "r".repeat(MEGA);
    const dev = platform.environments.dev!;
    const result = parseConfig({ ...platform, environments: { ...platform.environments, dev: { ...dev, regions: { [region]: dev.regions["us-east-1"]! } } } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const lines = result.problems.map(problemLine);
    const cut = `${"r".repeat(80)}…(3000000 chars)`;
    expect(lines).toContain(`environments.dev.regions.${cut}: must be a known AWS Region (e.g. us-east-1), got "${cut}"`);
    for (const line of lines) expect(line.length).toBeLessThan(300);
  });
});

describe("findings", () => {
  test("a 3 MB image reference is quoted cut in its finding", () => {
    const config = validConfig(platform);
    const image = `nginx:${"t".repeat(MEGA)}`;
    const dev = config.environments.dev!;
    const [name, service] = Object.entries(dev.services)[0]!;
    const plan = planPlatform({ ...config, environments: { ...config.environments, dev: { ...dev, services: { ...dev.services, [name]: { ...service, image } } } } });
    const finding = plan.findings.find((f) => f.path === `environments.dev.services.${name}.image`)!;
    expect(finding.message.startsWith(`"nginx:${"t".repeat(74)}…(3000006 chars)" `)).toBe(true);
    expect(finding.message.length).toBeLessThan(300);
  });

  test("an unused suppression with a 3 MB path quotes the path cut", () => {
    const plan = planPlatform(validConfig({ ...platform, suppressions: [{ rule: "PG-ROLLOUT-BURST", path: "p".repeat(MEGA), reason: "kept on purpose for this test" }] }));
    expect(plan.findings.filter((f) => f.rule === "PG-SUPPRESSION-UNUSED").map((f) => f.message)).toEqual([
      `suppresses PG-ROLLOUT-BURST at ${"p".repeat(80)}…(3000000 chars), but no such finding remains; remove the suppression`,
    ]);
  });
});
