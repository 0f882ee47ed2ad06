/**
 * Some places give plain-text patterns a meaning: `[text](target)` is a link (command: targets
 * included) in a notification or a progress title; `$(name)` is an icon in the status bar and in
 * a quick pick's label, description and detail; an input box's prompt reads both. Vault strings pass through these so they show
 * as text and do nothing. Notifications, progress and status bar messages get the first two from
 * src/ui/inertWindow.ts, their only way to VS Code.
 */

export function inertNotification(message: string): string {
  return message.replace(/\]\(/g, '] (');
}

export function inertStatusBar(text: string): string {
  return escapeIcons(text);
}

/** For an input box's prompt, which shows both links and icons. */
export function inertPrompt(text: string): string {
  return escapeIcons(inertNotification(text));
}

/** For a quick pick item's label, description or detail. */
export function inertQuickPick(text: string): string {
  return escapeIcons(text);
}

// Names as any VS Code version reads them; a backslash before `$(` makes VS Code show the text
// literally, as its own escapeIcons does. A backslash already there stays visible.
const ICON = /\$\((?=[A-Za-z0-9-]+(?:~[A-Za-z0-9-]*)?\))/g;

function escapeIcons(text: string): string {
  return text.replace(ICON, '\\$(');
}
