import { Client } from 'pg';
import { GuardedPgClient } from './guarded-pg-client';

describe('GuardedPgClient', () => {
  it("takes an 'error' with nobody else listening, where a plain client would throw it (and end the process)", () => {
    const lost = new Error('terminating connection due to administrator command');
    expect(() => new Client().emit('error', lost)).toThrow(/administrator command/);
    expect(() => new GuardedPgClient().emit('error', lost)).not.toThrow();
    expect(new GuardedPgClient().listenerCount('error')).toBe(1);
  });
});
