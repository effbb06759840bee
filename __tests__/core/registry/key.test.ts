import { parseRegistryKey, registryKey } from "../../../core/registry/key";

describe("registry keys", () => {
  test("registryKey writes account/region", () => {
    expect(registryKey({ account: "111111111111", region: "us-east-1" })).toBe("111111111111/us-east-1");
  });

  test("parseRegistryKey splits account/region", () => {
    expect(parseRegistryKey("111111111111/us-east-1")).toEqual({ account: "111111111111", region: "us-east-1" });
  });

  test("parseRegistryKey reads back what registryKey wrote", () => {
    expect(parseRegistryKey(registryKey({ account: "222222222222", region: "eu-central-1" }))).toEqual({ account: "222222222222", region: "eu-central-1" });
  });
});
