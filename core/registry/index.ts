/** The registry stack: cache rules, upstreams, registry policies, replication and account-wide singletons. What the rest of the project may import from here. */
export * from "./cache-rule-plan";
export * from "./key";
export * from "./plan";
export * from "./policies";
export * from "./replication-plan";
export * from "./singletons";
