import { ServerResponse } from 'node:http';

/** A complete answer, built by the routes and written by the server. */
export interface SimulatorResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Instead of `body`: the body in pieces, made as they are written (chunked, no Content-Length), so no answer is one string. */
  parts?: Iterable<string>;
}

/** A list longer than this is written in pieces of PART_ITEMS items, as a vault's serializer writes a large answer. */
const STREAM_ITEMS_ABOVE = 5_000;
const PART_ITEMS = 500;

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** Every answer comes from "IIS", as a real PVWA's does. */
export const IIS_HEADERS: Record<string, string> = { Server: 'Microsoft-IIS/10.0', 'X-Powered-By': 'ASP.NET' };

export function jsonResponse(status: number, value: unknown, headers: Record<string, string> = {}): SimulatorResponse {
  return { status, headers: { 'Content-Type': JSON_CONTENT_TYPE, ...headers }, body: JSON.stringify(value) };
}

/** A JSON array; a long one is written in pieces. */
export function jsonArrayResponse(status: number, list: readonly unknown[]): SimulatorResponse {
  if (list.length <= STREAM_ITEMS_ABOVE) return jsonResponse(status, list);
  return { status, headers: { 'Content-Type': JSON_CONTENT_TYPE }, body: '', parts: arrayParts(list) };
}

function* arrayParts(list: readonly unknown[]): Iterable<string> {
  for (let at = 0; at < list.length; at += PART_ITEMS) {
    yield (at === 0 ? '[' : ',') + list.slice(at, at + PART_ITEMS).map((item) => JSON.stringify(item)).join(',');
  }
  yield ']';
}

export function emptyResponse(status: number): SimulatorResponse {
  return { status, headers: {}, body: '' };
}

export function writeResponse(res: ServerResponse, response: SimulatorResponse): void {
  if (res.destroyed || res.headersSent) return;
  if (response.parts) {
    res.writeHead(response.status, { ...IIS_HEADERS, ...response.headers });
    void writeParts(res, response.parts);
    return;
  }
  res.writeHead(response.status, {
    ...IIS_HEADERS,
    ...response.headers,
    'Content-Length': String(Buffer.byteLength(response.body)),
  });
  res.end(response.body);
}

async function writeParts(res: ServerResponse, parts: Iterable<string>): Promise<void> {
  for (const part of parts) {
    if (!res.write(part) && !(await drained(res))) return;
  }
  res.end();
}

/** Waits for the socket to take more; false when the connection went away instead. */
export function drained(res: ServerResponse): Promise<boolean> {
  if (res.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onDrain = () => settle(true);
    const onClose = () => settle(false);
    const settle = (value: boolean) => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(value);
    };
    res.once('drain', onDrain);
    res.once('close', onClose);
  });
}
