/**
 * PGlite runs each statement synchronously inside this process and settles its promise at once, so
 * a long run of statements (an import: thousands, for minutes) is one unbroken chain of promise
 * callbacks: the event loop never reaches its timers or I/O. A web server on PGlite stopped
 * answering during an import, and a vitest worker missed its RPC deadline ("Timeout calling
 * onTaskUpdate", 677 s without a turn of the loop in fresh-imports.test.ts). One turn of the loop
 * before each statement (setImmediate: timers and I/O run first) costs microseconds.
 */
import type { PGlite, Transaction } from "@electric-sql/pglite";

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

type Statements = Pick<Transaction, "query" | "exec">;

function yieldBefore<T extends Statements>(target: T): T {
  const query = target.query.bind(target) as (...args: unknown[]) => Promise<unknown>;
  const exec = target.exec.bind(target) as (...args: unknown[]) => Promise<unknown>;
  target.query = (async (...args: unknown[]) => {
    await nextTurn();
    return query(...args);
  }) as T["query"];
  target.exec = (async (...args: unknown[]) => {
    await nextTurn();
    return exec(...args);
  }) as T["exec"];
  return target;
}

/** The same PGlite, each statement (in a transaction too) started on a fresh turn of the event loop. */
export function yieldingPglite(pglite: PGlite): PGlite {
  yieldBefore(pglite);
  const transaction = pglite.transaction.bind(pglite);
  pglite.transaction = ((callback: (tx: Transaction) => Promise<unknown>) =>
    transaction((tx) => callback(yieldBefore(tx)))) as PGlite["transaction"];
  return pglite;
}
