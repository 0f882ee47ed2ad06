import assert from 'node:assert/strict';
import { errorFromResponse, errorFromTransport, parseCyberArkError } from '../../src/api/errors';

describe('errors', () => {
  it('turns a CyberArk body into status, code and message', () => {
    const error = errorFromResponse('pvwa.corp', 403, '{"ErrorCode":"PASWS013E","ErrorMessage":"Authentication failure for User [x].","Details":[]}');
    assert.equal(error.message, 'HTTP 403, PASWS013E: Authentication failure for User [x].');
    assert.equal(error.kind, 'auth');
    assert.equal(error.code, 'PASWS013E');
  });

  it('reads PASWS006E as an expired session whatever the status', () => {
    assert.equal(errorFromResponse('h', 500, '{"ErrorCode":"PASWS006E","ErrorMessage":"Session expired"}').kind, 'sessionExpired');
    assert.equal(errorFromResponse('h', 401, '').kind, 'sessionExpired');
  });

  it('keeps the status when the body has only a code or only a message', () => {
    assert.equal(errorFromResponse('h', 400, '{"ErrorCode":"PASWS167E"}').message, 'HTTP 400, PASWS167E.');
    assert.equal(errorFromResponse('h', 500, '{"ErrorMessage":"Object reference not set"}').message, 'HTTP 500: Object reference not set.');
  });

  it('never shows HTML: a plain sentence naming the host and the HTTP status instead', () => {
    const error = errorFromResponse('pvwa.corp', 502, '<html><body><h1>502 - Web server received an invalid response</h1></body></html>');
    assert.equal(error.message, 'pvwa.corp answered HTTP 502 Bad Gateway: a load balancer or proxy could not reach the PVWA (an HTML error page, not a PVWA answer).');
    assert.doesNotMatch(errorFromResponse('h', 404, '<html>x</html>').message, /</);
    assert.equal(errorFromResponse('h', 418, '').message, 'h answered HTTP 418.');
  });

  it('names the status of every failure it explains', () => {
    assert.equal(errorFromResponse('h', 500, '<html>x</html>').message, 'h answered HTTP 500: an internal error (an HTML error page, not a PVWA answer).');
    assert.equal(errorFromResponse('h', 503, '').message, 'h answered HTTP 503: the PVWA service may be stopped or overloaded.');
    for (const status of [400, 401, 403, 404, 500, 502, 503, 504]) {
      assert.match(errorFromResponse('h', status, '').message, new RegExp(`^h answered HTTP ${status}\\b`));
    }
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
