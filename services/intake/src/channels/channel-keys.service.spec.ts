import { ChannelKeys } from './channel-keys.service.ts';

describe('channel keys', () => {
  it('checks channel keys: machine channels their own, staff channels the staff key', () => {
    const keys = ChannelKeys.fromEnv({ INTAKE_CHANNEL_KEYS: '110=secret-110,staff=secret-staff' });
    expect(() => keys.check('110', 'secret-110')).not.toThrow();
    expect(() => keys.check('walk-in', 'secret-staff')).not.toThrow();
    expect(() => keys.check('110', undefined)).toThrow(expect.objectContaining({ status: 401 }));
    expect(() => keys.check('110', 'secret-staff')).toThrow(expect.objectContaining({ status: 403 }));
    expect(() => keys.check('12345', 'anything')).toThrow(expect.objectContaining({ status: 403 }));
    // Once accepted, a key is remembered for its own name only.
    expect(() => keys.check('110', 'secret-110')).not.toThrow();
    expect(() => keys.check('walk-in', 'secret-110')).toThrow(expect.objectContaining({ status: 403 }));
    expect(() => keys.check('110', 'secret-110x')).toThrow(expect.objectContaining({ status: 403 }));
    expect(() => ChannelKeys.fromEnv({ NODE_ENV: 'production' })).toThrow('INTAKE_CHANNEL_KEYS must be set');
    expect(() => ChannelKeys.fromEnv({ INTAKE_CHANNEL_KEYS: '110=short' })).toThrow('at least 8');
  });
});
