/**
 * The subset of JSON Schema (draft 7) that schemas/pta-events.schema.json uses: type, enum,
 * properties, items, anyOf, $ref to #/definitions, minimum and maximum. For documents VS Code's
 * JSON language service cannot be given the schema (Treat as PTA Events on any JSON document),
 * so the one schema file stays the only definition of a valid event. Pure; no vscode.
 */
export type JsonPath = ReadonlyArray<string | number>;

export interface SchemaProblem {
  readonly path: JsonPath;
  readonly message: string;
}

type Schema = Readonly<Record<string, unknown>>;

export function checkAgainstSchema(value: unknown, root: Schema, limit = 200): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  check(value, root, root, [], problems, limit);
  return problems;
}

function check(value: unknown, schema: Schema, root: Schema, path: JsonPath, problems: SchemaProblem[], limit: number): void {
  if (problems.length >= limit) return;
  const resolved = resolve(schema, root);
  if (Array.isArray(resolved.anyOf)) {
    // The first alternative whose type fits explains best what is wrong inside it.
    const alternatives = (resolved.anyOf as Schema[]).map((s) => resolve(s, root));
    const fitting = alternatives.find((s) => typeProblem(value, s) === undefined);
    if (!fitting) {
      problems.push({ path, message: `Expected ${alternatives.map(typeWords).join(' or ')}; found ${kindOf(value)}.` });
      return;
    }
    check(value, fitting, root, path, problems, limit);
    return;
  }
  const wrongType = typeProblem(value, resolved);
  if (wrongType) {
    problems.push({ path, message: wrongType });
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
