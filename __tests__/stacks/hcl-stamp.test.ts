/**
 * The version stamp in HCL output: JSON keeps it in the `//` metadata, HCL as the file's first
 * line, a comment. The config's name is user text and must not end the comment early.
 */
import { configToHcl } from "../../stacks/hcl/write";

describe("the HCL version stamp", () => {
  test("the first line names the version and the config", () => {
    const hcl = configToHcl({ "//": { pullguard: { version: "0.2.0", config: "pullguard.config.yaml" } }, terraform: { required_version: ">=1.11.0" } }, new Map());
    expect(hcl).toBe('# Synthesized by pullguard "0.2.0" from "pullguard.config.yaml".\n\nterraform {\n  required_version = ">=1.11.0"\n}\n');
  });

  test("a config name with a line break stays inside the comment", () => {
    const hcl = configToHcl({ "//": { pullguard: { version: "0.2.0", config: 'a\nresource "x" "y" {}' } } }, new Map());
    expect(hcl).toBe('# Synthesized by pullguard "0.2.0" from "a\\nresource \\"x\\" \\"y\\" {}".\n\n\n');
    expect(hcl.split("\n").filter((line) => line.startsWith("resource"))).toEqual([]);
  });

  test("no stamp, no comment", () => {
    expect(configToHcl({ "//": { metadata: { stackName: "dev" } }, terraform: {} }, new Map())).toBe("terraform {}\n");
  });
});
