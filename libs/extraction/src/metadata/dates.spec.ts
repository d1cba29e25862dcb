import { describe, expect, it } from '@jest/globals';
import { parseMachineDate, parseUrlDate, parseVisibleDate } from './dates.js';

describe('parseMachineDate', () => {
  it.each([
    ['2026-11-25T14:30:00Z', '2026-11-25T14:30:00Z'],
    ['2026-11-25T14:30:00+03:00', '2026-11-25T11:30:00Z'],
    ['2026-11-25T14:30:00.123-0500', '2026-11-25T19:30:00Z'],
    ['2026-11-25 14:30', '2026-11-25T14:30:00Z'],
    ['2026-11-25', '2026-11-25T00:00:00Z'],
    ['20261125', '2026-11-25T00:00:00Z'],
    ['Wed, 25 Nov 2026 14:30:00 GMT', '2026-11-25T14:30:00Z'],
  ])('reads %s', (input, expected) => {
    expect(parseMachineDate(input)).toBe(expected);
  });

  it.each(['', 'yesterday', '2026-02-30', '2026-13-01', '0001-01-01T00:00:00Z'])('refuses %p', (input) => {
    expect(parseMachineDate(input)).toBeUndefined();
  });
});

describe('parseVisibleDate', () => {
  it.each([
    ['25 ноября 2026', '2026-11-25T00:00:00Z'],
    ['Опубликовано 3 марта 2026 г., 09:05', '2026-03-03T09:05:00Z'],
    ['обновлено: 1 янв. 2026 в 23:59', '2026-01-01T23:59:00Z'],
    ['Nov 25, 2026', '2026-11-25T00:00:00Z'],
    ['Updated November 5th, 2026 3:45 PM', '2026-11-05T15:45:00Z'],
    ['Posted at 12:10 am on Dec. 1, 2026', '2026-12-01T00:00:00Z'],
    ['25 November 2026, 7:05 a.m.', '2026-11-25T07:05:00Z'],
    ['25.11.2026 14:30', '2026-11-25T14:30:00Z'],
  ])('reads %s', (input, expected) => {
    expect(parseVisibleDate(input)).toBe(expected);
  });

  it('takes the first of several dates', () => {
    expect(parseVisibleDate('Published 24 ноября 2026, updated Nov 25, 2026')).toBe('2026-11-24T00:00:00Z');
  });

  it('finds nothing in text without a date', () => {
    expect(parseVisibleDate('Price 25 000 rubles, 3 rooms, May be negotiable')).toBeUndefined();
  });
});

describe('parseUrlDate', () => {
  it.each([
    ['https://x.example/news/2026/11/25/ferry-returns/', '2026-11-25T00:00:00Z'],
    ['https://x.example/2026-11-25-ferry-returns.html', '2026-11-25T00:00:00Z'],
    ['https://x.example/news/20261125/ferry', '2026-11-25T00:00:00Z'],
  ])('reads %s', (url, expected) => {
    expect(parseUrlDate(url)).toBe(expected);
  });

  it('ignores ids and malformed URLs', () => {
    expect(parseUrlDate('https://x.example/article/12345678901/ferry')).toBeUndefined();
    expect(parseUrlDate('not a url')).toBeUndefined();
  });
});
