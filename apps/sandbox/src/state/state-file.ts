import { existsSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CaughtMail, MailboxStore } from '../mail/mailbox.store';
import type { SandboxStore } from './sandbox-store';
import type { SandboxData } from './shop-records';

/** What SANDBOX_STATE_FILE holds: the whole sandbox document (shops, apps, tokens, JOOR) and the caught mail. */
interface StateDocument {
  format: 'gantry-sandbox-state';
  version: 1;
  store: SandboxData;
  mail: CaughtMail[];
}

const FORMAT = 'gantry-sandbox-state';

/**
 * The sandbox's state on disk, so a restarted sandbox answers as before (tokens, app secrets, ids). Read once at start;
 * written at most every `intervalMs` after a change and once more on close. Writes go to a temporary file renamed over
 * the old one, so a crash mid-write leaves the previous state whole. Unchanged state is not written again.
 */
export class SandboxStateFile {
  private timer: NodeJS.Timeout | null = null;
  private lastWritten: string | null = null;
  private warned = false;

  constructor(
    readonly path: string,
    private readonly store: SandboxStore,
    private readonly mailbox: MailboxStore,
    private readonly intervalMs = 2000,
  ) {}

  /**
   * Loads the file when it exists (a file written by /__sandbox/state/save is read too). Returns the number of shops
   * found, or null when there was no file. A file that cannot be read stops the start, naming the file: starting
   * empty would silently log every client out.
   */
  load(): number | null {
    if (!existsSync(this.path)) {
      return null;
    }
    const text = readFileSync(this.path, 'utf8');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new Error(`state file ${this.path} is not JSON (${(error as Error).message}); move it away to start empty`);
    }
    const doc = parsed as Partial<StateDocument>;
    try {
      if (doc.format === FORMAT) {
        this.store.replace(doc.store as SandboxData);
        this.mailbox.restore(Array.isArray(doc.mail) ? doc.mail : []);
      } else {
        this.store.replace(parsed as SandboxData);
      }
    } catch (error) {
      throw new Error(`state file ${this.path} is ${(error as Error).message}; move it away to start empty`);
    }
    this.lastWritten = text;
    return Object.keys(this.store.raw.shops).length;
  }

  /** Something may have changed: a save follows within intervalMs. */
  touch(): void {
    if (this.timer) {
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      this.save();
    }, this.intervalMs);
    this.timer.unref();
  }

  /** Writes the state now when it differs from what the file holds. */
  save(): boolean {
    const doc: StateDocument = { format: FORMAT, version: 1, store: this.store.raw, mail: this.mailbox.list() };
    const text = JSON.stringify(doc);
    if (text === this.lastWritten) {
      return false;
    }
    const temporary = `${this.path}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      writeFileSync(temporary, text);
      renameSync(temporary, this.path);
      this.lastWritten = text;
      this.warned = false;
      return true;
    } catch (error) {
      try {
        unlinkSync(temporary);
      } catch {
        // nothing was written
      }
      if (!this.warned) {
        // Once per failure streak: a full disk should not flood the log every 2 s.
        process.stderr.write(`[sandbox] could not save the state to ${this.path}: ${(error as Error).message}\n`);
        this.warned = true;
      }
      return false;
    }
  }

  /** The last save (on SIGTERM/SIGINT, through the server's close). */
  close(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.save();
  }
}
