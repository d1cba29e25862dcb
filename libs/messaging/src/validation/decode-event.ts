import type { EventContract } from '@media-monitor/contracts';
import { summarizeIssues } from './summarize-issues.js';

export type DecodeResult =
  | { ok: true; event: unknown }
  | {
      ok: false;
      code: 'messaging.no_contract' | 'messaging.invalid_json' | 'messaging.invalid_payload';
      reason: string;
    };

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Decodes a JSON message body and validates it with the contract of its (un-namespaced) subject. */
export function decodeEvent(subject: string, data: Uint8Array, contract: EventContract | undefined): DecodeResult {
  if (!contract)
    return { ok: false, code: 'messaging.no_contract', reason: `no contract/handler for subject ${subject}` };
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(data));
  } catch (error) {
    return { ok: false, code: 'messaging.invalid_json', reason: `body is not valid JSON: ${(error as Error).message}` };
  }
  const parsed = contract.schema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      code: 'messaging.invalid_payload',
      reason: `invalid ${subject} payload: ${summarizeIssues(parsed.error.issues)}`,
    };
  }
  return { ok: true, event: parsed.data };
}
