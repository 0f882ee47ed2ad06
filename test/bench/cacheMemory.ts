import { ExtensionEvents } from './extensionLoad';
import { collectGarbage } from './stats';

/**
 * Heap held by the extension's event cache (EventStore and EventView with their lists) per byte of
 * the JSON it was loaded from: live heap with the events loaded minus live heap once the store is
 * emptied, everything else (client, connection, simulator) staying as it was. Empties the store.
 */
export async function measureCacheBytesPerJsonByte(events: ExtensionEvents, jsonBytes: number): Promise<number> {
  events.view.list(events.sourceId, 'OPEN');
  events.view.list(events.sourceId, 'CLOSED');
  await collectGarbage();
  const loadedHeap = process.memoryUsage().heapUsed;
  events.store.clear();
  await collectGarbage();
  return (loadedHeap - process.memoryUsage().heapUsed) / jsonBytes;
}
