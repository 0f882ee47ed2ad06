import { VaultAddress } from '../api/baseUrl';
import { Settings } from '../config';

/** Warnings that stay in the view for as long as the connection is weakened on purpose. */
export function connectionWarnings(address: VaultAddress | undefined, settings: Pick<Settings, 'tls'>): string[] {
  if (!address) return [];
  const warnings: string[] = [];
  if (!address.isHttps && !address.isLoopback) {
    warnings.push(`⚠ Plain HTTP: your password and session to ${address.hostname} cross the network unencrypted.`);
  }
  if (address.isHttps && settings.tls.allowInsecure) {
    warnings.push('⚠ Certificate checks are off (cyberarkPta.tls.allowInsecure): the vault is not verified.');
  }
  return warnings;
}
