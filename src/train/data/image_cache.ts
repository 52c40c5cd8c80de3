// A least-recently-used cache of decoded images bounded by bytes, so a data set larger than memory
// streams from disk while a small one is decoded only once. A Map keeps insertion order: a hit is
// re-inserted at the end, eviction takes from the front.

export interface CacheStats {
  hits: number;
  misses: number;
  evictions: number;
  bytes: number;
  entries: number;
  maxBytes: number;
}

/**
 * LRU cache of Float32Array images, bounded by total bytes.
 * @example
 * const cache = new ImageCache(64 * 2 ** 20); // 64 MB
 * cache.set('a', pixels); cache.get('a'); // pixels
 */
export class ImageCache {
  private readonly map = new Map<string, Float32Array>();
  private bytes = 0;
  private hits = 0;
  private misses = 0;
  private evictions = 0;

  constructor(readonly maxBytes: number) {}

  get(key: string): Float32Array | undefined {
    const v = this.map.get(key);
    if (v === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.map.delete(key);
    this.map.set(key, v);
    return v;
  }

  /** Store an image; one larger than the whole cache is not stored. */
  set(key: string, value: Float32Array): void {
    const old = this.map.get(key);
    if (old) {
      this.bytes -= old.byteLength;
      this.map.delete(key);
    }
    if (value.byteLength > this.maxBytes) return;
    this.map.set(key, value);
    this.bytes += value.byteLength;
    for (const [k, v] of this.map) {
      if (this.bytes <= this.maxBytes) break;
      this.map.delete(k);
      this.bytes -= v.byteLength;
      this.evictions++;
    }
  }

  stats(): CacheStats {
    return {
      hits: this.hits,
      misses: this.misses,
      evictions: this.evictions,
      bytes: this.bytes,
      entries: this.map.size,
      maxBytes: this.maxBytes,
    };
  }
}
