/**
 * A tree item's id from its kind and the parts that name it (source id, event id, entity key…).
 * The parts are vault names, file paths and vault strings, which may hold any character, so no
 * separator is safe: the id is the JSON array of the parts, which two different lists never share.
 */
export function treeItemId(kind: string, ...parts: ReadonlyArray<string | number>): string {
  return JSON.stringify([kind, ...parts]);
}
