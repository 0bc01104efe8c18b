/**
 * The outbox: email-shaped messages the app wants delivered. The site sends no mail itself; it
 * queues a row in `outbox` and, outside production, logs it. An operator who wants them delivered
 * runs a sender that reads the unsent rows (`sent_at is null`, oldest first), mails them and sets
 * `sent_at` (README "Outbox"). Keeping the queue in the database means a message is never lost
 * when no sender is running, and the request that queues it never waits on a mail server.
 */
import { and, eq, gt, sql } from "drizzle-orm";
import { outbox } from "../../db/schema";
import { getDb } from "./db.server";
import { env } from "./env.server";

export type OutgoingMessage = {
  /** Why it is sent, e.g. "signup-existing"; with `userId` the key of the once-per-period rule. */
  kind: string;
  userId: number | null;
  to: string;
  subject: string;
  body: string;
};

/**
 * Queues the message, unless `onceWithinSeconds` is given and a message of the same kind was
 * queued for the same user within that many seconds (so a stranger cannot use the site to flood
 * someone's inbox). The check and the insert hold a transaction-scoped advisory lock on
 * (kind, user), so requests racing each other still queue one. Returns whether it was queued.
 */
export async function queueMessage(message: OutgoingMessage, options: { onceWithinSeconds?: number } = {}) {
  const queued = await getDb().transaction(async (tx) => {
    if (options.onceWithinSeconds && message.userId !== null) {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`outbox:${message.kind}:${message.userId}`}))`);
      const [recent] = await tx
        .select({ id: outbox.id })
        .from(outbox)
        .where(
          and(
            eq(outbox.userId, message.userId),
            eq(outbox.kind, message.kind),
            gt(outbox.createdAt, sql`now() - make_interval(secs => ${options.onceWithinSeconds})`),
          ),
        )
        .limit(1);
      if (recent) return false;
    }
    await tx.insert(outbox).values({
      kind: message.kind,
      userId: message.userId,
      toAddress: message.to,
      subject: message.subject,
      body: message.body,
    });
    return true;
  });
  // In development and tests there is no sender: the log shows what would have been mailed.
  if (queued && env().NODE_ENV !== "production")
    console.log(`outbox: queued "${message.subject}" to ${message.to}\n${message.body}`);
  return queued;
}
