/** What the server keeps in a session (express-session's SessionData, extended). */
declare module 'express-session' {
  interface SessionData {
    userId?: string;
    csrfToken?: string;
  }
}

export {};
