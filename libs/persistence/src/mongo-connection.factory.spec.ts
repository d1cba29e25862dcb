import { describe, expect, it } from '@jest/globals';
import { redactMongoUri } from './mongo-connection.factory.js';

describe('redactMongoUri', () => {
  it('hides the password and keeps the rest', () => {
    expect(redactMongoUri('mongodb://user:s3cret@db:27017/app')).toBe('mongodb://user:***@db:27017/app');
    expect(redactMongoUri('mongodb+srv://u:p@cluster.example.net/')).toBe('mongodb+srv://u:***@cluster.example.net/');
    expect(redactMongoUri('mongodb://127.0.0.1:27017/')).toBe('mongodb://127.0.0.1:27017/');
  });
});
