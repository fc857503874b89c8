export enum ReturnStatus {
  /** A channel's return waiting to arrive: nothing received yet. */
  EXPECTED = 'expected',
  /** A return opened through the API, waiting to arrive. */
  OPEN = 'open',
  PARTIALLY_RECEIVED = 'partially_received',
  RECEIVED = 'received',
  /** Held for a person (see the return's holdReason), e.g. the channel withdrew it after goods arrived. Still receives. */
  NEEDS_ATTENTION = 'needs_attention',
  /** The channel withdrew it before anything arrived: nothing more is received into it. */
  CANCELLED = 'cancelled',
}
