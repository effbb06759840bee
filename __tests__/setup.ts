import { Testing } from "cdktf";

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

// Registers cdktf's jest matchers (toHaveResourceWithProperties, ...) for every test file.
Testing.setupJest();
