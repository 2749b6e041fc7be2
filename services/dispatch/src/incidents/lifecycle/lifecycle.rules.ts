import type { IncidentStatus, Resolution } from '@jingwang/contracts';

/** What `POST /v1/incidents/{id}/transitions` can ask for. */
export const TRANSITION_TARGETS = ['accepted', 'en-route', 'on-scene', 'resolved', 'transferred'] as const;
export type TransitionTarget = (typeof TRANSITION_TARGETS)[number];

/** Every transition out of each status; reassign is its own route but follows the same table. */
const ALLOWED: Readonly<Record<IncidentStatus, readonly (TransitionTarget | 'reassigned')[]>> = {
  triage: ['resolved'],
  assigned: ['accepted', 'resolved', 'transferred', 'reassigned'],
  accepted: ['en-route', 'resolved', 'transferred', 'reassigned'],
  'en-route': ['on-scene', 'resolved', 'transferred', 'reassigned'],
  'on-scene': ['resolved', 'transferred', 'reassigned'],
  resolved: [],
};

export function allowedFrom(status: IncidentStatus): readonly (TransitionTarget | 'reassigned')[] {
  return ALLOWED[status];
}

/** The resolutions each status may close with: on site only once someone is on the scene; from triage only what needs nobody sent. */
export function resolutionsFrom(status: IncidentStatus): readonly Resolution[] {
  if (status === 'on-scene') return ['resolved-on-site', 'referred-to-mediation', 'referred-to-agency', 'unfounded'];
  if (status === 'triage') return ['referred-to-agency', 'unfounded'];
  if (status === 'resolved') return [];
  return ['referred-to-mediation', 'referred-to-agency', 'unfounded'];
}

/** The status a transition leads to. */
export function statusAfter(target: TransitionTarget | 'reassigned'): IncidentStatus {
  return target === 'transferred' || target === 'reassigned' ? 'assigned' : target;
}
