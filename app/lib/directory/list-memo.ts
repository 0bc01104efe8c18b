/**
 * Results of the advisor list that depend on only a few of its filters, remembered per index object
 * (the advisor or topic index of one data version: a new version is a new object, and its results
 * are forgotten with the old one). Bounded, least recently used first. Synchronous, unlike
 * PerIndexCache (index-cache.ts), which keeps promises of whole pages.
 *
 * What it is for: the per-topic counts of the filter form read every topic row (145k) on each request
 * (docs/benchmarks.md, "advisor list, distinct filters"); they depend on the venues, the window and
 * the place filters only, not on the sort, the page or the paper thresholds, so most requests that
 * differ in those share them.
 */
export class PerIndexMemo<T> {
  private readonly store = new WeakMap<object, Map<string, T>>();
  constructor(private readonly max = 256) {}

  get(owner: object, key: string, make: () => T): T {
    let perOwner = this.store.get(owner);
    if (!perOwner) this.store.set(owner, (perOwner = new Map()));
    const kept = perOwner.get(key);
    if (kept !== undefined) {
      // Most recently used last.
      perOwner.delete(key);
      perOwner.set(key, kept);
      return kept;
    }
    const value = make();
    perOwner.set(key, value);
    if (perOwner.size > this.max) perOwner.delete(perOwner.keys().next().value!);
    return value;
  }
}
