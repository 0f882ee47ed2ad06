/**
 * Notifications and the status bar give some plain-text patterns a meaning: `[text](target)` is
 * a link (command: targets included) in a notification, `$(name)` an icon in the status bar.
 * Vault strings pass through these so they show as text and do nothing.
 */

export function inertNotification(message: string): string {
  return message.replace(/\]\(/g, '] (');
}

export function inertStatusBar(message: string): string {
  return message.replace(/\$\(/g, '$ (');
}
