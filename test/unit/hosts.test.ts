import assert from 'node:assert/strict';
import { hostIdentity, isIpAddress } from '../../src/model/hosts';
import { formatAddress, normalizeAudit } from '../../src/model/ptaEvent';

describe('hostIdentity', () => {
  it('gives the IP, the host name, the FQDN and a resolved address of one host one key', () => {
    const forms = [
      { original: '10.0.0.5', ip: '10.0.0.5', hostName: 'DC01', fqdn: 'dc01.corp.example' },
      { original: 'DC01' },
      { original: 'dc01.corp.example' },
      { hostName: 'dc01' },
    ];
    assert.deepEqual(new Set(forms.map((f) => hostIdentity(f)?.key)), new Set(['dc01']));
    assert.equal(hostIdentity(forms[0])?.label, 'dc01.corp.example');
    assert.equal(hostIdentity(forms[0])?.ip, '10.0.0.5');
  });

  it('keys an unresolved IP by the IP, and knows IPv6', () => {
    assert.equal(hostIdentity({ original: '10.1.2.3' })?.key, '10.1.2.3');
    assert.ok(isIpAddress('fe80::1'));
    assert.ok(!isIpAddress('db01.corp'));
  });

  it('names no host for an empty address', () => {
    assert.equal(hostIdentity({}), undefined);
    assert.equal(hostIdentity({ original: '  ' }), undefined);
  });

  it('shows a resolved host once, with its IP beside its name', () => {
    const audit = normalizeAudit({ source: { mOriginalAddress: '10.0.0.5', mResolvedAddress: { mAddress: '10.0.0.5', mHostName: 'dc01', mFqdn: 'dc01.corp' } } });
    assert.equal(formatAddress(audit.source), 'dc01.corp (10.0.0.5)');
  });
});
