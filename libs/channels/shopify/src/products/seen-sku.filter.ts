/**
 * Which SKUs a product sync has already read, in 4 bytes a SKU: a set of 32-bit hashes (FNV-1a, open addressing).
 * A Map from SKU to its first variant held ~28 MB for 200,000 variants, and V8 lets the heap grow to a multiple of what
 * stays live, so it cost ~100 MB of peak RSS. `seen` can answer yes for a SKU never added (two SKUs sharing a hash,
 * a handful per 200,000): a yes only means "ask the run's recorded items", never "duplicate".
 */
export class SeenSkuFilter {
  private slots = new Uint32Array(1024);
  private size = 0;

  /** Adds the SKU; answers whether it (or another SKU with its hash) was added before. */
  add(sku: string): boolean {
    const hash = SeenSkuFilter.hash(sku);
    const mask = this.slots.length - 1;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const slot = this.slots[i];
      if (slot === 0) {
        this.slots[i] = hash;
        if (++this.size * 2 > this.slots.length) {
          this.grow();
        }
        return false;
      }
      if (slot === hash) {
        return true;
      }
    }
  }

  /** FNV-1a over UTF-16 code units; 0 marks an empty slot, so a hash of 0 becomes 1. */
  static hash(text: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
      h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    }
    return h >>> 0 || 1;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    const mask = this.slots.length - 1;
    for (const hash of old) {
      if (hash !== 0) {
        let i = hash & mask;
        while (this.slots[i] !== 0) {
          i = (i + 1) & mask;
        }
        this.slots[i] = hash;
      }
    }
  }
}
