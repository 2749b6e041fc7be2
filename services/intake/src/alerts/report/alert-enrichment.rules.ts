import { classify, isAlertTypeCode, type Classification } from '@jingwang/alert-catalog';
import type { District } from '@jingwang/district';
import type { AlertInput } from '../alert.types.ts';
import { IntakeErrors } from '../../intake.errors.ts';

export interface Located {
  gridCode: string | null;
  policeGridCode: string | null;
  communityCode: string | null;
  /** Normalised street + number, for "same building" matching; null if the address did not resolve. */
  buildingKey: string | null;
  resolvedBy: 'grid-code' | 'coordinates' | 'address' | 'unresolved';
}

/** gridCode if given, else the coordinates' polygon, else the address; never drops the alert. */
export function locate(district: District, location: AlertInput['location']): Located {
  const address = location.address ? district.resolveAddress(location.address) : null;
  const buildingKey = address?.resolved ? address.buildingKey : null;
  if (location.gridCode) {
    const at = district.locationOfGrid(location.gridCode);
    if (!at) throw IntakeErrors.unknownGrid(location.gridCode);
    return { gridCode: at.grid.code, policeGridCode: at.policeGrid.code, communityCode: at.community.code, buildingKey, resolvedBy: 'grid-code' };
  }
  if (location.lat !== undefined && location.lng !== undefined) {
    const at = district.locate(location.lat, location.lng);
    if (at) return { gridCode: at.grid.code, policeGridCode: at.policeGrid.code, communityCode: at.community.code, buildingKey, resolvedBy: 'coordinates' };
  }
  if (address?.resolved) {
    return { gridCode: address.grid.code, policeGridCode: address.policeGrid.code, communityCode: address.community.code, buildingKey, resolvedBy: 'address' };
  }
  return { gridCode: null, policeGridCode: null, communityCode: null, buildingKey, resolvedBy: 'unresolved' };
}

export interface Typed {
  typeCode: string | null;
  typeConfidence: number;
  lowConfidence: boolean;
}

/** What types a description: the service's learning classifier, or the catalogue's as shipped. */
export interface DescriptionClassifier {
  classify(text: string): Classification;
}

const shipped: DescriptionClassifier = { classify: (text) => classify(text) };

/** The caller's typeCode if given (must be one of the 63); else the classifier's best guess. */
export function typeOf(input: Pick<AlertInput, 'typeCode' | 'description'>, classifier: DescriptionClassifier = shipped): Typed {
  if (input.typeCode !== undefined) {
    if (!isAlertTypeCode(input.typeCode)) {
      throw IntakeErrors.unknownType(input.typeCode);
    }
    return { typeCode: input.typeCode, typeConfidence: 1, lowConfidence: false };
  }
  const result = classifier.classify(input.description);
  const best = result.ranked[0];
  // Below the threshold the call-taker decides: no type is guessed, so nothing is linked by it.
  return { typeCode: result.needsTriage || !best ? null : best.code, typeConfidence: best ? round(best.confidence) : 0, lowConfidence: result.needsTriage };
}

/** The clock of the reporting system may run a little ahead; more than that is a mistake. */
export function checkReportedAt(reportedAt: string, now: Date, skewMinutes: number): void {
  const t = Date.parse(reportedAt);
  if (Number.isNaN(t)) throw IntakeErrors.reportedAtInvalid();
  if (t > now.getTime() + skewMinutes * 60_000) {
    throw IntakeErrors.reportedInFuture(reportedAt, skewMinutes);
  }
}

const round = (x: number) => Math.round(x * 1000) / 1000;
