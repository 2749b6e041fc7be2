import fc from 'fast-check';
import fastQuerystring from 'fast-querystring';
import { DomainError } from './domain.error.ts';
import { parseUrlencoded } from './urlencoded.parser.ts';

const refusal = (input: string, source: 'form' | 'query' = 'form'): DomainError => {
  try {
    parseUrlencoded(input, source);
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error(`${JSON.stringify(input)} was accepted`);
};

describe('parseUrlencoded', () => {
  it('keeps the semantics of fast-querystring: flat bracket keys, + as a space, repeats as arrays, bare keys', () => {
    const input = 'attribute[external_id]=12345-2026-000123&description=a+b%2Bc&tag=1&tag=2&tag=3&flag&=e&f=1=2&&%E5%90%B5=%E9%97%B9';
    expect({ ...parseUrlencoded(input, 'form') }).toEqual({ ...fastQuerystring.parse(input) });
    expect({ ...parseUrlencoded(input, 'form') }).toEqual({ 'attribute[external_id]': '12345-2026-000123', description: 'a b+c', tag: ['1', '2', '3'], flag: '', '': 'e', f: '1=2', 吵: '闹' });
  });

  it('agrees with fast-querystring on every well-encoded input', () => {
    const field = fc.string({ unit: 'grapheme', maxLength: 8 }).filter((s) => !s.includes('\0') && s !== '__proto__');
    const encoded = fc.tuple(field, fc.constantFrom('%20', '+', ''), fc.boolean()).map(([s, space, escape]) => (escape ? encodeURIComponent(s) : s.replace(/[%&=+#]|[^ -~]/gu, (c) => encodeURIComponent(c))).replace(/%20/g, space || '%20'));
    const pairs = fc.array(fc.tuple(encoded, fc.option(encoded, { nil: undefined })), { maxLength: 6 });
    fc.assert(
      fc.property(pairs, (ps) => {
        const input = ps.map(([k, v]) => (v === undefined ? k : `${k}=${v}`)).join('&');
        expect({ ...parseUrlencoded(input, 'form') }).toEqual({ ...fastQuerystring.parse(input) });
      }),
    );
  });

  it.each([
    ['description=%ZZ', 'description'],
    ['description=%C3%28', 'description'],
    ['description=%E0%A4%A', 'description'],
    ['note=50%', 'note'],
    ['a=1&%ZZ=2', 'a field name'],
  ])('refuses the malformed percent-encoding in %s, naming %s', (input, field) => {
    const err = refusal(input);
    expect([err.status, err.code]).toEqual([400, 'REQUEST.INVALID_ENCODING']);
    expect(err.message.startsWith(`${field}:`)).toBe(true);
    expect(err.message).not.toContain('%ZZ');
  });

  it('refuses a NUL in a value or a name, naming the field', () => {
    expect(refusal('description=a%00b')).toMatchObject({ code: 'REQUEST.INVALID', details: [{ field: 'description', problems: [expect.stringContaining('NUL')] }] });
    expect(refusal('ok=1&x%00y=2').message).toContain('"x\\u0000y"');
    expect(refusal('status=open%00', 'query').message).toMatch(/^status: .*in the query string/);
  });

  it('refuses raw non-ASCII in a query string (Node hands it on as Latin-1), but takes it in a form body', () => {
    expect(refusal('q=caf\u00c3\u00a9', 'query').code).toBe('REQUEST.INVALID_ENCODING');
    expect(parseUrlencoded('q=café', 'form').q).toBe('café');
  });

  it('refuses __proto__ as a name, and gives objects without a prototype', () => {
    expect(refusal('__proto__=1').code).toBe('REQUEST.INVALID');
    expect(Object.getPrototypeOf(parseUrlencoded('a=1', 'form'))).not.toBe(Object.prototype);
  });
});
