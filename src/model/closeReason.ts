import type { CloseReason } from '../api/pvwaClient';

/** The vault's limit, counted as it counts: UTF-16 code units, which is what String.length measures. */
export const REASON_TEXT_MAX = 100;

export const CLOSE_REASONS: ReadonlyArray<{ value: Exclude<CloseReason, 'NONE'>; label: string; detail: string }> = [
  { value: 'HANDLED', label: 'Handled', detail: 'The activity was investigated and dealt with.' },
  { value: 'NOTREAL', label: 'False positive', detail: 'Not a real threat: expected or authorised activity.' },
  { value: 'OTHER', label: 'Other', detail: 'Anything else; describe it in the text.' },
];

export function isCloseReason(value: unknown): value is Exclude<CloseReason, 'NONE'> {
  return CLOSE_REASONS.some((r) => r.value === value);
}

/** Why the text cannot be sent, or undefined when it can. The text is trimmed before counting. */
export function reasonTextProblem(text: string, reason: CloseReason): string | undefined {
  const trimmed = text.trim();
  if (trimmed.length > REASON_TEXT_MAX) {
    const over = trimmed.length - REASON_TEXT_MAX;
    return `${over} character${over === 1 ? '' : 's'} too long: the vault accepts at most ${REASON_TEXT_MAX} (now ${trimmed.length}).`;
  }
  if (reason === 'OTHER' && trimmed === '') return 'A text is required when the reason is Other.';
  return undefined;
}
