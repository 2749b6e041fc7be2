import { Global, Logger, Module } from '@nestjs/common';
import type { District } from '@jingwang/district';
import { DISPATCH_CONFIG, type DispatchConfig } from '../dispatch.config.ts';
import { DISTRICT } from '../district.token.ts';
import { STAFF_DIRECTORY, type StaffDirectory } from './staff.model.ts';
import { loadStaffFile } from './staff-file.loader.ts';
import { STAFF_FILE_LOAD, StaffSyncService, type StaffFileLoad } from './staff-sync.service.ts';

/**
 * Reads the staff file once, checked against the district in use (DISTRICT: `loadDistrict()`). A file that cannot be used does
 * not throw here: Nest ends the process (abortOnError) when a provider's factory throws, so the
 * error is kept and thrown by StaffSyncService.onModuleInit, where it rejects the app's start.
 */
export function loadStaffFileOnce(config: Pick<DispatchConfig, 'staffFile'>, district: District): StaffFileLoad {
  try {
    const loaded = loadStaffFile(config.staffFile, district);
    if (loaded.file.sample && process.env.NODE_ENV === 'production') {
      new Logger('staff').warn(`the staff file ${loaded.source} is SAMPLE DATA (invented people); set DISPATCH_STAFF_FILE to the station's own file`);
    }
    return { loaded };
  } catch (err) {
    return { error: err as Error };
  }
}

/** In place of the directory while the start fails: any use throws why the file could not be loaded. */
function unusableDirectory(error: Error): StaffDirectory {
  const fail = (): never => {
    throw error;
  };
  return {
    get version() {
      return fail();
    },
    get sample() {
      return fail();
    },
    get source() {
      return fail();
    },
    get members() {
      return fail();
    },
    get squads() {
      return fail();
    },
    byCode: fail,
    policeGridChief: fail,
    gridChief: fail,
    gridWorkers: fail,
    communityOfficers: fail,
    allCommunityOfficers: fail,
    officersOfSquad: fail,
    byRole: fail,
    squadByCode: fail,
    auxiliaries: fail,
  };
}

/** Who can be sent: STAFF_DIRECTORY (the staff file, indexed), written into dispatch.staff at start. */
@Global()
@Module({
  providers: [
    { provide: STAFF_FILE_LOAD, useFactory: loadStaffFileOnce, inject: [DISPATCH_CONFIG, DISTRICT] },
    { provide: STAFF_DIRECTORY, useFactory: (load: StaffFileLoad) => ('loaded' in load ? load.loaded.directory : unusableDirectory(load.error)), inject: [STAFF_FILE_LOAD] },
    StaffSyncService,
  ],
  exports: [STAFF_DIRECTORY],
})
export class StaffModule {}
