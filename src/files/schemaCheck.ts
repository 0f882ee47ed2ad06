/**
 * The subset of JSON Schema (draft 7) that schemas/pta-events.schema.json uses: type, enum,
 * required, properties, items, anyOf, not, $ref to #/definitions, minimum and maximum
 * (additionalProperties only as true, which checks nothing). For documents VS Code's JSON
 * language service cannot be given the schema (Treat as PTA Events on any JSON document), so the
 * one schema file stays the only definition of a valid event. A schema that uses anything else is
 * not checked at all, and the answer says so, rather than passing what was never looked at.
 * Pure; no vscode.
 */
export type JsonPath = ReadonlyArray<string | number>;

export interface SchemaProblem {
  readonly path: JsonPath;
  readonly message: string;
}

type Schema = Readonly<Record<string, unknown>>;

const ANNOTATIONS = ['$schema', 'title', 'description', 'enumDescriptions', 'definitions'];
const CHECKED = ['$ref', 'anyOf', 'not', 'type', 'enum', 'required', 'properties', 'items', 'minimum', 'maximum'];
const KNOWN_KEYWORDS = new Set([...ANNOTATIONS, ...CHECKED]);

export function checkAgainstSchema(value: unknown, root: Schema, limit = 200): SchemaProblem[] {
  const unknown = uncheckedKeywords(root);
  if (unknown.length > 0) {
    return [{ path: [], message: `Not checked against the PTA events schema: it uses ${unknown.join(', ')}, which this check does not support.` }];
  }
  const problems: SchemaProblem[] = [];
  check(value, root, root, [], problems, limit);
  return problems;
}

/** The keywords anywhere in the schema that the check would skip, each once. */
export function uncheckedKeywords(root: Schema): string[] {
  const found = new Set<string>();
  const visit = (schema: unknown): void => {
    if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return;
    for (const [keyword, value] of Object.entries(schema as Schema)) {
      if (keyword === 'additionalProperties' ? value !== true : !KNOWN_KEYWORDS.has(keyword)) found.add(keyword);
    }
    const node = schema as Schema;
    for (const child of Object.values((node.definitions ?? {}) as Record<string, unknown>)) visit(child);
    for (const child of Object.values((node.properties ?? {}) as Record<string, unknown>)) visit(child);
    for (const child of Array.isArray(node.anyOf) ? node.anyOf : []) visit(child);
    visit(node.items);
    visit(node.not);
  };
  visit(root);
  return [...found];
}

function check(value: unknown, schema: Schema, root: Schema, path: JsonPath, problems: SchemaProblem[], limit: number): void {
  if (problems.length >= limit) return;
  const resolved = resolve(schema, root);
  const misfit = shapeProblem(value, resolved, root);
  if (misfit) {
    problems.push({ path, message: misfit });
    return;
  }
  if (Array.isArray(resolved.enum) && !resolved.enum.some((allowed) => allowed === value)) {
    problems.push({ path, message: `${JSON.stringify(value)} is not one of ${resolved.enum.map((v) => JSON.stringify(v)).join(', ')}.` });
    return;
  }
  if (typeof value === 'number') {
    if (typeof resolved.minimum === 'number' && value < resolved.minimum) problems.push({ path, message: `${value} is below the minimum ${resolved.minimum}.` });
    if (typeof resolved.maximum === 'number' && value > resolved.maximum) problems.push({ path, message: `${value} is above the maximum ${resolved.maximum}.` });
  }
  if (Array.isArray(resolved.anyOf)) {
    // The first alternative whose shape fits explains best what is wrong inside it.
    const fitting = (resolved.anyOf as Schema[]).map((s) => resolve(s, root)).find((s) => shapeProblem(value, s, root) === undefined)!;
    check(value, fitting, root, path, problems, limit);
  }
  if (Array.isArray(value) && resolved.items && typeof resolved.items === 'object') {
    value.forEach((item, index) => check(item, resolved.items as Schema, root, [...path, index], problems, limit));
  }
  if (value && typeof value === 'object' && !Array.isArray(value) && resolved.properties && typeof resolved.properties === 'object') {
    const properties = new Map(Object.entries(resolved.properties as Record<string, Schema>));
    for (const [key, child] of Object.entries(value)) {
      const childSchema = properties.get(key);
      if (childSchema) check(child, childSchema, root, [...path, key], problems, limit);
    }
  }
}

/** What is wrong with the value's shape itself (type, required names, what it must not be, no alternative fitting), before looking inside. */
function shapeProblem(value: unknown, schema: Schema, root: Schema): string | undefined {
  const wrongType = typeProblem(value, schema);
  if (wrongType) return wrongType;
  if (Array.isArray(schema.required) && value && typeof value === 'object' && !Array.isArray(value)) {
    const missing = (schema.required as string[]).filter((name) => !(name in value));
    if (missing.length > 0) return `Missing ${missing.map((name) => JSON.stringify(name)).join(', ')}.`;
  }
  if (schema.not && typeof schema.not === 'object' && matches(value, schema.not as Schema, root)) {
    const why = (schema.not as Schema).description;
    return `Not expected here${typeof why === 'string' ? `: ${why}` : '.'}`;
  }
  if (Array.isArray(schema.anyOf)) {
    const alternatives = (schema.anyOf as Schema[]).map((s) => resolve(s, root));
    if (!alternatives.some((s) => shapeProblem(value, s, root) === undefined)) {
      return `Expected ${[...new Set(alternatives.map(typeWords))].join(' or ')}; found ${kindOf(value)}.`;
    }
  }
  return undefined;
}

function matches(value: unknown, schema: Schema, root: Schema): boolean {
  const problems: SchemaProblem[] = [];
  check(value, schema, root, [], problems, 1);
  return problems.length === 0;
}

function resolve(schema: Schema, root: Schema): Schema {
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/definitions/')) return schema;
  const definitions = new Map(Object.entries((root.definitions ?? {}) as Record<string, Schema>));
  return definitions.get(ref.slice('#/definitions/'.length)) ?? schema;
}

function typeProblem(value: unknown, schema: Schema): string | undefined {
  const types = typesOf(schema);
  if (!types) return undefined;
  return types.some((t) => fits(value, t)) ? undefined : `Expected ${typeWords(schema)}; found ${kindOf(value)}.`;
}

function typesOf(schema: Schema): string[] | undefined {
  if (typeof schema.type === 'string') return [schema.type];
  return Array.isArray(schema.type) ? (schema.type as string[]) : undefined;
}

function fits(value: unknown, type: string): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return !!value && typeof value === 'object' && !Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    default:
      return typeof value === type;
  }
}

function typeWords(schema: Schema): string {
  const types = typesOf(schema);
  if (!types) return 'a value';
  return types.map((t) => (t === 'null' ? 'null' : t === 'array' ? 'a list' : t === 'object' ? 'an object' : `a ${t}`)).join(' or ');
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value} (${JSON.stringify(value).slice(0, 40)})`;
}
