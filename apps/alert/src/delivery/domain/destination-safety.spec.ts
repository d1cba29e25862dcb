import { describe, expect, it } from '@jest/globals';
import { isPublicAddress, mayConnectTo } from './address-policy.js';
import { assertSafeDestinationUrl, maskUrl } from './destination-url.js';

const strict = { allowInsecureLoopback: false };
const lenient = { allowInsecureLoopback: true };
const SLACK = 'https://hooks.slack.com/services/T000/B000/XXXX';

describe('isPublicAddress', () => {
  it.each([
    ['10.1.2.3', false],
    ['172.16.0.1', false],
    ['192.168.1.1', false],
    ['127.0.0.1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['0.0.0.0', false],
    ['::1', false],
    ['fe80::1', false],
    ['fd00::1', false],
    ['::ffff:10.0.0.1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:a00:1', false],
    ['64:ff9b::a00:1', false],
    ['not-an-ip', false],
    ['8.8.8.8', true],
    ['2606:4700:4700::1111', true],
  ])('%s -> %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });

  it('lets loopback through only when insecure test destinations are allowed', () => {
    expect(mayConnectTo('127.0.0.1', false)).toBe(false);
    expect(mayConnectTo('127.0.0.1', true)).toBe(true);
    expect(mayConnectTo('::ffff:127.0.0.1', true)).toBe(true);
    expect(mayConnectTo('10.0.0.1', true)).toBe(false);
  });
});

describe('assertSafeDestinationUrl', () => {
  it('accepts Slack incoming webhooks on hooks.slack.com over https only', () => {
    expect(assertSafeDestinationUrl('slack', SLACK, strict).hostname).toBe('hooks.slack.com');
    for (const url of [
      'http://hooks.slack.com/services/T/B/X',
      'https://hooks.slack.com.evil.example/services/T/B/X',
      'https://evil.example/services/T/B/X',
      'https://hooks.slack.com:8443/services/T/B/X',
      'https://hooks.slack.com/api/chat.postMessage',
      'https://user:pw@hooks.slack.com/services/T/B/X',
    ]) {
      expect(() => assertSafeDestinationUrl('slack', url, strict)).toThrow(
        /alert\.destination|https|Slack|credentials/,
      );
    }
  });

  it('accepts https webhooks and refuses http, private IP literals and garbage', () => {
    expect(() => assertSafeDestinationUrl('webhook', 'https://hooks.example.com/in', strict)).not.toThrow();
    expect(() => assertSafeDestinationUrl('webhook', 'http://hooks.example.com/in', strict)).toThrow(
      expect.objectContaining({ code: 'alert.destination.insecure_url' }),
    );
    for (const url of ['https://10.0.0.5/in', 'https://[::1]/in', 'https://169.254.169.254/latest']) {
      expect(() => assertSafeDestinationUrl('webhook', url, strict)).toThrow(
        expect.objectContaining({ code: 'alert.destination.private_address' }),
      );
    }
    expect(() => assertSafeDestinationUrl('webhook', 'not a url', strict)).toThrow(
      expect.objectContaining({ code: 'alert.destination.invalid_url' }),
    );
  });

  it('allows http://127.0.0.1 for either type only behind the insecure flag', () => {
    expect(() => assertSafeDestinationUrl('slack', 'http://127.0.0.1:9000/services/x', strict)).toThrow();
    expect(() => assertSafeDestinationUrl('slack', 'http://127.0.0.1:9000/services/x', lenient)).not.toThrow();
    expect(() => assertSafeDestinationUrl('webhook', 'http://localhost:9000/in', lenient)).not.toThrow();
    expect(() => assertSafeDestinationUrl('webhook', 'http://10.0.0.1/in', lenient)).toThrow();
  });

  it('masks URLs, which are credentials', () => {
    expect(maskUrl(SLACK)).toBe('https://hooks.slack.com/…XXXX');
  });
});
