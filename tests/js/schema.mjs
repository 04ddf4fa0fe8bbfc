// A JSON Schema checker for the part of draft 2020-12 that diagnostic/schema/*.schema.json use:
// type, const, enum, pattern, minLength, minimum, maximum, exclusiveMinimum, required, properties,
// additionalProperties, items, prefixItems, minItems, anyOf and local $refs. Anything else in a
// schema is refused, so the checker never passes what it does not understand. Python's tests use
// the `jsonschema` package on the same files.

const KNOWN = new Set([
  "$schema", "$id", "$defs", "$ref", "title", "description", "type", "const", "enum", "pattern",
  "minLength", "minimum", "maximum", "exclusiveMinimum", "required", "properties",
  "additionalProperties", "items", "prefixItems", "minItems", "anyOf",
]);

const typeOf = (value) => {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (Number.isInteger(value)) return "integer";
  return typeof value;
};
const isType = (value, type) => typeOf(value) === type || (type === "number" && typeOf(value) === "integer");

/** The problems of `value` against `schema` (within `root`, for $refs), as "path: what" lines. */
export function problems(value, schema, root = schema, path = "$") {
  if (schema === true) return [];
  if (schema === false) return [`${path}: not allowed`];
  const unknown = Object.keys(schema).filter((key) => !KNOWN.has(key));
  if (unknown.length) throw new Error(`${path}: the checker does not know ${unknown.join(", ")}`);
  if (schema.$ref) {
    const target = schema.$ref === "#" ? root : schema.$ref.replace(/^#\//, "").split("/").reduce((at, key) => at[key], root);
    return problems(value, target, root, path);
  }
  const found = [];
  const fail = (what) => found.push(`${path}: ${what}`);
  if (schema.type && !isType(value, schema.type)) return [`${path}: should be ${schema.type}, is ${typeOf(value)}`];
  if ("const" in schema && value !== schema.const) fail(`should be ${JSON.stringify(schema.const)}`);
  if (schema.enum && !schema.enum.includes(value)) fail(`should be one of ${JSON.stringify(schema.enum)}`);
  if (schema.anyOf && schema.anyOf.every((option) => problems(value, option, root, path).length)) {
    fail(`matches none of its ${schema.anyOf.length} forms`);
  }
  if (typeof value === "string") {
    if (schema.pattern && !new RegExp(schema.pattern, "u").test(value)) fail(`should match ${schema.pattern}`);
    if (schema.minLength !== undefined && value.length < schema.minLength) fail("too short");
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) fail(`below ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) fail(`above ${schema.maximum}`);
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) fail(`not above ${schema.exclusiveMinimum}`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) fail(`fewer than ${schema.minItems} items`);
    const prefix = schema.prefixItems ?? [];
    value.forEach((item, index) => {
      const itemSchema = index < prefix.length ? prefix[index] : schema.items;
      if (itemSchema !== undefined) found.push(...problems(item, itemSchema, root, `${path}[${index}]`));
    });
  }
  if (typeOf(value) === "object") {
    for (const key of schema.required ?? []) if (!(key in value)) fail(`missing "${key}"`);
    for (const [key, item] of Object.entries(value)) {
      const itemSchema = schema.properties?.[key] ?? schema.additionalProperties;
      if (itemSchema !== undefined) found.push(...problems(item, itemSchema, root, `${path}.${key}`));
    }
  }
  return found;
}
