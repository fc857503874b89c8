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

/** The messages the SMTP receiver caught, oldest first (in memory only; not part of the saved state). */
export class MailboxStore {
  private messages: CaughtMail[] = [];

  add(mail: CaughtMail): void {
    this.messages.push(mail);
    if (this.messages.length > MAX_MESSAGES) {
      this.messages.shift();
    }
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
  }
}
