import type { Entity, EntityKind } from '../../src/model/entities';
import { hostIdentity } from '../../src/model/hosts';
import { eventAudits, PtaEvent } from '../../src/model/ptaEvent';

/**
 * A stand-in for the entity index's answer where the bench and the page harness need entities:
 * the vault users, accounts and hosts of the event's audits, each kind and key once.
 */
export function entitiesFromAudits(event: PtaEvent): Entity[] {
  const entities = new Map<string, Entity>();
  const add = (kind: EntityKind, value: string, label: string) => {
    const key = `${kind}:${value.toLowerCase()}`;
    if (!entities.has(key)) entities.set(key, { kind, key, label });
  };
  for (const audit of eventAudits(event)) {
    if (audit.vaultUser) add('user', audit.vaultUser, audit.vaultUser);
    if (audit.account) add('account', audit.account, audit.account);
    for (const address of [audit.source, audit.target]) {
      const host = address && hostIdentity(address);
      if (host) add('host', host.key, host.label);
    }
  }
  return [...entities.values()];
}
