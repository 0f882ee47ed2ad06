import assert from 'node:assert/strict';
import { errorFromResponse, errorFromTransport, parseCyberArkError } from '../../src/api/errors';

describe('errors', () => {
  it('turns a CyberArk body into code and message', () => {
    const error = errorFromResponse('pvwa.corp', 403, '{"ErrorCode":"PASWS013E","ErrorMessage":"Authentication failure for User [x].","Details":[]}');
    assert.equal(error.message, 'PASWS013E: Authentication failure for User [x].');
    assert.equal(error.kind, 'auth');
    assert.equal(error.code, 'PASWS013E');
  });

  it('reads PASWS006E as an expired session whatever the status', () => {
    assert.equal(errorFromResponse('h', 500, '{"ErrorCode":"PASWS006E","ErrorMessage":"Session expired"}').kind, 'sessionExpired');
    assert.equal(errorFromResponse('h', 401, '').kind, 'sessionExpired');
  });

  it('never shows HTML: a plain sentence naming the host instead', () => {
    const error = errorFromResponse('pvwa.corp', 502, '<html><body><h1>502 - Web server received an invalid response</h1></body></html>');
    assert.equal(error.message, 'pvwa.corp answered 502 Bad Gateway: a load balancer or proxy could not reach the PVWA (an HTML error page, not a PVWA answer).');
    assert.doesNotMatch(errorFromResponse('h', 404, '<html>x</html>').message, /</);
    assert.equal(errorFromResponse('h', 418, '').message, 'h answered HTTP 418.');
  });

  it('ignores bodies that are not CyberArk errors', () => {
    assert.equal(parseCyberArkError('[]'), undefined);
    assert.equal(parseCyberArkError('"token"'), undefined);
    assert.equal(parseCyberArkError('{"ErrorCode":""}'), undefined);
    assert.equal(parseCyberArkError('{truncated'), undefined);
  });

  it('explains transport failures in words', () => {
    assert.match(errorFromTransport('pvwa.corp', { code: 'ENOTFOUND' }, 30).message, /could not be found \(DNS\)/);
    assert.match(errorFromTransport('pvwa.corp', { code: 'ECONNREFUSED' }, 30).message, /refused the connection/);
    assert.match(errorFromTransport('pvwa.corp', { name: 'AbortError' }, 30).message, /did not answer within 30 seconds/);
    assert.match(errorFromTransport('pvwa.corp', { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, 30).message, /self-signed certificate.*cyberarkPta\.tls\.caFile/);
    assert.match(errorFromTransport('pvwa.corp', { code: 'CERT_HAS_EXPIRED' }, 30).message, /expired certificate/);
    assert.match(errorFromTransport('pvwa.corp', { code: 'ERR_TLS_CERT_ALTNAME_INVALID' }, 30).message, /different host name/);
  });
});
