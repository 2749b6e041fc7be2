/** The district (`@jingwang/district`): grids, police grids and communities, for triage's places. */
export const DISTRICT = Symbol('DISTRICT');
