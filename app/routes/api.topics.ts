import { advisorIndex } from "~/lib/directory/advisors.server";
import { listTopics } from "~/lib/directory/topics.server";

// GET /api/topics -> { topics: [{ id, label, description, query, orientation, papers }] }: the curated
// research topics usable as topic= (by id or label), with how many papers each matches.
export async function loader() {
  const topics = await listTopics(await advisorIndex());
  return Response.json({ topics });
}
