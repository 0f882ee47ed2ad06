import assert from 'node:assert/strict';
import { reasonTextProblem } from '../../src/model/closeReason';

describe('reasonTextProblem', () => {
  it('accepts 100 characters and refuses 101, after trimming', () => {
    assert.equal(reasonTextProblem('x'.repeat(100), 'HANDLED'), undefined);
    assert.equal(reasonTextProblem(`  ${'x'.repeat(100)}  `, 'HANDLED'), undefined);
    assert.match(reasonTextProblem('x'.repeat(101), 'HANDLED') ?? '', /1 character too long.*at most 100 \(now 101\)/);
  });

  it('counts as the vault counts: UTF-16 code units', () => {
    assert.equal(reasonTextProblem('😀'.repeat(50), 'NOTREAL'), undefined);
    assert.match(reasonTextProblem('😀'.repeat(50) + 'x', 'NOTREAL') ?? '', /too long/);
  });

  it('requires a text for Other only', () => {
    assert.equal(reasonTextProblem('', 'HANDLED'), undefined);
    assert.match(reasonTextProblem('   ', 'OTHER') ?? '', /required when the reason is Other/);
  });
});
