import type { Node, ParseError } from 'jsonc-parser';
import { jsoncParser } from './jsoncParser';
import { checkAgainstSchema } from './schemaCheck';

/** A schema problem at a place in the document's text. */
export interface DocumentProblem {
  readonly offset: number;
  readonly length: number;
  readonly message: string;
}

/**
 * A document's text against the PTA events schema, in every shape Open Events from File… reads:
 * one JSON document (a list, an event, a recorded answer, PowerShell's list: the schema describes
 * each), or one event per line, each line checked on its own. Undefined when the text is neither
 * (a half-typed document): its syntax errors are the JSON language service's to report. Pure.
 */
export function checkDocumentText(text: string, schema: Record<string, unknown>): DocumentProblem[] | undefined {
  const whole = parse(text);
  if (whole) return problemsIn(whole, 0, schema);
  const lines = [...text.matchAll(/[^\r\n]+/g)].filter((line) => line[0].trim() !== '');
  const parsed = lines.map((line) => parse(line[0]));
  if (lines.length < 2 || parsed.some((root) => root?.type !== 'object')) return undefined;
  return parsed.flatMap((root, index) => problemsIn(root!, lines[index].index, schema));
}

function parse(text: string): Node | undefined {
  const errors: ParseError[] = [];
  const root = jsoncParser().parseTree(text, errors, { allowTrailingComma: true });
  return root && errors.length === 0 ? root : undefined;
}

function problemsIn(root: Node, start: number, schema: Record<string, unknown>): DocumentProblem[] {
  const { getNodeValue, findNodeAtLocation } = jsoncParser();
  return checkAgainstSchema(getNodeValue(root), schema).map((problem) => {
    const node = findNodeAtLocation(root, [...problem.path]) ?? root;
    return { offset: start + node.offset, length: node.length, message: problem.message };
  });
}
