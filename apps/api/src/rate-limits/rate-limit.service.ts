import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { RateLimitRule } from '@gantry/core';
import { DataSource } from 'typeorm';
import { combine, verdict, windowAt, type RateVerdict } from './rate-limit-window';

/** At most one sweep of old windows per process per this many milliseconds: expiry stays off the hot path. */
const PRUNE_EVERY_MS = 60_000;
const PRUNE_BATCH = 1000;

export interface RateLimitHit {
  rule: RateLimitRule;
  /** Who is counted: an address, a principal id, an e-mail. */
  subject: string;
}

/**
 * Counts hits in PostgreSQL (`rate_limit_counter`), so every API process sees the same counts: PostgreSQL holds the
 * truth, Redis only triggers. Each hit is one upsert that answers the window's new count.
 */
@Injectable()
export class RateLimitService {
  private readonly logger = new Logger(RateLimitService.name);
  private lastPrune = 0;

  /** The time limits are counted in; tests move it to see a window pass without waiting for it. */
  now: () => Date = () => new Date();

  constructor(private readonly dataSource: DataSource) {}

  /** Counts one hit against every rule and answers whether the request may go through. */
  async hit(name: string, hits: RateLimitHit[]): Promise<RateVerdict> {
    const now = this.now();
    const verdicts: RateVerdict[] = [];
    for (const { rule, subject } of hits) {
      const window = windowAt(now, rule.windowSeconds);
      const rows: { hits: number }[] = await this.dataSource.query(
        `INSERT INTO rate_limit_counter (name, subject, window_start, hits, expires_at)
         VALUES ($1, $2, $3, 1, $4)
         ON CONFLICT (name, subject, window_start) DO UPDATE SET hits = rate_limit_counter.hits + 1
         RETURNING hits`,
        // The subject is hashed: the table needs equality only, and need not keep e-mails or addresses readable.
        [`${name}:${rule.per}`, digest(subject), window.start, window.end],
      );
      verdicts.push(verdict(rows[0]?.hits ?? 1, rule.limit, window, now));
    }
    this.pruneNowAndThen(now);
    return combine(verdicts);
  }

  /** Deletes windows that have ended, in the background, a bounded batch at a time. */
  private pruneNowAndThen(now: Date): void {
    if (now.getTime() - this.lastPrune < PRUNE_EVERY_MS) {
      return;
    }
    this.lastPrune = now.getTime();
    this.dataSource
      .query(
        `DELETE FROM rate_limit_counter WHERE ctid IN (
           SELECT ctid FROM rate_limit_counter WHERE expires_at < $1 LIMIT ${PRUNE_BATCH})`,
        [now],
      )
      .catch((error: unknown) => this.logger.warn({ err: error }, 'could not delete old rate limit windows'));
  }
}

function digest(subject: string): string {
  return createHash('sha256').update(subject).digest('base64url');
}
