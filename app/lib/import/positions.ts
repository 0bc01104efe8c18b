/**
 * Who can supervise a PhD, judged from the position an author declared on OpenReview.
 * Self-declared titles are free text ("Full Professor", "Assistant Professor+Postdoc",
 * "Principal Researcher", "PhD student"); several are joined by "+".
 */

// A title that, on its own, means the person can supervise (or co-supervise) PhD students.
const SUPERVISOR =
  /\bprofess?or\b|\bprof\b|\blecturer\b|\breader\b|\bfaculty\b|\bdirect(or|eur) (of )?(de )?research\b|\bresearch director\b|\bdirecteur de recherche|\bprincip(al|le) (research )?(researcher|scientist|investigator|staff member)\b|\bpi\b|\bstaff (research )?(researcher|scientist)\b|\bsenior staff\b|\bdistinguished (research )?(scientist|researcher|professor)\b|\bchief scientist\b|\b(research )?group leader\b|\bteam leader\b|\bresearch lead(er)?\b|\bhead of research\b|\btenured\b|\bsenior (research )?(researcher|scientist)\b|\bresearch (team|group) lead\b|\bmaître de conférences\b|\bmaitre de conferences\b|\bhdr\b/;

// Titles that rule a part out even when it also matches the pattern above
// ("Research Assistant", "Graduate Student Researcher", "Emeritus Professor").
const NOT_SUPERVISOR =
  /\bstudent\b|\bpostdoc|\bpost-doc|\bpost doc|\bintern(ship)?\b|\bresident\b|\bundergrad|\bph\.? ?d\b(?! (advisor|supervisor))|\bcandidate\b|\bresearch assistant\b(?! professor)|\bengineer\b|\bemerit(us|a)\b|\bretired\b|\bvisiting (scholar|student)\b/;

export function positionParts(position: string): string[] {
  return position
    .split("+")
    .map((p) => p.trim())
    .filter(Boolean);
}

// French research grades: permanent researchers of CNRS, Inria, INRAE... wherever they are printed.
const FRENCH_GRADE = /\bcharg[ée]e? de recherche|\bdirect(eur|rice) de recherche/;

// At a public research organisation (CNRS, Inria, a Max Planck institute, RIKEN, a national lab),
// a permanent research title means the person can supervise PhD students there.
const INSTITUTE_SUPERVISOR =
  /\bresearcher\b|\bresearch scientist\b|\bscientist\b|\bdirector\b|\bdirecteur\b|\bdirectrice\b|\bgroup leader\b|\bteam leader\b|\bteam lead\b|\bhead\b|\bpermanent\b|\btenured?\b|\bscientific member\b/;
// Fixed-term research titles that stay out even at a research organisation.
const INSTITUTE_NOT = /\bresearch fellow\b|\bjunior\b|\bassociate researcher\b|\bvisiting\b|\bguest\b|\bassistant\b/;

// Titles held alongside a main position that say nothing about whether it ended: an Amazon
// Scholar or a visiting professor keeps their chair.
const ALONGSIDE =
  /\bscholar\b|\bvisiting\b|\bvisitor\b|\badjunct\b|\baffiliate|\bconsultant\b|\badvis[eo]r\b|\bhonorary\b|\bcourtesy\b|\bsabbatical\b/;

// Titles of people in training: a declared trainee is not inferred to be a supervisor.
const TRAINEE =
  /\bstudent\b|\bpostdoc|\bpost-doc|\bpost doc|\bintern(ship)?\b|\bresident\b|\bundergrad|\bph\.? ?d\b|\bcandidate\b|\bresearch assistant\b(?! professor)|\bmaster/;

// A chair at a university: the post from which a person supervises PhDs there, whatever else they hold.
const PROFESSORSHIP =
  /\bprofess?or\b|\bprof\b|\blecturer\b|\breader\b|\bfaculty\b|\bmaître de conférences\b|\bmaitre de conferences\b/;

/** True when one of the titles is a professorship (not a visiting, adjunct or emeritus one). */
export function isProfessorship(position: string | null | undefined): boolean {
  if (!position) return false;
  return positionParts(position).some((part) => {
    const p = part.toLowerCase();
    return PROFESSORSHIP.test(p) && !NOT_SUPERVISOR.test(p) && !ALONGSIDE.test(p);
  });
}

/**
 * True when every title is one held alongside a main post ("Visiting Professor", "Adjunct
 * Professor", "Amazon Scholar"), even one that supervises where it is held.
 */
export function isHeldAlongside(position: string | null | undefined): boolean {
  const parts = position ? positionParts(position).map((p) => p.toLowerCase()) : [];
  return parts.length > 0 && parts.every((p) => ALONGSIDE.test(p));
}

export type PositionContext = {
  /** The title is printed with a public research organisation (seed/research-organisations.json). */
  researchOrganisation?: boolean;
};

/**
 * True when one of the declared titles is a supervising position (and not a student/postdoc/engineer
 * one). At a public research organisation, permanent research titles ("Researcher, CNRS",
 * "Research Scientist, Inria", "Director, Max Planck institute") supervise too.
 */
export function isAdvisorPosition(position: string | null | undefined, context: PositionContext = {}): boolean {
  if (!position) return false;
  return positionParts(position).some((part) => {
    const p = part.toLowerCase();
    if (NOT_SUPERVISOR.test(p)) return false;
    if (SUPERVISOR.test(p) || FRENCH_GRADE.test(p)) return true;
    return context.researchOrganisation === true && INSTITUTE_SUPERVISOR.test(p) && !INSTITUTE_NOT.test(p);
  });
}

export type PositionClass = "supervising" | "alongside" | "trainee" | "other";

/** What a declared title says about a person's career at that time (see the rules above). */
export function positionClass(position: string, context: PositionContext = {}): PositionClass {
  if (isAdvisorPosition(position, context)) return "supervising";
  const parts = positionParts(position).map((p) => p.toLowerCase());
  if (parts.some((p) => TRAINEE.test(p))) return "trainee";
  if (isHeldAlongside(position)) return "alongside";
  return "other";
}

export type DeclaredPosition = { position: string; year: number };

/**
 * The position a person holds now: the one declared on their most recent paper; among papers of
 * that year, the most frequent declaration (ties: alphabetical, so the result is stable).
 */
export function currentPosition(declared: DeclaredPosition[]): DeclaredPosition | null {
  if (declared.length === 0) return null;
  const latest = Math.max(...declared.map((d) => d.year));
  const counts = new Map<string, number>();
  for (const d of declared) if (d.year === latest) counts.set(d.position, (counts.get(d.position) ?? 0) + 1);
  const [position] = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  return { position, year: latest };
}

/**
 * The supervising position a person holds now, or null when they hold none. Declarations of the
 * most recent year count together: someone who declares "Research Scientist" at a company and
 * "Adjunct Professor" at a university in the same year holds both roles, and can supervise with
 * the second. Among that year's supervising declarations, the most frequent one (ties:
 * alphabetical). An older supervising title never counts once a later year declares none
 * (a professor who moved to industry, say).
 */
export function currentSupervisingPosition(declared: DeclaredPosition[]): DeclaredPosition | null {
  if (declared.length === 0) return null;
  const latest = Math.max(...declared.map((d) => d.year));
  const current = declared.filter((d) => d.year === latest && isAdvisorPosition(d.position));
  return currentPosition(current);
}

// A doctoral student: "PhD student", "Ph.D. Candidate", "Doctoral researcher", "Integrated MS/PhD",
// "PhD Intern". A bare "PhD" is left out: it reads as well as "holds a PhD" as "is doing one".
const PHD_STUDENT =
  /\bph\.? ?d\.?\b.*\b(student|candidate|researcher|fellow|intern)\b|\b(student|candidate)\b.*\bph\.? ?d\b|\bdoctoral (student|candidate|researcher)\b|\bdoctorant|\b(integrated|combined) m\.?s\.? ?\/ ?ph\.? ?d\b/;
const NOT_PHD_STUDENT = /post-? ?doc|pre-? ?doc/;

/** True when one of the declared titles says the person is a PhD student (self-declared, as printed). */
export function isPhdStudentPosition(position: string | null | undefined): boolean {
  if (!position) return false;
  return positionParts(position).some((part) => {
    const p = part.toLowerCase();
    return PHD_STUDENT.test(p) && !NOT_PHD_STUDENT.test(p);
  });
}

/** True when one of the declared titles is a postdoctoral one ("Postdoc", "Postdoctoral Fellow", "Post-doc"). */
export function isPostdocPosition(position: string | null | undefined): boolean {
  if (!position) return false;
  return positionParts(position).some((part) => /\bpost-? ?doc/.test(part.toLowerCase()));
}
