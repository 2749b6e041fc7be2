// @jingwang/district: the station's area as reference data (communities, police grids, grids,
// people, streets) with point and address lookups. Plain TypeScript, no framework.
export * from './district.types.ts';
export type { District, AddressResolution, ResolvedAddress, UnresolvedAddress } from './district.model.ts';
export { buildDistrict } from './district.model.ts';
export { loadDistrict, parseDistrict, resolveDistrictFile, BUNDLED_DISTRICT_FILE, DISTRICT_FILE_ENV } from './district.loader.ts';
export { validateDistrict, type DistrictProblem, type ProblemCode } from './district.validator.ts';
export { DistrictValidationError } from './district.errors.ts';
export type { UnresolvedReason, AddressMatch } from './address.resolver.ts';
export { normaliseAddressText, parseChineseNumeral } from './address.normaliser.ts';
export { distanceMetres, withinMetres, polygonAreaM2, pointInRings, polygonsOverlap, EARTH_RADIUS_M } from './geometry.util.ts';
