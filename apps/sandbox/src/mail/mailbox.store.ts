export interface CaughtMail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html?: string;
  receivedAt: string;
}

const MAX_MESSAGES = 1000;

/**
 * The messages the SMTP receiver caught, oldest first. In memory; SANDBOX_STATE_FILE keeps them across restarts, but
 * /__sandbox/state/save and /load leave them out.
 */
export class MailboxStore {
  private messages: CaughtMail[] = [];
  /** Called after every change (the state file saves soon after). */
  onChange: () => void = () => undefined;

  add(mail: CaughtMail): void {
    this.messages.push(mail);
    if (this.messages.length > MAX_MESSAGES) {
      this.messages.shift();
    }
    this.onChange();
  }

  /** Puts back what a state file kept. */
  restore(messages: CaughtMail[]): void {
    this.messages = messages.slice(-MAX_MESSAGES);
  }

  /** Every message, or those with `to` among their recipients (case-insensitive). */
  list(to?: string): CaughtMail[] {
    if (!to) {
      return [...this.messages];
    }
    const wanted = to.trim().toLowerCase();
    return this.messages.filter((m) => m.to.some((r) => r.toLowerCase() === wanted));
  }

  clear(): void {
    this.messages = [];
    this.onChange();
  }
}
