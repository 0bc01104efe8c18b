/**
 * Results computed from the advisor index, kept as long as that index lives: the index is rebuilt
 * when the data version changes (an import, an approved submission), which drops these with it.
 */
export class PerIndexCache<T> {
  private store = new WeakMap<object, Map<string, Promise<T>>>();
  constructor(private readonly max = 64) {}

  get(index: object, key: string, make: () => Promise<T>): Promise<T> {
    let perIndex = this.store.get(index);
    if (!perIndex) this.store.set(index, (perIndex = new Map()));
    let value = perIndex.get(key);
    if (!value) {
      if (perIndex.size >= this.max) perIndex.delete(perIndex.keys().next().value!);
      value = make();
      perIndex.set(key, value);
      const map = perIndex;
      value.catch(() => map.delete(key));
    }
    return value;
  }
}
