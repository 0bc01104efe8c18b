/**
 * Student load and alumni, counted from authorships: the one place that says who counts as an
 * advisor's PhD student in a year, and who among their former students now advises. Pure.
 *
 * Only self-declared positions (as printed on each paper's OpenReview record) and author order
 * count: a student is never inferred from a name, and two OpenReview ids are two people. What is
 * counted is a lower bound seen on top-venue papers, not a head count: a student who did not
 * publish at these venues that year, or whose paper came from a venue-year without positions, is
 * not seen.
 *
 * - A paper *shows positions* when it is in a venue-year whose records carry positions and an author
 *   other than the advisor declared one on it (ICML 2025 has positions, yet many of its records
 *   carry none: a paper where nobody declared anything shows no students, which is not zero).
 * - A year is *visible* for an advisor when they have at least one conference paper that year that
 *   shows positions; every other year is "not visible", never zero.
 * - The year's last-author count *stands for the year* (the list's and the API's number) only when
 *   at least half of the advisor's last-author conference papers that year show positions: in
 *   2025 only ICML and AISTATS records carry positions, and a count from one ICML paper out of
 *   seven last-author papers would read as "0 students" (see lastAuthorCount).
 * - A PhD student of advisor A in year Y: another author, identified by an OpenReview id, who
 *   declares a PhD-student position on a conference paper of A in year Y, and who had not declared a
 *   postdoc or supervising position in Y or before (a student who became a postdoc stops counting
 *   as a student from that year). Counted once per year however many papers show them.
 * - Seen on papers where A is last author (the usual advisor position) or, shown apart, only on A's
 *   other papers.
 * - An alumnus of A ("former student now advising"): someone who, on a paper of A's as last author,
 *   declared a PhD-student position or was first author with a non-supervising declared position,
 *   whose first supervising declaration comes in a later year, and whose current position (their
 *   most recent year's declarations, as for advisors) is a supervising one.
 */
import { currentSupervisingPosition, isAdvisorPosition, isPhdStudentPosition, isPostdocPosition } from "./positions";

/** One author of one paper, as the authorships table holds it. */
export type AuthorshipFact = {
  paperId: number;
  venueId: string;
  year: number;
  /** False for workshop papers: they never count, but their declarations do say who a person is. */
  isConference: boolean;
  authorCount: number;
  /** 1-based author order. */
  position: number;
  personId: number;
  /** True when the person is identified by an OpenReview id (not a name-only person). */
  identified: boolean;
  /** The self-declared position as printed; null when none. */
  title: string | null;
};

export type VenueYearPositions = { venueId: string; year: number; authorships: number; withPosition: number };

/** A venue-year shows positions when at least this share of its authorships declares one. */
export const MIN_POSITION_SHARE = 0.2;

export const venueYearKey = (venueId: string, year: number) => `${venueId}:${year}`;

/** The venue-years whose records carry self-declared positions (ICLR 2021–2023, NeurIPS 2021–2024, …). */
export function positionedVenueYears(stats: VenueYearPositions[], minShare = MIN_POSITION_SHARE): Set<string> {
  return new Set(
    stats
      .filter((s) => s.authorships > 0 && s.withPosition / s.authorships >= minShare)
      .map((s) => venueYearKey(s.venueId, s.year)),
  );
}

/** One advisor-year that is visible (see above): how many PhD students were seen, and on how many papers. */
export type StudentYear = {
  advisorId: number;
  year: number;
  /** Distinct PhD students on papers where the advisor is last author. */
  lastAuthorStudents: number;
  /** Distinct PhD students seen only on the advisor's other papers that year. */
  otherStudents: number;
  /** The advisor's conference papers that year that show positions (the papers looked at). */
  papers: number;
  lastAuthorPapers: number;
  /** All the advisor's conference papers that year as last author, with positions or not. */
  lastAuthorPapersAll: number;
};

/**
 * The last-author count of a year when it stands for the year: null when no last-author paper that
 * year shows positions, or fewer than half of them do (a partial count, not a small one).
 */
export function lastAuthorCount(y: {
  lastAuthorStudents: number;
  lastAuthorPapers: number;
  lastAuthorPapersAll: number;
}): number | null {
  if (y.lastAuthorPapers === 0 || 2 * y.lastAuthorPapers < y.lastAuthorPapersAll) return null;
  return y.lastAuthorStudents;
}

/** One student of one advisor in one year, with the papers that show it. */
export type StudentLink = {
  advisorId: number;
  studentId: number;
  year: number;
  /** Papers where the advisor is last author (non-empty: a last-author student). */
  lastAuthorPaperIds: number[];
  /** The advisor's other papers showing this student that year. */
  otherPaperIds: number[];
};

export type Alumnus = {
  advisorId: number;
  personId: number;
  /** Years of the connecting papers. */
  firstYear: number;
  lastYear: number;
  /** How they appear on the connecting papers: a declared PhD student, or else a first author. */
  role: "phd-student" | "first-author";
  /** First year they declared a supervising position. */
  advisingSince: number;
  /** Their current supervising position, as declared. */
  position: string;
  paperIds: number[];
};

export type StudentLoad = { years: StudentYear[]; students: StudentLink[]; alumni: Alumnus[] };

/** What each person declared over the years: when they stopped being a student, when they began to supervise. */
type Career = {
  declared: { position: string; year: number }[];
  postPhdFrom: number;
  supervisingFrom: number;
  current?: string | null;
};

/**
 * The classifiers, memoised by title: there are a few hundred distinct titles for ~100,000
 * declarations, and the regular expressions dominate the counting otherwise.
 */
type TitleKind = { phd: boolean; postdoc: boolean; supervising: boolean };
function titleKinds() {
  const memo = new Map<string, TitleKind>();
  return (title: string): TitleKind => {
    let k = memo.get(title);
    if (!k)
      memo.set(
        title,
        (k = {
          phd: isPhdStudentPosition(title),
          postdoc: isPostdocPosition(title),
          supervising: isAdvisorPosition(title),
        }),
      );
    return k;
  };
}

function careers(authorships: AuthorshipFact[], kind: (title: string) => TitleKind): Map<number, Career> {
  const out = new Map<number, Career>();
  for (const a of authorships) {
    if (!a.identified || !a.title) continue;
    let c = out.get(a.personId);
    if (!c) out.set(a.personId, (c = { declared: [], postPhdFrom: Infinity, supervisingFrom: Infinity }));
    c.declared.push({ position: a.title, year: a.year });
    const { supervising, postdoc } = kind(a.title);
    if (supervising) c.supervisingFrom = Math.min(c.supervisingFrom, a.year);
    if (supervising || postdoc) c.postPhdFrom = Math.min(c.postPhdFrom, a.year);
  }
  return out;
}

/** True when this authorship shows a PhD student: a declared PhD-student title, before any postdoc or supervising one. */
function showsPhdStudent(a: AuthorshipFact, career: Career | undefined, kind: (title: string) => TitleKind): boolean {
  return a.identified && a.title !== null && kind(a.title).phd && a.year < (career?.postPhdFrom ?? Infinity);
}

/** The supervising position a person holds now (their most recent year's declarations), computed once per person. */
function currentSupervising(c: Career): string | null {
  if (c.current === undefined) c.current = currentSupervisingPosition(c.declared)?.position ?? null;
  return c.current;
}

const isLastAuthor = (a: AuthorshipFact) => a.authorCount >= 2 && a.position === a.authorCount;

/**
 * Every advisor's student load per visible year, the students behind each number, and their alumni.
 * `authorships` may hold every authorship of the data; only conference papers in `positioned`
 * venue-years are looked at for counting, all declarations for careers.
 */
export function computeStudentLoad(
  advisorIds: Iterable<number>,
  authorships: AuthorshipFact[],
  positioned: Set<string>,
): StudentLoad {
  const advisors = new Set(advisorIds);
  const kind = titleKinds();
  const career = careers(authorships, kind);
  const byPaper = new Map<number, AuthorshipFact[]>();
  // Every last-author conference paper of an advisor, per year, with positions or not.
  const lastAuthorAll = new Map<string, Set<number>>();
  for (const a of authorships) {
    if (a.isConference && advisors.has(a.personId) && isLastAuthor(a)) {
      const key = `${a.personId}:${a.year}`;
      let set = lastAuthorAll.get(key);
      if (!set) lastAuthorAll.set(key, (set = new Set()));
      set.add(a.paperId);
    }
    if (!a.isConference || !positioned.has(venueYearKey(a.venueId, a.year))) continue;
    let list = byPaper.get(a.paperId);
    if (!list) byPaper.set(a.paperId, (list = []));
    list.push(a);
  }

  // advisor -> year -> student -> papers
  type Seen = { last: number[]; other: number[] };
  const seen = new Map<number, Map<number, Map<number, Seen>>>();
  const papersSeen = new Map<string, { papers: number; last: number }>();
  type Connection = { years: number[]; role: Alumnus["role"]; paperIds: number[] };
  const connections = new Map<number, Map<number, Connection>>();

  for (const [paperId, authors] of byPaper) {
    for (const adv of authors) {
      if (!advisors.has(adv.personId)) continue;
      // A paper where no one else declared a position shows nothing: it is not looked at.
      if (!authors.some((co) => co.personId !== adv.personId && co.title)) continue;
      const year = adv.year;
      const last = isLastAuthor(adv);
      const key = `${adv.personId}:${year}`;
      const ps = papersSeen.get(key) ?? { papers: 0, last: 0 };
      ps.papers++;
      if (last) ps.last++;
      papersSeen.set(key, ps);
      let years = seen.get(adv.personId);
      if (!years) seen.set(adv.personId, (years = new Map()));
      let students = years.get(year);
      if (!students) years.set(year, (students = new Map()));
      for (const co of authors) {
        if (co.personId === adv.personId) continue;
        const c = career.get(co.personId);
        if (showsPhdStudent(co, c, kind)) {
          let s = students.get(co.personId);
          if (!s) students.set(co.personId, (s = { last: [], other: [] }));
          const list = last ? s.last : s.other;
          if (!list.includes(paperId)) list.push(paperId);
        }
        // Alumni: connected on a paper where the advisor is last author, advising later, advising now.
        if (!last || !co.identified || !co.title || !c || c.supervisingFrom <= year) continue;
        const asStudent = kind(co.title).phd;
        const asFirstAuthor = co.position === 1 && !kind(co.title).supervising;
        if (!asStudent && !asFirstAuthor) continue;
        if (!currentSupervising(c)) continue;
        let mine = connections.get(adv.personId);
        if (!mine) connections.set(adv.personId, (mine = new Map()));
        let conn = mine.get(co.personId);
        if (!conn) mine.set(co.personId, (conn = { years: [], role: "first-author", paperIds: [] }));
        conn.years.push(year);
        if (asStudent) conn.role = "phd-student";
        if (!conn.paperIds.includes(paperId)) conn.paperIds.push(paperId);
      }
    }
  }

  const years: StudentYear[] = [];
  const students: StudentLink[] = [];
  for (const [advisorId, perYear] of seen) {
    for (const [year, perStudent] of perYear) {
      let lastAuthorStudents = 0;
      let otherStudents = 0;
      for (const [studentId, s] of perStudent) {
        if (s.last.length > 0) lastAuthorStudents++;
        else otherStudents++;
        students.push({
          advisorId,
          studentId,
          year,
          lastAuthorPaperIds: s.last.sort((a, b) => a - b),
          otherPaperIds: s.other.sort((a, b) => a - b),
        });
      }
      const ps = papersSeen.get(`${advisorId}:${year}`)!;
      years.push({
        advisorId,
        year,
        lastAuthorStudents,
        otherStudents,
        papers: ps.papers,
        lastAuthorPapers: ps.last,
        lastAuthorPapersAll: Math.max(ps.last, lastAuthorAll.get(`${advisorId}:${year}`)?.size ?? 0),
      });
    }
  }
  const alumni: Alumnus[] = [];
  for (const [advisorId, mine] of connections) {
    for (const [personId, conn] of mine) {
      const c = career.get(personId)!;
      alumni.push({
        advisorId,
        personId,
        firstYear: Math.min(...conn.years),
        lastYear: Math.max(...conn.years),
        role: conn.role,
        advisingSince: c.supervisingFrom,
        position: currentSupervising(c)!,
        paperIds: conn.paperIds.sort((a, b) => a - b),
      });
    }
  }
  const order = (a: { advisorId: number; year?: number }, b: { advisorId: number; year?: number }) =>
    a.advisorId - b.advisorId || (a.year ?? 0) - (b.year ?? 0);
  years.sort(order);
  students.sort((a, b) => order(a, b) || a.studentId - b.studentId);
  alumni.sort((a, b) => a.advisorId - b.advisorId || a.personId - b.personId);
  return { years, students, alumni };
}

/** The latest year every core venue (NeurIPS, ICML, ICLR) has data for: the "latest full year". */
export function latestFullYear(
  latestYearByVenue: Map<string, number>,
  core: readonly string[] = ["neurips", "icml", "iclr"],
): number | null {
  const years = core.map((v) => latestYearByVenue.get(v));
  return years.every((y) => y !== undefined) ? Math.min(...(years as number[])) : null;
}

/**
 * The year the list counts students in: the latest full year (above) or, going back from it, the
 * first year in which most core venues' records carry positions (positionedVenueYears). In the
 * shipped data 2025's positions come from ICML alone (NeurIPS and ICLR 2025 print names only), so
 * nearly every advisor's 2025 was "not visible" and the "not overrun" cut rested on 81 advisors;
 * 2024 has NeurIPS and ICML. When new records bring 2025's positions, the year moves on by itself.
 * The latest full year when no year qualifies; null when there is none.
 */
export function studentLoadYear(
  latestYearByVenue: Map<string, number>,
  coverage: VenueYearPositions[],
  core: readonly string[] = ["neurips", "icml", "iclr"],
): number | null {
  const full = latestFullYear(latestYearByVenue, core);
  if (full === null) return null;
  const positioned = positionedVenueYears(coverage.filter((c) => core.includes(c.venueId) && c.year <= full));
  const venuesByYear = new Map<number, number>();
  for (const key of positioned) {
    const year = Number(key.split(":")[1]);
    venuesByYear.set(year, (venuesByYear.get(year) ?? 0) + 1);
  }
  const years = [...venuesByYear.keys()].sort((a, b) => b - a);
  return years.find((y) => 2 * venuesByYear.get(y)! > core.length) ?? full;
}

/** The value at a percentile (0–100) of a list of numbers, nearest-rank; null when empty. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/**
 * The "not overrun" preset: at most the 75th percentile of last-author PhD students seen in the
 * latest full year, among advisors with a comparable record, i.e. at least
 * NOT_OVERRUN_MIN_LAST_AUTHOR_PAPERS papers as last author seen that year. Advisors who publish
 * little naturally show few students; the cut says what is usual for those who publish enough to
 * be worth choosing, and leaves out the busiest quarter of them.
 */
export type NotOverrun = {
  max: number;
  year: number;
  percentile: number;
  minLastAuthorPapers: number;
  comparable: number;
};
export const NOT_OVERRUN_PERCENTILE = 75;
export const NOT_OVERRUN_MIN_LAST_AUTHOR_PAPERS = 3;

export function notOverrunCut(
  rows: { lastAuthorStudents: number; lastAuthorPapers: number; lastAuthorPapersAll: number }[],
  year: number,
): NotOverrun | null {
  const comparable = rows
    .filter((r) => r.lastAuthorPapers >= NOT_OVERRUN_MIN_LAST_AUTHOR_PAPERS && lastAuthorCount(r) !== null)
    .map((r) => r.lastAuthorStudents);
  const max = percentile(comparable, NOT_OVERRUN_PERCENTILE);
  return max === null
    ? null
    : {
        max,
        year,
        percentile: NOT_OVERRUN_PERCENTILE,
        minLastAuthorPapers: NOT_OVERRUN_MIN_LAST_AUTHOR_PAPERS,
        comparable: comparable.length,
      };
}
