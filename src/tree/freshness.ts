/** "updated 2 min ago" while fresh ("read 2 min ago" for a file); "as of 10:42" once the list is known to be stale. */
export function freshness(asOf: number, now: number, stale: boolean, verb: 'updated' | 'read' = 'updated'): string {
  if (stale) return `as of ${clock(asOf)}`;
  const minutes = Math.floor((now - asOf) / 60_000);
  if (minutes < 1) return `${verb} just now`;
  if (minutes < 60) return `${verb} ${minutes} min ago`;
  return `${verb} at ${clock(asOf)}`;
}

export function clock(ms: number): string {
  return new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}
