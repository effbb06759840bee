/** Services: their plan, production settings and container checks. What the rest of the project may import from here. */
export * from "./container-definition";
export * from "./plan";
export * from "./production";
export * from "./event-pattern";
export * from "./pull-failure-alarm";
