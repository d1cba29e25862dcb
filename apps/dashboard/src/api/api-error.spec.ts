import { describe, expect, it } from '@jest/globals';
import { errorFromResponse } from './api-error.js';

describe('errorFromResponse', () => {
  it("reads the gateway's error object with its code and further fields", () => {
    const error = errorFromResponse(400, {
      error: { code: 'topic.invalid_query', message: "expected ')' at 7", position: 7 },
    });
    expect(error).toMatchObject({ status: 400, code: 'topic.invalid_query', message: "expected ')' at 7" });
    expect(error.details).toEqual({ position: 7 });
    expect(error.routeMissing).toBe(false);
  });

  it('tells a route the server does not have from a thing that does not exist', () => {
    const missingRoute = errorFromResponse(404, {
      message: 'Cannot GET /v1/topics',
      error: 'Not Found',
      statusCode: 404,
    });
    expect(missingRoute).toMatchObject({ code: 'http.404', message: 'Cannot GET /v1/topics', routeMissing: true });
    const missingThing = errorFromResponse(404, {
      error: { code: 'alert.rule.not_found', message: 'no alert rule "x"' },
    });
    expect(missingThing.routeMissing).toBe(false);
  });

  it('copes with bodies that are not JSON objects', () => {
    expect(errorFromResponse(502, null)).toMatchObject({ code: 'http.502', message: 'HTTP 502' });
    expect(errorFromResponse(500, 'oops')).toMatchObject({ code: 'http.500' });
  });
});
