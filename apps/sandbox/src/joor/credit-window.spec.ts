import { CreditWindow } from './credit-window';

describe('CreditWindow', () => {
  it('starts the window at the first request and refuses, without taking, once the credits are spent', () => {
    const window = new CreditWindow({ credits: 3, windowMs: 300_000 });
    expect(window.take(10_000, 1)).toEqual({ allowed: true, remaining: 2, retryAfterSeconds: 300 });
    expect(window.take(20_000, 1).remaining).toBe(1);
    expect(window.take(30_000, 1).remaining).toBe(0);
    expect(window.take(40_000, 1)).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 270 });
    expect(window.take(309_999, 1)).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 1 });
  });

  it('replenishes in full at the first request after the window ended, which starts the next window', () => {
    const window = new CreditWindow({ credits: 2, windowMs: 1000 });
    window.take(0, 1);
    window.take(1, 1);
    expect(window.take(999, 1).allowed).toBe(false);
    expect(window.take(5000, 1)).toEqual({ allowed: true, remaining: 1, retryAfterSeconds: 1 });
    // The new window runs from 5000 to 6000, not from a multiple of the window length.
    window.take(5500, 1);
    expect(window.take(5999, 1).allowed).toBe(false);
    expect(window.take(6000, 1).allowed).toBe(true);
  });

  it('weighs requests by their cost (GET 1, writes 5) and never takes a partial cost', () => {
    const window = new CreditWindow({ credits: 7, windowMs: 300_000 });
    expect(window.take(0, 5).remaining).toBe(2);
    expect(window.take(1, 5)).toMatchObject({ allowed: false, remaining: 2 });
    expect(window.take(2, 1).remaining).toBe(1);
  });

  it('rounds Retry-After up to whole seconds and peeks without starting a window', () => {
    const window = new CreditWindow({ credits: 1, windowMs: 2500 });
    expect(window.peek(0)).toEqual({ allowed: true, remaining: 1, retryAfterSeconds: 3 });
    window.take(100, 1);
    expect(window.peek(1100)).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 2 });
    expect(window.peek(2600)).toEqual({ allowed: true, remaining: 1, retryAfterSeconds: 3 });
  });
});
