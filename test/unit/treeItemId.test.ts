import assert from 'node:assert/strict';
import { treeItemId } from '../../src/tree/treeItemId';

describe('treeItemId', () => {
  it('never gives two different lists of parts one id, whatever characters the names hold', () => {
    const lists: Array<[string, ...string[]]> = [
      ['event', 'vault:a:b', 'c'],
      ['event', 'vault:a', 'b:c'],
      ['event', 'vault:a","b', 'c'],
      ['event', 'vault:a', 'b","c'],
      ['event', 'file:file:///tmp/a\u0000b', 'c'],
      ['event', 'file:file:///tmp/a', 'b\u0000c'],
      ['audit', 'vault:a', 'b', '1'],
      ['audit', 'vault:a', 'b:1'],
    ];
    const ids = lists.map(([kind, ...parts]) => treeItemId(kind, ...parts));
    assert.equal(new Set(ids).size, ids.length, ids.join('\n'));
  });
});
