import { describe, expect, it } from '@jest/globals';
import { HEADERS } from '@media-monitor/contracts';
import {
  MAX_HEADER_VALUE_LENGTH,
  ORIGINAL_MSG_ID_HEADER,
  buildDeadLetterHeaders,
  buildEventHeaders,
  deadLetterMsgId,
  headerValue,
  headersToRecord,
  recordToHeaders,
} from './message-headers.js';

describe('buildEventHeaders', () => {
  it('sets correlation id, event type and producer over caller headers', () => {
    const headers = buildEventHeaders({
      correlationId: 'c-1',
      eventType: 'article.ingested.v1',
      producer: 'ingest',
      extra: { 'x-tenant': 'a', [HEADERS.producer]: 'spoofed' },
    });
    expect(headers).toEqual({
      'x-tenant': 'a',
      [HEADERS.correlationId]: 'c-1',
      [HEADERS.eventType]: 'article.ingested.v1',
      [HEADERS.producer]: 'ingest',
    });
  });
});

describe('buildDeadLetterHeaders', () => {
  const at = new Date('2030-01-02T03:04:05.000Z');

  it('keeps the original headers, drops JetStream control headers and adds the dead-letter ones', () => {
    const headers = buildDeadLetterHeaders({
      original: {
        [HEADERS.correlationId]: 'c-9',
        'x-custom': 'keep',
        [HEADERS.msgId]: 'm-1',
        'Nats-Expected-Stream': 'X',
      },
      reason: 'bad\r\npayload',
      code: 'messaging.invalid_payload',
      subject: 'article.ingested.v1',
      stream: 'ARTICLES',
      consumer: 'entity-articles',
      sequence: 42,
      deliveryCount: 3,
      deadLetteredAt: at,
    });
    expect(headers).toEqual({
      [HEADERS.correlationId]: 'c-9',
      'x-custom': 'keep',
      [ORIGINAL_MSG_ID_HEADER]: 'm-1',
      [HEADERS.deadLetterReason]: 'bad payload',
      [HEADERS.deadLetterCode]: 'messaging.invalid_payload',
      [HEADERS.originalSubject]: 'article.ingested.v1',
      [HEADERS.originalStream]: 'ARTICLES',
      [HEADERS.originalSequence]: '42',
      [HEADERS.originalConsumer]: 'entity-articles',
      [HEADERS.deliveryCount]: '3',
      [HEADERS.deadLetteredAt]: '2030-01-02T03:04:05.000Z',
    });
  });

  it('lets the dead-letter headers win over same-named original headers', () => {
    const headers = buildDeadLetterHeaders({
      original: { [HEADERS.deadLetterCode]: 'old' },
      reason: 'r',
      code: 'new',
      subject: 's',
      stream: 'S',
      consumer: 'c',
      sequence: 1,
      deliveryCount: 1,
      deadLetteredAt: at,
    });
    expect(headers[HEADERS.deadLetterCode]).toBe('new');
  });

  it('derives one msg id per stream message', () => {
    expect(deadLetterMsgId('NS_ARTICLES', 7, 'entity-articles')).toBe('NS_ARTICLES:7:entity-articles');
    expect(deadLetterMsgId('NS_ARTICLES', 7, 'entity-articles')).not.toBe(
      deadLetterMsgId('NS_ARTICLES', 7, 'sentiment-articles'),
    );
  });
});

describe('header values', () => {
  it('are single-line and bounded', () => {
    expect(headerValue(' a\nb\r\nc ')).toBe('a b c');
    const long = headerValue('x'.repeat(5_000));
    expect(long).toHaveLength(MAX_HEADER_VALUE_LENGTH);
    expect(long.endsWith('…')).toBe(true);
  });

  it('round-trip between records and NATS headers', () => {
    const record = { 'x-correlation-id': 'c', 'x-other': 'v' };
    expect(headersToRecord(recordToHeaders(record))).toEqual(record);
    expect(headersToRecord(undefined)).toEqual({});
  });
});
