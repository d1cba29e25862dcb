import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { defineEvent } from '@media-monitor/contracts';
import { decodeEvent } from './decode-event.js';

const Contract = defineEvent('test.thing-done.v1', z.strictObject({ id: z.string(), n: z.number().int().default(1) }));
const bytes = (text: string) => new TextEncoder().encode(text);

describe('decodeEvent', () => {
  it('returns the parsed payload (schema defaults applied)', () => {
    expect(decodeEvent(Contract.subject, bytes('{"id":"a"}'), Contract)).toEqual({
      ok: true,
      event: { id: 'a', n: 1 },
    });
  });

  it('reports bad JSON, schema violations and a missing contract with stable codes', () => {
    expect(decodeEvent(Contract.subject, bytes('{nope'), Contract)).toMatchObject({
      ok: false,
      code: 'messaging.invalid_json',
    });
    const invalid = decodeEvent(Contract.subject, bytes('{"id":1,"extra":true}'), Contract);
    expect(invalid).toMatchObject({ ok: false, code: 'messaging.invalid_payload' });
    expect(invalid.ok ? '' : invalid.reason).toContain('id:');
    expect(decodeEvent('x.y.v1', bytes('{}'), undefined)).toMatchObject({ ok: false, code: 'messaging.no_contract' });
  });

  it('rejects bytes that are not UTF-8', () => {
    expect(decodeEvent(Contract.subject, Uint8Array.of(0xff, 0xfe), Contract)).toMatchObject({
      code: 'messaging.invalid_json',
    });
  });
});
