export * from "./decimal";
export * from "./key-result";
export * from "./rollup";
