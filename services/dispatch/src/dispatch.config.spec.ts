import { loadDispatchConfig, shiftsOf } from './dispatch.config.ts';

describe('loadDispatchConfig', () => {
  it('has defaults for a district and takes each setting', () => {
    expect(loadDispatchConfig({})).toEqual({
      dbPoolSize: 10, staffKey: 'local-staff', staffFile: null, routingFile: null, timeZone: 'Asia/Shanghai',
      shifts: [{ name: 'day', startMinute: 480, endMinute: 1200 }, { name: 'night', startMinute: 1200, endMinute: 480 }],
      carCrew: 2, restHours: 12, slaScanSeconds: 15,
    });
    const c = loadDispatchConfig({ DISPATCH_DB_POOL_SIZE: '4', DISPATCH_STAFF_KEY: 'a-long-key', DISPATCH_STAFF_FILE: ' /etc/staff.json ', DISPATCH_CAR_CREW: '3', DISPATCH_TIME_ZONE: 'Asia/Urumqi' });
    expect(c).toMatchObject({ dbPoolSize: 4, staffKey: 'a-long-key', staffFile: '/etc/staff.json', carCrew: 3, timeZone: 'Asia/Urumqi' });
  });

  it.each([
    ['DISPATCH_DB_POOL_SIZE', 'ten', 'DISPATCH_DB_POOL_SIZE must be a whole number'],
    ['DISPATCH_CAR_CREW', '0', 'DISPATCH_CAR_CREW must be a whole number of at least 1'],
    ['DISPATCH_REST_HOURS', '-1', 'DISPATCH_REST_HOURS must be a whole number'],
    ['DISPATCH_SLA_SCAN_SECONDS', '2.5', 'DISPATCH_SLA_SCAN_SECONDS must be a whole number'],
    ['DISPATCH_TIME_ZONE', 'Mars/Olympus', 'DISPATCH_TIME_ZONE must be an IANA time zone'],
    ['DISPATCH_STAFF_KEY', 'short', 'DISPATCH_STAFF_KEY must be at least 8 characters'],
    ['DISPATCH_SHIFTS', 'day=8-20', 'DISPATCH_SHIFTS: "day=8-20" is not <name>=HH:MM-HH:MM'],
  ])('refuses %s=%j, naming the variable', (name, raw, message) => {
    expect(() => loadDispatchConfig({ [name]: raw })).toThrow(message);
  });

  it('refuses to start in production without the staff key', () => {
    expect(() => loadDispatchConfig({ NODE_ENV: 'production' })).toThrow('DISPATCH_STAFF_KEY must be set in production');
  });
});

describe('shiftsOf', () => {
  it('takes shifts that cover the day once, in any order, across midnight', () => {
    expect(shiftsOf('night=22:00-06:00,early=06:00-14:00,late=14:00-22:00').map((s) => s.name)).toEqual(['night', 'early', 'late']);
    expect(shiftsOf('all=08:00-08:00')).toEqual([{ name: 'all', startMinute: 480, endMinute: 480 }]);
  });

  it.each(['', 'day=08:00-20:00', 'day=08:00-20:00,night=21:00-08:00', 'day=08:00-20:00,day=20:00-08:00'])('refuses %j', (raw) => {
    expect(() => shiftsOf(raw)).toThrow('DISPATCH_SHIFTS');
  });
});
