/** What a plan is: the plan types (no logic), the location context planners share, and the findings log every planner writes. What the rest of the project may import from here. */
export * from "./findings";
export * from "./location-context";
export * from "./plan-types";
export * from "./service-types";
