// Types for the matchers Testing.setupJest registers; cdktf 0.21 ships them untyped.
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toHaveResource(resourceType: { tfResourceType: string }): R;
      toHaveResourceWithProperties(resourceType: { tfResourceType: string }, properties: Record<string, unknown>): R;
      toHaveDataSource(dataSourceType: { tfResourceType: string }): R;
      toHaveDataSourceWithProperties(dataSourceType: { tfResourceType: string }, properties: Record<string, unknown>): R;
      toHaveProvider(providerType: { tfResourceType: string }): R;
      toHaveProviderWithProperties(providerType: { tfResourceType: string }, properties: Record<string, unknown>): R;
    }
  }
}

type Matcher = (this: jest.MatcherContext, ...args: unknown[]) => jest.CustomMatcherResult;
const NAMES = ["toHaveResource", "toHaveResourceWithProperties", "toHaveDataSource", "toHaveDataSourceWithProperties", "toHaveProvider", "toHaveProviderWithProperties", "toBeValidTerraform", "toPlanSuccessfully"];

let cdktfMatchers: Record<string, Matcher> | undefined;

/**
 * cdktf's jest matchers (Testing.setupJest), loaded on first use: most test files never call
 * one, and loading cdktf into each file's module registry costs every file about a tenth of a
 * CPU-second. setupJest hands its matchers to `expect.extend`; a stand-in `expect` keeps them.
 */
function matchers(): Record<string, Matcher> {
  if (cdktfMatchers === undefined) {
    const scope = globalThis as unknown as { expect: unknown };
    const jestExpect = scope.expect;
    try {
      scope.expect = { extend: (found: Record<string, Matcher>) => (cdktfMatchers = found) };
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily on purpose
      (require("cdktf") as typeof import("cdktf")).Testing.setupJest();
    } finally {
      scope.expect = jestExpect;
    }
  }
  return cdktfMatchers!;
}

// Registers cdktf's jest matchers (toHaveResourceWithProperties, ...) for every test file.
expect.extend(Object.fromEntries(NAMES.map((name): [string, Matcher] => [name, function (this: jest.MatcherContext, ...args: unknown[]) {
  return matchers()[name]!.apply(this, args);
}])));

export {};
