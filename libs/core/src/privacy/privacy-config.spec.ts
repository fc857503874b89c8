import { ConfigValidationError, loadAppConfig } from '../config/app-config';

describe('privacy configuration', () => {
  it('keeps raw details 30 days unless RETENTION_DAYS says otherwise, and tells nobody unless PRIVACY_ALERT_EMAILS is set', () => {
    const defaults = loadAppConfig({ NODE_ENV: 'test' });
    expect(defaults.RETENTION_DAYS).toBe(30);
    expect(defaults.privacyAlertEmails).toEqual([]);
    const set = loadAppConfig({ NODE_ENV: 'test', RETENTION_DAYS: '7', PRIVACY_ALERT_EMAILS: ' dpo@example.com, legal@example.com ' });
    expect(set.RETENTION_DAYS).toBe(7);
    expect(set.privacyAlertEmails).toEqual(['dpo@example.com', 'legal@example.com']);
  });

  it('refuses a retention that is not a whole number of days from 1 to 3650, and addresses that are not addresses', () => {
    for (const days of ['0', '-1', '3651', '1.5', 'month']) {
      expect(() => loadAppConfig({ NODE_ENV: 'test', RETENTION_DAYS: days })).toThrow(/RETENTION_DAYS/);
    }
    expect(() => loadAppConfig({ NODE_ENV: 'test', PRIVACY_ALERT_EMAILS: 'dpo@example.com;legal' })).toThrow(ConfigValidationError);
    expect(() => loadAppConfig({ NODE_ENV: 'test', PRIVACY_ALERT_EMAILS: 'nobody' })).toThrow(/PRIVACY_ALERT_EMAILS/);
  });
});
