import { Router } from 'express';
import type { MailboxStore } from './mailbox.store';

/** GET /__sandbox/mail (?to=) lists what the SMTP receiver caught; DELETE empties it. */
export class MailRouter {
  static create(mailbox: MailboxStore): Router {
    const router = Router();
    router.get('/__sandbox/mail', (req, res) => {
      const to = typeof req.query.to === 'string' ? req.query.to : undefined;
      res.json(mailbox.list(to));
    });
    router.delete('/__sandbox/mail', (_req, res) => {
      mailbox.clear();
      res.json({ cleared: true });
    });
    return router;
  }
}
