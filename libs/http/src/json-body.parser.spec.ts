import fc from 'fast-check';
import { DomainError } from './domain.error.ts';
import { parseJsonBody } from './json-body.parser.ts';

const parse = (text: string | Buffer, maxDepth = 16) => parseJsonBody(typeof text === 'string' ? Buffer.from(text) : text, maxDepth);
const refusal = (text: string | Buffer, maxDepth = 16): DomainError => {
  try {
    parse(text, maxDepth);
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('accepted');
};
const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

describe('parseJsonBody', () => {
  it('parses what JSON.parse parses, a byte order mark allowed', () => {
    fc.assert(fc.property(fc.json({ depthSize: 'small' }), (text) => expect(parse(text, 1000)).toEqual(JSON.parse(text))));
    expect(parse('\ufeff{"a":1}')).toEqual({ a: 1 });
  });

  it('takes 16 levels and refuses 17, and thousands without overflowing anything', () => {
    expect(parse(nested(16))).toEqual(JSON.parse(nested(16)));
    expect(refusal(nested(17))).toMatchObject({ status: 400, code: 'REQUEST.TOO_DEEP', details: { maxDepth: 16 } });
    expect(refusal(`{"attributes":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`).message).toMatch(/deeper than 16 levels \(at attributes\.a\.a/);
    expect(refusal(nested(100_000)).code).toBe('REQUEST.TOO_DEEP');
  });

  it('refuses a NUL in any string or key, naming its path', () => {
    expect(refusal('{"description":"a\\u0000b"}')).toMatchObject({ code: 'REQUEST.INVALID', details: [{ field: 'description' }] });
    expect(refusal('{"attributes":{"note":"x\\u0000"}}').message).toMatch(/^attributes\.note: must not contain NUL/);
    expect(refusal('{"caller":{"name":"\\u0000"}}').details).toEqual([{ field: 'caller.name', problems: [expect.stringContaining('NUL')] }]);
    expect(refusal('{"items":[{"a":1},{"b":"\\u0000"}]}').message).toMatch(/^items\.1\.b:/);
    expect(refusal('{"attributes":{"k\\u0000":1}}').message).toMatch(/^attributes\."k\\u0000": this key contains a NUL/);
    expect(parse('{"escaped":"\\\\u0000"}')).toEqual({ escaped: '\\u0000' }); // a backslash and "u0000", no NUL
  });

  it('refuses bytes that are not UTF-8 instead of storing U+FFFD', () => {
    const bad = Buffer.concat([Buffer.from('{"description":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    expect(refusal(bad)).toMatchObject({ status: 400, code: 'REQUEST.INVALID_ENCODING' });
    expect(refusal(Buffer.from([0x22, 0xed, 0xa0, 0x80, 0x22])).code).toBe('REQUEST.INVALID_ENCODING'); // an encoded surrogate
  });

  it('refuses a lone surrogate escape, takes a pair', () => {
    expect(refusal('{"d":"\\ud800x"}')).toMatchObject({ code: 'REQUEST.INVALID_ENCODING', details: [{ field: 'd' }] });
    expect(parse('{"d":"\\ud83d\\ude00"}')).toEqual({ d: '😀' });
  });

  it('refuses prototype keys as Fastify did', () => {
    expect(refusal('{"a":{"__proto__":{"x":1}}}').message).toMatch(/^a\.__proto__:/);
    expect(refusal('{"constructor":{"prototype":{}}}').code).toBe('REQUEST.INVALID');
    expect(parse('{"constructor":"a name"}')).toEqual({ constructor: 'a name' });
  });

  it('answers bad JSON and an empty body with their codes, without quoting the body', () => {
    const err = refusal('{"password": "hunter2" x}');
    expect(err.code).toBe('REQUEST.INVALID_JSON');
    expect(err.message).toContain('JSON');
    expect(err.message).not.toContain('hunter2');
    expect(refusal('').code).toBe('REQUEST.EMPTY_BODY');
  });
});
