import { Logger } from '@nestjs/common';
import { Client, type ClientConfig } from 'pg';

const logger = new Logger('Database');

/**
 * A pg client that always listens for 'error'. The pool listens only while a client is idle; a client checked out
 * (a TypeORM query runner between two queries of a transaction) that loses its server, as when PostgreSQL restarts,
 * emits 'error' with no listener, and Node ends the process. With this the error is logged, the client's next query
 * fails (so does the operation using it, which is retried like any failed one), and the pool drops it on release.
 */
export class GuardedPgClient extends Client {
  constructor(config?: string | ClientConfig) {
    super(config);
    let reported = false;
    this.on('error', (error: Error) => {
      if (!reported) {
        reported = true;
        logger.warn(`connection lost: ${error.message}`);
      }
    });
  }
}
