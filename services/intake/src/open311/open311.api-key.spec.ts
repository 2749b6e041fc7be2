import { DomainError } from '@jingwang/http';
import { ChannelKeys } from '../channels/channel-keys.service.ts';
import { checkApiKey } from './open311.api-key.ts';

const keys = new ChannelKeys({ '12345': 'key-12345-test', '110': 'key-110-test' });

function refusal(body: Record<string, unknown>): { code: string; status: number; message: string } {
  try {
    checkApiKey(keys, body);
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    const { code, status, message } = err as DomainError;
    return { code, status, message };
  }
  throw new Error('accepted');
}

describe('checkApiKey', () => {
  it('takes the 12345 key', () => {
    expect(() => checkApiKey(keys, { api_key: ' key-12345-test ' })).not.toThrow();
  });

  it('answers a missing key with 401 and a wrong one with 403, naming api_key, never X-Channel-Key', () => {
    for (const body of [{}, { api_key: '' }, { api_key: '  ' }]) expect(refusal(body)).toMatchObject({ code: 'AUTH.MISSING_API_KEY', status: 401, message: expect.stringMatching(/^api_key: missing/) });
    for (const body of [{ api_key: 'key-110-test' }, { api_key: 'guess' }, { api_key: ['key-12345-test', 'key-12345-test'] }, { api_key: 12345 }]) {
      const r = refusal(body);
      expect(r).toMatchObject({ code: 'AUTH.INVALID_API_KEY', status: 403 });
      expect(r.message).toContain('api_key');
      expect(r.message).not.toContain('X-Channel-Key');
    }
  });
});
