import { buildEstate, Estate, Host, Recurrence, VaultAccount } from './estate';
import {
  AuditKind,
  CLOSE_REASONS,
  cloudData,
  DetectionContext,
  EVENT_KINDS,
  PsmCommand,
  REASON_TEXTS,
  SSH_COMMANDS,
  WINDOWS_COMMANDS,
} from './eventCatalog';
import { HOSTILE_STRINGS } from './hostileStrings';
import { SeededRandom } from './random';

export { HOSTILE_STRINGS };

/** A security event as the PVWA sends it: JSON-shaped, and beyond these three fields anything may be missing or null. */
export type RawEvent = Record<string, unknown> & { id: string; lastUpdateTime: number; mStatus: string };

type RawRecord = Record<string, unknown>;

export interface GenerateOptions {
  count: number;
  /** Default 1. */
  seed?: number;
  /** Epoch ms the data is generated relative to; default Date.now(). */
  now?: number;
  /** Mean number of audits per event, default 5; each event has 1..20. */
  averageAudits?: number;
  /** lastUpdateTime is spread over this many days before `now`, default 45. */
  windowDays?: number;
  /** Share of events carrying HOSTILE_STRINGS, default 0.02. */
  hostileShare?: number;
}

const DAY_MS = 86_400_000;
const MAX_AUDITS = 20;
const OPEN_SHARE = 0.7;
/** Share of events given one of the rare shapes, spread evenly so a few hundred events show them all. */
const ODD_SHAPE_SHARE = 0.1;
const ODD_SHAPES = [
  'emptyAudits',
  'nullAudits',
  'noAdditionalData',
  'nullAdditionalData',
  'explicitNulls',
  'boundaryScore',
  'bareMinimum',
  'maxAudits',
  'bareAudits',
] as const;
type OddShape = (typeof ODD_SHAPES)[number];
const BOUNDARY_SCORES = [0, 35, 75, 100, 34.99999999999999, 75.00000000000001];
/**
 * Share of events that are one of the estate's recurring stories (the same type, account, vault
 * user and hosts each time), of which RECURRING_CLOSED_SHARE are already closed the story's way:
 * the look-alikes triage memory finds.
 */
const RECURRING_SHARE = 0.1;
const RECURRING_CLOSED_SHARE = 0.6;

/** Generates `count` realistic events, newest lastUpdateTime first; the same seed and `now` give the same events. */
export function generateEvents(options: GenerateOptions): RawEvent[] {
  if (!Number.isInteger(options.count) || options.count < 0) {
    throw new RangeError(`count must be a non-negative integer, got ${options.count}`);
  }
  const random = new SeededRandom(options.seed ?? 1);
  const generator = new EventGenerator(random, buildEstate(random, options.count), {
    now: options.now ?? Date.now(),
    averageAudits: Math.min(MAX_AUDITS, Math.max(1, options.averageAudits ?? 5)),
    windowMs: (options.windowDays ?? 45) * DAY_MS,
    hostileShare: options.hostileShare ?? 0.02,
  });
  const events: RawEvent[] = [];
  for (let index = 0; index < options.count; index++) {
    events.push(generator.event(index));
  }
  return events.sort(newestFirst);
}

export function newestFirst(a: RawEvent, b: RawEvent): number {
  return b.lastUpdateTime - a.lastUpdateTime || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

interface GeneratorSettings {
  now: number;
  averageAudits: number;
  windowMs: number;
  hostileShare: number;
}

/** The people and machines one event is about; its audits mostly share them. */
interface EventParties extends DetectionContext {
  account: VaultAccount;
  source: Host | string;
  target: Host;
}

class EventGenerator {
  private oddShapesUsed = 0;
  private hostileCursor = 0;
  private recurrencesUsed = 0;

  constructor(
    private readonly random: SeededRandom,
    private readonly estate: Estate,
    private readonly settings: GeneratorSettings,
  ) {}

  event(index: number): RawEvent {
    const random = this.random;
    const hostile = evenlySpaced(index, this.settings.hostileShare, Math.ceil);
    const oddShape = !hostile && evenlySpaced(index, ODD_SHAPE_SHARE, Math.floor) ? this.nextOddShape() : undefined;
    const recurrence = !hostile && !oddShape && evenlySpaced(index, RECURRING_SHARE, Math.round) ? this.nextRecurrence() : undefined;

    const kind = recurrence ? EVENT_KINDS.find((k) => k.type === recurrence.story.type)! : random.pick(EVENT_KINDS);
    const auditKind = random.pick(kind.audits);
    const lastUpdateTime = this.settings.now - Math.floor(random.next() * this.settings.windowMs);
    const auditCount = oddShape === 'maxAudits' ? MAX_AUDITS : this.auditCount();
    const createTime = auditCount > 1 || random.chance(0.3) ? lastUpdateTime - random.int(1_000, 3 * DAY_MS) : lastUpdateTime;
    const parties = this.parties(auditKind, recurrence);
    const audits = this.auditTimes(createTime, lastUpdateTime, auditCount).map((time) => this.audit(auditKind, time, parties));

    const event: RawEvent = {
      id: random.hex(24),
      type: kind.type,
      score: this.score(),
      createTime,
      lastUpdateTime,
      audits,
      additionalData: kind.additionalData(random, parties),
      mStatus: 'OPEN',
    };
    if (random.chance(0.15)) delete event.additionalData;
    if (recurrence) this.setRecurringStatus(event, recurrence);
    else this.setStatus(event);
    if (hostile) this.plantHostileStrings(event);
    if (oddShape) this.applyOddShape(event, oddShape);
    return event;
  }

  private nextOddShape(): OddShape {
    return ODD_SHAPES[this.oddShapesUsed++ % ODD_SHAPES.length];
  }

  private nextRecurrence(): Recurrence {
    return this.estate.recurrences[this.recurrencesUsed++ % this.estate.recurrences.length];
  }

  /** 1 + Binomial(19, p): always 1..20, with exactly the requested mean. */
  private auditCount(): number {
    const probability = (this.settings.averageAudits - 1) / (MAX_AUDITS - 1);
    let count = 1;
    for (let trial = 1; trial < MAX_AUDITS; trial++) {
      if (this.random.next() < probability) count++;
    }
    return count;
  }

  private auditTimes(createTime: number, lastUpdateTime: number, count: number): number[] {
    const later = Array.from({ length: count - 1 }, () => createTime + Math.floor(this.random.next() * (lastUpdateTime - createTime + 1)));
    return [createTime, ...later.sort((a, b) => a - b)];
  }

  private parties(auditKind: AuditKind, recurrence: Recurrence | undefined): EventParties {
    const random = this.random;
    const psmCommand = auditKind.psm ? this.psmCommand(auditKind.psm) : undefined;
    if (recurrence) {
      const { account, source, target, vaultUser } = recurrence;
      return { account, source, target, station: source.ip, vaultUser, matchPattern: psmCommand?.matchPattern };
    }
    const source = random.chance(0.2) ? random.pick(this.estate.externalAddresses) : random.pick(this.estate.hosts);
    return {
      account: random.pick(this.estate.accounts),
      source,
      target: random.pick(this.estate.hosts),
      station: typeof source === 'string' ? source : source.ip,
      vaultUser: random.pick(this.estate.vaultUsers),
      matchPattern: psmCommand?.matchPattern,
    };
  }

  private psmCommand(kind: 'ssh' | 'windows'): PsmCommand {
    return this.random.pick(kind === 'ssh' ? SSH_COMMANDS : WINDOWS_COMMANDS);
  }

  private audit(kind: AuditKind, createTime: number, parties: EventParties): RawRecord {
    const random = this.random;
    const audit: RawRecord = { id: random.hex(24), type: kind.type, sensorType: kind.sensorType, action: kind.action, createTime };
    if (kind.sensorType === 'VAULT' || kind.psm || random.chance(0.3)) audit.vaultUser = parties.vaultUser;
    if (kind.type !== 'VAULT_LOGON' && random.chance(0.88)) {
      const account = random.chance(0.85) ? parties.account : random.pick(this.estate.accounts);
      audit.accountId = account.accountId;
      audit.account = accountRecord(account);
    }
    audit.source = this.address(random.chance(0.9) ? parties.source : random.pick(this.estate.hosts));
    if (kind.sensorType !== 'VAULT' && random.chance(0.85)) audit.target = this.address(parties.target);
    if (kind.psm) audit.psmCommand = this.psmCommand(kind.psm).command;
    if (kind.cloud) audit.cloudData = cloudData(random);
    return audit;
  }

  private address(where: Host | string): RawRecord {
    if (typeof where === 'string') return { mOriginalAddress: where };
    const address: RawRecord = { mOriginalAddress: this.random.chance(0.7) ? where.ip : where.hostName };
    if (this.random.chance(0.65)) {
      address.mResolvedAddress = { mAddress: where.ip, mHostName: where.hostName, mFqdn: where.fqdn };
    }
    return address;
  }

  /** Mostly full-precision fractions, some integers, and some with the one-ulp noise PTA's arithmetic leaves (27.656250000000004). */
  private score(): number {
    const raw = this.random.next() * 100;
    const shape = this.random.next();
    if (shape < 0.1) return Math.round(raw);
    if (shape < 0.4) {
      const quantized = Math.round(raw * 64) / 64;
      return quantized > 0 && quantized < 100 ? nextDoubleUp(quantized) : quantized;
    }
    return raw;
  }

  private setStatus(event: RawEvent): void {
    const random = this.random;
    if (random.chance(OPEN_SHARE)) {
      if (random.chance(0.1)) event.closeReason = 'NONE';
      return;
    }
    event.mStatus = 'CLOSED';
    event.closeReason = random.pick(CLOSE_REASONS);
    event.reasonText = random.pick(REASON_TEXTS);
  }

  private setRecurringStatus(event: RawEvent, recurrence: Recurrence): void {
    if (!this.random.chance(RECURRING_CLOSED_SHARE)) return;
    event.mStatus = 'CLOSED';
    event.closeReason = recurrence.story.closeReason;
    event.reasonText = recurrence.story.reasonText;
  }

  private plantHostileStrings(event: RawEvent): void {
    const next = () => HOSTILE_STRINGS[this.hostileCursor++ % HOSTILE_STRINGS.length];
    const audit = (event.audits as RawRecord[])[0];
    audit.psmCommand = next();
    audit.vaultUser = next();
    audit.source = { mOriginalAddress: '10.13.37.1', mResolvedAddress: { mAddress: '10.13.37.1', mHostName: next(), mFqdn: next() } };
    audit.account = { accountAsStr: next(), type: 'DOMAIN', account: { mUser: next(), mDomain: 'corp.example.com', spnList: [next()], mTarget: 'corp.example.com' } };
    const additionalData: RawRecord = { ...(event.additionalData as RawRecord | undefined) };
    // defineProperty, because assigning a key such as "__proto__" would not create it
    defineOwn(additionalData, next(), next());
    defineOwn(additionalData, '__proto__', { isAdmin: true });
    event.additionalData = additionalData;
    event.reasonText = next();
  }

  private applyOddShape(event: RawEvent, shape: OddShape): void {
    const audits = event.audits as RawRecord[];
    switch (shape) {
      case 'emptyAudits':
        event.audits = [];
        break;
      case 'nullAudits':
        event.audits = null;
        break;
      case 'noAdditionalData':
        delete event.additionalData;
        break;
      case 'nullAdditionalData':
        event.additionalData = null;
        break;
      case 'explicitNulls':
        Object.assign(event, { createTime: null, closeReason: null, reasonText: null });
        Object.assign(audits[0], { vaultUser: null, accountId: null, account: null, target: null, psmCommand: null, cloudData: null });
        audits[0].source = { mOriginalAddress: null, mResolvedAddress: null };
        break;
      case 'boundaryScore':
        event.score = this.random.pick(BOUNDARY_SCORES);
        break;
      case 'bareMinimum':
        for (const key of Object.keys(event)) {
          if (key !== 'id' && key !== 'lastUpdateTime' && key !== 'mStatus') delete event[key];
        }
        break;
      case 'maxAudits':
        // already built with MAX_AUDITS audits
        break;
      case 'bareAudits':
        event.audits = audits.map((audit, index) => (index === 0 ? {} : { id: audit.id, type: audit.type }));
        break;
    }
  }
}

/** True for about `share` of all indices, evenly spaced; Math.ceil starts at index 0, Math.floor at about 1/share - 1. */
function evenlySpaced(index: number, share: number, round: (value: number) => number): boolean {
  return round((index + 1) * share) > round(index * share);
}

function accountRecord(account: VaultAccount): RawRecord {
  return {
    accountAsStr: account.accountAsStr,
    type: account.type,
    account: { mUser: account.user, mDomain: account.domain, spnList: account.spnList, mTarget: account.target },
  };
}

function nextDoubleUp(value: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  view.setBigUint64(0, view.getBigUint64(0) + 1n);
  return view.getFloat64(0);
}

function defineOwn(target: RawRecord, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
