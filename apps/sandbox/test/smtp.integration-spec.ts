import { connect } from 'node:net';
import { createTransport } from 'nodemailer';
import { createSandboxServer } from '../src/sandbox.server';
import { SandboxHarness } from './sandbox-test.harness';

/** Resolves true when something accepts TCP connections on the port. */
const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

describe('SMTP receiver', () => {
  let h: SandboxHarness;
  let port: number;

  beforeAll(async () => {
    h = await SandboxHarness.start();
    port = h.smtpPort as number;
  });
  afterAll(() => h.stop());
  beforeEach(async () => {
    expect(await h.control('DELETE', '/__sandbox/mail')).toEqual({ status: 200, body: { cleared: true } });
  });

  it('listens on its own port next to HTTP and says which in /__sandbox/health', async () => {
    expect(port).toBeGreaterThan(0);
    expect(h.server.smtpPort).toBe(port);
    expect(await h.get('/__sandbox/health')).toEqual({ ok: true, smtpPort: port });
  });

  it('catches what nodemailer sends, with no auth and any recipients, newest last', async () => {
    // As the app sends alerts: SMTP_URL=smtp://127.0.0.1:<port>.
    const transport = createTransport(`smtp://127.0.0.1:${port}`);
    const info = await transport.sendMail({
      from: '"Gantry alerts" <alerts@gantry.test>',
      to: 'ops@example.com, Buyer <buyer@example.com>',
      cc: 'cc@example.com',
      bcc: 'hidden@example.com',
      subject: 'JOOR order 9012345 failed to export',
      text: 'Insufficient stock for SKU A-1',
      html: '<p>Insufficient stock for <b>SKU A-1</b></p>',
    });
    expect(info.rejected).toEqual([]);
    await createTransport({ host: '127.0.0.1', port, auth: { user: 'any', pass: 'thing' } }).sendMail({
      from: 'other@gantry.test',
      to: 'OPS@example.com',
      subject: 'Second',
      text: 'plain only',
    });

    const mail = await h.get('/__sandbox/mail');
    expect(mail).toHaveLength(2);
    expect(mail[0]).toEqual({
      id: expect.any(String),
      from: 'alerts@gantry.test',
      to: ['ops@example.com', 'buyer@example.com', 'cc@example.com', 'hidden@example.com'],
      subject: 'JOOR order 9012345 failed to export',
      text: 'Insufficient stock for SKU A-1',
      html: '<p>Insufficient stock for <b>SKU A-1</b></p>',
      receivedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect(mail[1]).toMatchObject({ from: 'other@gantry.test', to: ['OPS@example.com'], subject: 'Second', text: 'plain only\n' });
    expect(mail[1].html).toBeUndefined();

    expect((await h.get('/__sandbox/mail?to=ops@example.com')).map((m: { subject: string }) => m.subject)).toEqual([
      'JOOR order 9012345 failed to export',
      'Second',
    ]);
    expect((await h.get('/__sandbox/mail?to=hidden@example.com')).map((m: { subject: string }) => m.subject)).toEqual([
      'JOOR order 9012345 failed to export',
    ]);
    expect(await h.get('/__sandbox/mail?to=nobody@example.com')).toEqual([]);

    await h.control('DELETE', '/__sandbox/mail');
    expect(await h.get('/__sandbox/mail')).toEqual([]);
  });

  it('refuses a message over 10 MB and keeps nothing of it', async () => {
    const transport = createTransport({ host: '127.0.0.1', port });
    await expect(
      transport.sendMail({ from: 'a@gantry.test', to: 'b@example.com', subject: 'big', text: 'x'.repeat(10 * 1024 * 1024 + 1) }),
    ).rejects.toMatchObject({ responseCode: 552 });
    expect(await h.get('/__sandbox/mail')).toEqual([]);
  });

  it('empties the mailbox with a sandbox reset', async () => {
    await createTransport({ host: '127.0.0.1', port }).sendMail({ from: 'a@gantry.test', to: 'b@example.com', subject: 's', text: 't' });
    expect(await h.get('/__sandbox/mail')).toHaveLength(1);
    await h.post('/__sandbox/reset', {});
    expect(await h.get('/__sandbox/mail')).toEqual([]);
  });

  it('starts and stops with the sandbox; a taken port fails the start unless fallback is asked for', async () => {
    const other = await SandboxHarness.start();
    const otherPort = other.smtpPort as number;
    expect(await listening(otherPort)).toBe(true);
    await other.stop();
    expect(await listening(otherPort)).toBe(false);
    expect(other.server.smtpPort).toBeNull();

    const strict = createSandboxServer({ smtpPort: port });
    await expect(strict.listen(0)).rejects.toMatchObject({ code: 'EADDRINUSE' });
    await strict.close();
    const lenient = createSandboxServer({ smtpPort: port, smtpPortFallback: true });
    const started = await lenient.listen(0);
    expect(started.smtpPort).not.toBe(port);
    expect(await listening(started.smtpPort as number)).toBe(true);
    await lenient.close();

    const without = createSandboxServer({ smtpPort: null });
    expect((await without.listen(0)).smtpPort).toBeNull();
    await without.close();
  });
});
