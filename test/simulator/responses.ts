import { ServerResponse } from 'node:http';

/** A complete answer, built by the routes and written by the server. */
export interface SimulatorResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** Every answer comes from "IIS", as a real PVWA's does. */
export const IIS_HEADERS: Record<string, string> = { Server: 'Microsoft-IIS/10.0', 'X-Powered-By': 'ASP.NET' };

export function jsonResponse(status: number, value: unknown, headers: Record<string, string> = {}): SimulatorResponse {
  return { status, headers: { 'Content-Type': JSON_CONTENT_TYPE, ...headers }, body: JSON.stringify(value) };
}

export function emptyResponse(status: number): SimulatorResponse {
  return { status, headers: {}, body: '' };
}

export function writeResponse(res: ServerResponse, response: SimulatorResponse): void {
  if (res.destroyed || res.headersSent) return;
  res.writeHead(response.status, {
    ...IIS_HEADERS,
    ...response.headers,
    'Content-Length': String(Buffer.byteLength(response.body)),
  });
  res.end(response.body);
}
