export enum SyncRunStatus {
  RUNNING = 'running',
  SUCCEEDED = 'succeeded',
  /** Finished, with some items failed. */
  PARTIAL = 'partial',
  FAILED = 'failed',
}
