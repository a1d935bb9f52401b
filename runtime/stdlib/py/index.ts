export * from "./dict";
export * from "./golden-json";
export * from "./text";
export * from "./value";
