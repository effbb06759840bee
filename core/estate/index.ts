/** The estate: accounts, shared VPCs and the order stacks deploy in. What the rest of the project may import from here. */
export * from "./plan";
