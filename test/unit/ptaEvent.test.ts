import assert from 'node:assert/strict';
import { distinctAuditValues, eventAudits, formatAddress, normalizeAudit, normalizeEvent } from '../../src/model/ptaEvent';
import { HOSTILE_STRINGS } from '../simulator/hostileStrings';
import { displayText, formatAge, formatScore, readableAuditType, readableCloseReason, readableEventType, revealInvisibleInJson, riskBand } from '../../src/model/format';

describe('normalizeEvent', () => {
  it('reads a complete event', () => {
    const event = normalizeEvent({
      id: '5f1e0c2ab1d24a0012345678', type: 'GoldenTicket', score: 95.30000000000001, createTime: 1700000000000,
      lastUpdateTime: 1700000500000, mStatus: 'closed', closeReason: 'HANDLED', reasonText: 'done',
      audits: [{ id: 'a', type: 'VAULT_LOGON' }, { id: 'b' }],
    });
    assert.ok(event);
    assert.equal(event.status, 'CLOSED');
    assert.equal(event.score, 95.30000000000001);
    assert.equal(event.auditCount, 2);
    assert.equal(event.closeReason, 'HANDLED');
    assert.equal(event.hasUpdateTime, true);
  });

  it('says whether lastUpdateTime was really there, for what stands in for it', () => {
    for (const missing of [undefined, null, 0, -5, '', 'soon']) {
      const event = normalizeEvent({ id: 'x', createTime: 1700000000000, lastUpdateTime: missing })!;
      assert.equal(event.hasUpdateTime, false, String(missing));
      assert.equal(event.lastUpdateTime, 1700000000000);
    }
    assert.equal(normalizeEvent({ id: 'x', lastUpdateTime: '1700000000000' })!.hasUpdateTime, true);
  });

  it('survives every sparse shape without inventing "undefined"', () => {
    const event = normalizeEvent({ id: 'x1', type: null, score: null, createTime: null, lastUpdateTime: undefined, audits: null, additionalData: null, mStatus: null });
    assert.ok(event);
    assert.equal(event.type, 'Unknown event type');
    assert.equal(event.score, 0);
    assert.equal(event.status, 'OPEN');
    assert.equal(event.lastUpdateTime, 0);
    assert.deepEqual(eventAudits(event), []);
    assert.doesNotMatch(JSON.stringify(event), /"undefined"/);
  });

  it('drops what has no id and clamps wild scores', () => {
    assert.equal(normalizeEvent(null), undefined);
    assert.equal(normalizeEvent({ type: 'X' }), undefined);
    assert.equal(normalizeEvent([1, 2]), undefined);
    assert.equal(normalizeEvent({ id: 'a', score: 250 })?.score, 100);
    assert.equal(normalizeEvent({ id: 'a', score: '42.5' })?.score, 42.5);
    assert.equal(normalizeEvent({ id: 7, score: -3 })?.id, '7');
  });

  it('reads audits with missing accounts and unresolved addresses', () => {
    const audit = normalizeAudit({
      type: 'PSM_SSH_COMMAND', account: { accountAsStr: null, type: 'LOCAL_UNIX', account: { mUser: 'root', mDomain: null } },
      source: { mOriginalAddress: '10.0.0.5' }, target: { mOriginalAddress: null, mResolvedAddress: { mHostName: 'db01', mFqdn: 'db01.corp' } },
    });
    assert.equal(audit.account, 'root');
    assert.equal(formatAddress(audit.source), '10.0.0.5');
    assert.equal(formatAddress(audit.target), 'db01.corp');
    const bare = normalizeAudit({ account: null, source: null, target: {} });
    assert.equal(bare.account, undefined);
    assert.equal(bare.source, undefined);
    assert.equal(bare.target, undefined);
    assert.deepEqual(normalizeAudit('not an object'), normalizeAudit({}));
  });

  it('lists distinct audit values in order', () => {
    const event = normalizeEvent({ id: 'e', audits: [{ vaultUser: 'b' }, { vaultUser: 'a' }, { vaultUser: 'b' }, {}] })!;
    assert.deepEqual(distinctAuditValues(event, (a) => a.vaultUser), ['b', 'a']);
  });
});

describe('format', () => {
  it('bands scores at 35 and 75', () => {
    assert.equal(riskBand(0), 'low');
    assert.equal(riskBand(34.99), 'low');
    assert.equal(riskBand(35), 'medium');
    assert.equal(riskBand(75), 'medium');
    assert.equal(riskBand(75.01), 'high');
  });

  it('shows fractional scores with one decimal', () => {
    assert.equal(formatScore(27.656250000000004), '27.7');
    assert.equal(formatScore(95), '95');
  });

  it('turns event and audit types into words', () => {
    assert.equal(readableEventType('SuspectedCredentialsTheft'), 'Suspected credentials theft');
    assert.equal(readableEventType('PSMSuspiciousSomethingNew'), 'PSM suspicious something new');
    assert.equal(readableEventType('weird type!'), 'weird type!');
    const long = 'AB'.repeat(5000);
    assert.equal(readableEventType(long), long, 'a type far longer than any name is left as it is');
    for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      assert.equal(readableEventType(key), key === 'toString' ? 'to string' : key === 'hasOwnProperty' ? 'has own property' : key);
      assert.equal(readableCloseReason(key), key);
    }
    assert.equal(readableCloseReason('notreal'), 'False positive');
    assert.equal(readableCloseReason('odd\u202Ereason'), 'odd<U+202E>reason');
    assert.equal(readableAuditType('PSM_SSH_COMMAND'), 'PSM SSH command');
    assert.equal(readableAuditType('VAULT_LOGON'), 'Vault logon');
  });

  it('says how long ago', () => {
    const now = 1_700_000_000_000;
    assert.equal(formatAge(now - 10_000, now), 'just now');
    assert.equal(formatAge(now - 5 * 60_000, now), '5 min ago');
    assert.equal(formatAge(now - 3 * 3_600_000, now), '3 h ago');
    assert.equal(formatAge(now - 3 * 86_400_000, now), '3 d ago');
    assert.equal(formatAge(0, now), 'unknown time');
  });

  it('makes control and direction characters visible and cuts long text', () => {
    assert.equal(displayText('evil\u202Etxt.exe'), 'evil<U+202E>txt.exe');
    assert.equal(displayText('a\nb\u0000'), 'a<U+000A>b<U+0000>');
    assert.equal(displayText('line\u2028separator\u2029'), 'line<U+2028>separator<U+2029>');
    assert.equal(displayText('x'.repeat(500), 10).length, 10);
    assert.equal(revealInvisibleInJson(JSON.stringify({ a: 'x\u202Ey' }, null, 2)), '{\n  "a": "x\\u202ey"\n}');
    assert.equal(revealInvisibleInJson(JSON.stringify('a\u2028b')), '"a\\u2028b"');
  });

  it('shows every invisible and direction-changing character as its code point', () => {
    const ranges: Array<[number, number]> = [
      [0x0000, 0x001f], [0x007f, 0x009f], [0x00ad, 0x00ad], [0x061c, 0x061c], [0x180e, 0x180e], [0x200b, 0x200f],
      [0x2028, 0x202e], [0x2060, 0x206f], [0xfeff, 0xfeff], [0xfff9, 0xfffb], [0xe0000, 0xe007f],
    ];
    for (const [first, last] of ranges) {
      for (let cp = first; cp <= last; cp++) {
        const hex = cp.toString(16).toUpperCase().padStart(4, '0');
        assert.equal(displayText(`a${String.fromCodePoint(cp)}b`), `a<U+${hex}>b`, `U+${hex}`);
      }
    }
    assert.equal(displayText('lone \ud800 and \udc00'), 'lone <U+D800> and <U+DC00>');
    assert.equal(displayText('flag \u{1F3F3}\uFE0F'), 'flag \u{1F3F3}\uFE0F', 'variation selectors may stay');
  });

  it('never cuts a surrogate pair in two', () => {
    assert.equal(displayText('a\u{1F608}\u{1F608}', 3), 'a…');
    assert.equal(displayText('ab\u{1F608}', 4), 'ab\u{1F608}');
    for (const hostile of HOSTILE_STRINGS) {
      for (let max = 1; max <= 40; max++) {
        const shown = displayText(hostile, max);
        assert.ok(shown.length <= max, `${JSON.stringify(hostile)} at ${max}`);
        assert.doesNotMatch(shown, /[\ud800-\udfff]/u, `no lone surrogate in ${JSON.stringify(shown)}`);
        assert.doesNotMatch(shown, /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/);
      }
    }
  });
});
