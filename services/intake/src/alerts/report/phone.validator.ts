import { registerDecorator, type ValidationOptions } from 'class-validator';

/** Chinese mobile (13x–19x), Chinese landline with area code (0532-8888 8888), or E.164. */
const MOBILE = /^(?:\+?86)?1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}$/;
const E164 = /^\+[1-9]\d{6,14}$/;

export function normalisePhone(raw: string): string {
  return raw.replace(/[\s()（）]/g, '').replace(/^＋/, '+');
}

export function isValidPhone(raw: unknown): boolean {
  if (typeof raw !== 'string') return false;
  const p = normalisePhone(raw);
  return MOBILE.test(p) || LANDLINE.test(p) || E164.test(p);
}

export function IsPhone(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isPhone',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: '$property must be a Chinese mobile (13800138000), a landline with area code (0532-82861234) or an E.164 number (+8613800138000)', ...options },
      validator: { validate: isValidPhone },
    });
}
