import assert from 'node:assert/strict';
import { parseVaultAddress } from '../../src/api/baseUrl';

describe('parseVaultAddress', () => {
  for (const input of ['https://pvwa.corp', 'https://pvwa.corp/', 'https://pvwa.corp/PasswordVault', 'https://pvwa.corp/PasswordVault/', '  pvwa.corp  ']) {
    it(`reads "${input}" as the same vault`, () => {
      const address = parseVaultAddress(input);
      assert.equal(address.appUrl, 'https://pvwa.corp/PasswordVault');
      assert.equal(address.hostname, 'pvwa.corp');
      assert.equal(address.isHttps, true);
    });
  }

  it('keeps a renamed application path and a port', () => {
    assert.equal(parseVaultAddress('https://pvwa.corp:8443/PVWA/').appUrl, 'https://pvwa.corp:8443/PVWA');
  });

  it('strips a page pasted from the browser', () => {
    assert.equal(parseVaultAddress('https://pvwa.corp/PasswordVault/v10/logon/cyberark').appUrl, 'https://pvwa.corp/PasswordVault');
    assert.equal(parseVaultAddress('https://pvwa.corp/PasswordVault/API/pta/API/Events/').appUrl, 'https://pvwa.corp/PasswordVault');
  });

  it('marks loopback and plain HTTP', () => {
    const address = parseVaultAddress('http://127.0.0.1:4000');
    assert.equal(address.isHttps, false);
    assert.equal(address.isLoopback, true);
    assert.equal(parseVaultAddress('http://pvwa.corp').isLoopback, false);
  });

  it('refuses what is not a vault address, saying why', () => {
    assert.throws(() => parseVaultAddress(''), /Enter the PVWA address/);
    assert.throws(() => parseVaultAddress('ftp://pvwa.corp'), /must start with https/);
    assert.throws(() => parseVaultAddress('https://user:pw@pvwa.corp'), /Leave the user name and password out/);
    assert.throws(() => parseVaultAddress('https://'), /not a web address/);
  });
});
