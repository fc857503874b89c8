import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { MailboxStore } from './mailbox.store';

const MAX_SIZE = 10 * 1024 * 1024;

/** An SMTP server that accepts any mail (no auth, any sender and recipient) into the mailbox. */
export class SmtpReceiver {
  private server: SMTPServer | null = null;
  private boundPort: number | null = null;

  constructor(
    private readonly mailbox: MailboxStore,
    private readonly now: () => number,
  ) {}

  get port(): number | null {
    return this.boundPort;
  }

  listen(port: number, host: string): Promise<number> {
    const server = new SMTPServer({
      logger: false,
      // Plain SMTP only: STARTTLS would offer the library's published test certificate, which clients reject.
      disabledCommands: ['STARTTLS'],
      authOptional: true,
      // A client configured with credentials (smtp://user:pass@…) is let in whatever it sends.
      allowInsecureAuth: true,
      onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'sandbox' }),
      size: MAX_SIZE,
      // Closing the sandbox should not wait 30 s for an idle client.
      closeTimeout: 200,
      onData: (stream, session, callback) => {
        this.receive(stream, session).then(
          () => callback(),
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
        );
      },
    });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        // A broken client connection must not take the sandbox down.
        server.on('error', () => undefined);
        this.server = server;
        this.boundPort = (server.server.address() as AddressInfo).port;
        resolve(this.boundPort);
      });
    });
  }

  close(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.boundPort = null;
    if (!server) {
      return Promise.resolve();
    }
    return new Promise((resolve) => server.close(() => resolve()));
  }

  private async receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer);
    }
    if (stream.sizeExceeded) {
      throw Object.assign(new Error('Message exceeds the fixed maximum message size of 10 MB'), { responseCode: 552 });
    }
    const parsed = await simpleParser(Buffer.concat(chunks));
    const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
    this.mailbox.add({
      id: randomUUID(),
      from: SmtpReceiver.first(parsed.from) ?? envelopeFrom,
      // The envelope: every recipient the message was delivered to, Cc and Bcc included.
      to: session.envelope.rcptTo.map((r) => r.address),
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      ...(typeof parsed.html === 'string' ? { html: parsed.html } : {}),
      receivedAt: new Date(this.now()).toISOString(),
    });
  }

  private static first(header: AddressObject | undefined): string | null {
    return header?.value.find((a) => a.address)?.address ?? null;
  }
}
