import { describe, expect, it } from '@jest/globals';
import { InvalidMessageError, PermanentError, errorCode, errorMessage, isPermanentError } from './messaging.errors.js';

describe('messaging errors', () => {
  it('recognises permanent errors by class or by marker', () => {
    expect(isPermanentError(new PermanentError('a.b', 'x'))).toBe(true);
    expect(isPermanentError(new InvalidMessageError('messaging.invalid_payload', 'x'))).toBe(true);
    expect(isPermanentError({ permanent: true, code: 'a.b' })).toBe(true);
    expect(isPermanentError(new Error('x'))).toBe(false);
    expect(isPermanentError({ status: 'error', message: 'Internal server error' })).toBe(false);
  });

  it('names errors after their class and keeps the code', () => {
    const error = new InvalidMessageError('messaging.invalid_payload', 'bad', ['issue']);
    expect(error.name).toBe('InvalidMessageError');
    expect(error.code).toBe('messaging.invalid_payload');
    expect(error.issues).toEqual(['issue']);
  });

  it('describes any thrown value', () => {
    expect(errorMessage(new Error('m'))).toBe('m');
    expect(errorMessage({ status: 'error', message: 'Internal server error' })).toBe('Internal server error');
    expect(errorMessage('s')).toBe('s');
    expect(errorMessage({ a: 1 })).toBe('{"a":1}');
    expect(errorCode({ code: 'x.y' }, 'f')).toBe('x.y');
    expect(errorCode({ code: 42 }, 'f')).toBe('f');
  });
});
