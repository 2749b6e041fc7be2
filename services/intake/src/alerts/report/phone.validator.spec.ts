import { isValidPhone } from './phone.validator.ts';

describe('phones', () => {
  it.each(['13800138000', '+8613800138000', '0532-82861234', '053282861234', '+14155550123', '138 0013 8000'])('accepts %s', (p) => expect(isValidPhone(p)).toBe(true));
  it.each(['12345', '12800138000', '+0123', 'abc', '0532-123'])('rejects %s', (p) => expect(isValidPhone(p)).toBe(false));
});
