import { INCIDENT_STATUSES, RESOLUTIONS } from '@jingwang/contracts';
import { allowedFrom, resolutionsFrom, statusAfter, TRANSITION_TARGETS } from './lifecycle.rules.ts';

describe('the incident lifecycle', () => {
  const matrix: Record<string, string[]> = {
    triage: ['resolved'],
    assigned: ['accepted', 'resolved', 'transferred', 'reassigned'],
    accepted: ['en-route', 'resolved', 'transferred', 'reassigned'],
    'en-route': ['on-scene', 'resolved', 'transferred', 'reassigned'],
    'on-scene': ['resolved', 'transferred', 'reassigned'],
    resolved: [],
  };

  it.each(INCIDENT_STATUSES.flatMap((from) => [...TRANSITION_TARGETS, 'reassigned' as const].map((to) => [from, to] as const)))('%s -> %s is allowed only as the matrix says', (from, to) => {
    expect(allowedFrom(from).includes(to)).toBe(matrix[from].includes(to));
  });

  it('resolved on site only from the scene; from triage only what needs nobody sent; nothing once resolved', () => {
    expect(resolutionsFrom('on-scene')).toEqual([...RESOLUTIONS]);
    for (const s of ['assigned', 'accepted', 'en-route'] as const) expect(resolutionsFrom(s)).not.toContain('resolved-on-site');
    expect(resolutionsFrom('triage')).toEqual(['referred-to-agency', 'unfounded']);
    expect(resolutionsFrom('resolved')).toEqual([]);
  });

  it('transfer and reassign lead back to assigned', () => {
    expect(statusAfter('transferred')).toBe('assigned');
    expect(statusAfter('reassigned')).toBe('assigned');
    expect(statusAfter('on-scene')).toBe('on-scene');
  });
});
