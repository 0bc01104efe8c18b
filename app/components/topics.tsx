import { Link } from "@remix-run/react";

/** What a topic ranking means, above the list: the same rule, over the topic's papers only. */
export function TopicExplanation({
  topic,
  window,
  of = "advisors",
}: {
  topic: { kind: "curated" | "text"; label: string; description: string | null };
  window: { from: number; to: number };
  /** What the list ranks: "advisors", or groups of advisors ("labs", "institutions"). */
  of?: "advisors" | "labs" | "institutions";
}) {
  return (
    <p className="notice" data-testid="topic-explanation">
      Ranked over the papers whose titles match <em>{topic.label}</em>
      {topic.kind === "curated" ? " (a curated topic" : " (your words"}, matched with English stemming), {window.from}–
      {window.to}: the same score, counting only those papers
      {of === "advisors" ? "" : `, summed over the ${of}' advisors`}.{" "}
      {of === "advisors" ? "Advisors" : of === "labs" ? "Labs" : "Institutions"} without such a paper in the window are
      not listed.
      {topic.description ? <> {topic.description}</> : null}
    </p>
  );
}

/** Under a row of a topic ranking: how many of the row's papers in the window are on the topic. */
export function TopicMatch({
  papers,
  windowPapers,
  label,
  of = "their",
}: {
  papers: number;
  windowPapers: number;
  label: string;
  of?: string;
}) {
  return (
    <span className="topic-match">
      {papers} of {of} {windowPapers} papers in the window match <em>{label}</em>
    </span>
  );
}

/** An advisor's, a lab's or an institution's top topics, each linked to that topic's ranking. */
export function TopTopics({
  topics,
  of,
  ranking = "/advisors",
}: {
  topics: { id: string; label: string; papers: number; share: number }[];
  of: string;
  /** The list each topic links to, ranked over it ("/advisors", "/labs", "/institutions"). */
  ranking?: string;
}) {
  if (topics.length === 0) return <p className="muted">None of {of} papers matches a curated topic.</p>;
  return (
    <ul className="top-topics">
      {topics.map((t) => (
        <li key={t.id}>
          <Link to={`${ranking}?topic=${encodeURIComponent(t.id)}`}>{t.label}</Link>{" "}
          <span className="muted">
            — {t.papers} {t.papers === 1 ? "paper" : "papers"} ({Math.round(t.share * 100)}% of {of} papers)
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The fundamental vs applied indicator, in one sentence, labelled as an indicator. */
export function ResearchOrientation({ orientation }: { orientation: { lean: string; sentence: string } }) {
  return (
    <p data-testid="research-orientation">
      <strong>Fundamental or applied (an indicator, not a verdict):</strong> {orientation.sentence}{" "}
      <span className="muted">
        Counted over their conference papers at the six venues: papers at COLT or matching learning theory, optimization
        theory, online learning or deep learning theory against papers on applied topics (vision, language, robotics,
        speech, science, health, time series, recommendation, multimodal).
      </span>
    </p>
  );
}
