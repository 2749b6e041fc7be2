import { checkReportedAt } from './alert-enrichment.rules.ts';

describe('reportedAt', () => {
  const now = new Date('2026-11-28T10:00:00Z');
  it('allows clock skew up to the limit and refuses beyond', () => {
    expect(() => checkReportedAt('2026-11-28T10:04:00Z', now, 5)).not.toThrow();
    expect(() => checkReportedAt('2026-11-28T10:06:00Z', now, 5)).toThrow('more than 5 minutes in the future');
  });
});
