/** One account and Region: its plan, its settings and the names of what lives there. What the rest of the project may import from here. */
export * from "./naming";
export * from "./plan";
