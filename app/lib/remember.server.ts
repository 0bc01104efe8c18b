/**
 * Process-wide singletons, as the Remix stacks' `singleton()` helper: one value per name per process.
 * The value lives on globalThis, not in a module variable, because the same module can be loaded
 * twice in one process (the scripts import app/lib from source while the server bundle has its own
 * copy; Vite reloads modules in development), and two database clients or two PGlite instances on
 * one data directory must never exist.
 *
 * Keys start with `__atlas` so that test/support/database.ts can drop every singleton between test
 * files (a fresh database per file means fresh clients and caches).
 */
const PREFIX = "__atlas_";

type Store = Record<string, unknown>;

/** The value remembered under `name`, created on first use. */
export function remember<T>(name: string, create: () => T): T {
  const store = globalThis as unknown as Store;
  const key = PREFIX + name;
  if (!(key in store)) store[key] = create();
  return store[key] as T;
}

/** Drops the value remembered under `name` (the next remember() creates it again). */
export function forget(name: string): void {
  delete (globalThis as unknown as Store)[PREFIX + name];
}
