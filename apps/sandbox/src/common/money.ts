// Decimal strings as Shopify returns them ("12.5" → "12.50" is fine for clients that parse decimals).
export class Money {
  static format(value: number): string {
    return (Math.round(value * 100) / 100).toFixed(2);
  }

  static sum(values: string[]): string {
    return Money.format(values.reduce((acc, v) => acc + Number(v), 0));
  }

  static bag(amount: string, currencyCode: string): Record<string, unknown> {
    const money = { amount, currencyCode };
    return { shopMoney: money, presentmentMoney: money };
  }
}
