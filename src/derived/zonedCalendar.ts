/**
 * Local days and hours in an IANA time zone, so that buckets follow the analyst's calendar
 * across daylight-saving changes (a local day is 23, 24 or 25 hours long). Intl answers the
 * offsets; it is slow (microseconds a call), so callers ask only at bucket boundaries. Pure.
 */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** A wall-clock date: year, month 1-12, day 1-31. */
export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export class ZonedCalendar {
  readonly timeZone: string;
  private readonly parts: Intl.DateTimeFormat;

  /** An unknown or missing zone falls back to the machine's own zone. */
  constructor(timeZone?: string) {
    this.timeZone = resolveTimeZone(timeZone);
    this.parts = new Intl.DateTimeFormat('en-US', {
      timeZone: this.timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  }

  /** Local wall time minus UTC at this instant, in ms (+3,600,000 in Paris in winter). */
  offsetAt(instant: number): number {
    const whole = Math.floor(instant / 1000) * 1000;
    return this.wallAt(whole) - whole;
  }

  /** The local wall time at an instant, as if that wall time were UTC (so Date.UTC arithmetic applies). */
  wallAt(instant: number): number {
    const f: Record<string, number> = {};
    for (const part of this.parts.formatToParts(instant)) {
      if (part.type !== 'literal') f[part.type] = Number(part.value);
    }
    return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) + (instant - Math.floor(instant / 1000) * 1000);
  }

  dateAt(instant: number): CivilDate {
    return civilDate(this.wallAt(instant));
  }

  /**
   * The first instant of a local day. When midnight is repeated (clocks back at midnight) that
   * is its first occurrence; when midnight is skipped (clocks forward at midnight), the
   * moment the clocks jump. `hint`, an offset valid near that day, saves Intl calls.
   */
  startOfDay(date: CivilDate, hint?: number): number {
    const wallMidnight = Date.UTC(date.year, date.month - 1, date.day);
    if (hint !== undefined) {
      const candidate = wallMidnight - hint;
      if (this.offsetAt(candidate) === hint && this.offsetAt(candidate - HOUR_MS) === hint) return candidate;
    }
    const offsets = new Set([this.offsetAt(wallMidnight - DAY_MS), this.offsetAt(wallMidnight), this.offsetAt(wallMidnight + DAY_MS)]);
    const candidates = [...offsets].map((offset) => wallMidnight - offset).sort((a, b) => a - b);
    return candidates.find((c) => this.wallAt(c) === wallMidnight) ?? candidates.find((c) => this.wallAt(c) > wallMidnight) ?? candidates[0];
  }

  /** The first instant of the local hour containing `instant` (zones with half-hour offsets included). */
  startOfHour(instant: number): number {
    return instant - positiveModulo(this.wallAt(instant), HOUR_MS);
  }
}

export function civilDate(wall: number): CivilDate {
  const d = new Date(wall);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The date `days` after (or before, when negative) a date. */
export function addDays(date: CivilDate, days: number): CivilDate {
  return civilDate(Date.UTC(date.year, date.month - 1, date.day + days));
}

/** `2026-03-29`. */
export function isoDate(date: CivilDate): string {
  return `${String(date.year).padStart(4, '0')}-${pad2(date.month)}-${pad2(date.day)}`;
}

/** `+05:30`, `-03:00`, `+00:00`. */
export function isoOffset(offsetMs: number): string {
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  return `${offsetMs < 0 ? '-' : '+'}${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

/** `2026-03-29 14:05` in the calendar's zone. */
export function formatZonedMinute(calendar: ZonedCalendar, instant: number): string {
  const wall = new Date(calendar.wallAt(instant));
  return `${isoDate(civilDate(wall.getTime()))} ${pad2(wall.getUTCHours())}:${pad2(wall.getUTCMinutes())}`;
}

export function resolveTimeZone(timeZone: string | undefined): string {
  if (timeZone) {
    try {
      return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
    } catch {
      // An unknown zone name: use the machine's.
    }
  }
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function positiveModulo(value: number, divisor: number): number {
  return ((value % divisor) + divisor) % divisor;
}
