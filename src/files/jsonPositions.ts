import type { JSONPath } from 'jsonc-parser';
import { jsoncParser } from './jsoncParser';

/** A scalar of a JSON document with where it is: what a hover explains. */
export interface JsonScalarAt {
  readonly path: JSONPath;
  readonly value: unknown;
  /** The hovered text: the value, or the property name when the pointer is on it. */
  readonly offset: number;
  readonly length: number;
}

/** The scalar at `offset`, on its value or on its property name; undefined elsewhere. Reads the text only up to the value. */
export function jsonScalarAt(text: string, offset: number): JsonScalarAt | undefined {
  const location = jsoncParser().getLocation(text, offset);
  const node = location.previousNode;
  if (!node || offset < node.offset || offset > node.offset + node.length) return undefined;
  if (!location.isAtPropertyKey) {
    return isScalarKind(node.type) ? { path: location.path, value: node.value, offset: node.offset, length: node.length } : undefined;
  }
  const value = scalarAfterKey(text, node.offset + node.length);
  return value && { path: [...location.path.slice(0, -1), String(node.value)], value: value.value, offset: node.offset, length: node.length };
}

export interface EventObjectAt {
  readonly id: string;
  /** Where the event's `{` is. */
  readonly offset: number;
}

/**
 * Every event object of a PTA events document with its id, in order: the root, the items of a
 * root list, or those inside a recorded answer's json_body or PowerShell's value wrapper. One
 * streaming pass, no tree: documents can hold tens of thousands of events.
 */
export function eventObjects(text: string, limit = Infinity): EventObjectAt[] {
  const found: EventObjectAt[] = [];
  const objectStarts: number[] = [];
  jsoncParser().visit(text, {
    onObjectBegin: (offset) => void objectStarts.push(offset),
    onObjectEnd: () => void objectStarts.pop(),
    onLiteralValue: (value, _offset, _length, _line, _column, pathSupplier) => {
      if (found.length >= limit || (typeof value !== 'string' && typeof value !== 'number')) return;
      const path = pathSupplier();
      if (path[path.length - 1] === 'id' && isEventPath(path.slice(0, -1))) found.push({ id: String(value), offset: objectStarts[objectStarts.length - 1] });
    },
  });
  return found;
}

function isEventPath(path: JSONPath): boolean {
  return path.every((segment, index) => typeof segment === 'number' || ((segment === 'json_body' || segment === 'value') && index < path.length - 1));
}

function isScalarKind(type: string): boolean {
  return type === 'string' || type === 'number' || type === 'boolean' || type === 'null';
}

function scalarAfterKey(text: string, keyEnd: number): { value: unknown } | undefined {
  const { createScanner, SyntaxKind } = jsoncParser();
  const scanner = createScanner(text, true);
  scanner.setPosition(keyEnd);
  if (scanner.scan() !== SyntaxKind.ColonToken) return undefined;
  switch (scanner.scan()) {
    case SyntaxKind.NumericLiteral:
      return { value: Number(scanner.getTokenValue()) };
    case SyntaxKind.StringLiteral:
      return { value: scanner.getTokenValue() };
    case SyntaxKind.TrueKeyword:
      return { value: true };
    case SyntaxKind.FalseKeyword:
      return { value: false };
    case SyntaxKind.NullKeyword:
      return { value: null };
    default:
      return undefined;
  }
}
