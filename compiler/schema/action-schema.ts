// JSON Schema of StackStorm action metadata (the parts orqc relies on).
// Unknown top-level keys are allowed: packs carry many StackStorm-only keys.

const PARAM_TYPES = ["string", "integer", "number", "boolean", "object", "array", "null"];

export const ACTION_METADATA_SCHEMA = {
  $schema: "http://json-schema.org/draft-07/schema#",
  title: "StackStorm action metadata",
  type: "object",
  properties: {
    name: { type: "string", minLength: 1 },
    pack: { type: "string", minLength: 1 },
    runner_type: { type: "string", minLength: 1 },
    entry_point: { type: ["string", "null"] },
    enabled: { type: "boolean" },
    description: { type: ["string", "null"] },
    parameters: {
      type: ["object", "null"],
      additionalProperties: {
        type: "object",
        properties: {
          type: {
            anyOf: [{ enum: PARAM_TYPES }, { type: "array", items: { enum: PARAM_TYPES } }],
          },
          required: { type: "boolean" },
          immutable: { type: "boolean" },
          secret: { type: "boolean" },
          position: { type: "integer", minimum: 0 },
        },
      },
    },
  },
  required: ["name", "runner_type"],
} as const;
