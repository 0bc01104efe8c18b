/**
 * The header search: a GET form to /search (works without JavaScript) that, with JavaScript,
 * suggests advisors, labs and institutions as you type (debounced, through a fetcher to
 * /api/search) in an ARIA combobox: arrows move, Enter opens, Escape closes.
 * Kept small on purpose: it is on every page.
 */
import { Form, useFetcher, useLocation, useNavigate } from "@remix-run/react";
import { useEffect, useId, useRef, useState } from "react";
import { HIT_GROUP_LABELS, type HitType, orderHitTypes, searchHitHref } from "~/lib/search/links";

type Hit = { type: HitType; slug: string; name: string; subtitle: string };
type Answer = { hits: Hit[] };

const DEBOUNCE_MS = 150;
const MIN_CHARS = 2;
const PER_GROUP = 4;

export function SearchBox() {
  const id = useId();
  const fetcher = useFetcher<Answer>();
  const navigate = useNavigate();
  const location = useLocation();
  const [value, setValue] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const { load } = fetcher;

  const q = value.trim();
  useEffect(() => {
    clearTimeout(timer.current);
    if (q.length < MIN_CHARS) return;
    timer.current = setTimeout(() => load(`/api/search?limit=${PER_GROUP}&q=${encodeURIComponent(q)}`), DEBOUNCE_MS);
    return () => clearTimeout(timer.current);
  }, [q, load]);

  // A new page closes the suggestions.
  useEffect(() => {
    setOpen(false);
    setActive(-1);
  }, [location.key]);

  const answer = q.length >= MIN_CHARS ? (fetcher.data?.hits ?? []) : [];
  // The groups in the order shown (the one the query names first), and the options in that order.
  const groups = orderHitTypes(answer, q);
  const hits = groups.flatMap((type) => answer.filter((h) => h.type === type));
  useEffect(() => setActive(-1), [fetcher.data]);
  const shown = open && hits.length > 0;
  const optionId = (i: number) => `${id}-opt-${i}`;
  const go = (hit: Hit) => {
    setOpen(false);
    navigate(searchHitHref(hit));
  };

  return (
    <Form method="get" action="/search" role="search" className="header-search" onSubmit={() => setOpen(false)}>
      <label htmlFor={`${id}-input`} className="visually-hidden">
        Search advisors, labs and institutions
      </label>
      <input
        id={`${id}-input`}
        type="search"
        name="q"
        placeholder="Search advisors, labs, institutions"
        autoComplete="off"
        maxLength={200}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={`${id}-list`}
        aria-activedescendant={shown && active >= 0 ? optionId(active) : undefined}
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" || e.key === "ArrowUp") {
            if (!hits.length) return;
            e.preventDefault();
            setOpen(true);
            const step = e.key === "ArrowDown" ? 1 : -1;
            // -1 is the input itself; the options follow in the order shown (grouped by type).
            setActive((a) => {
              const next = a + step;
              return next >= hits.length ? -1 : next < -1 ? hits.length - 1 : next;
            });
          } else if (e.key === "Enter" && shown && active >= 0 && hits[active]) {
            e.preventDefault();
            go(hits[active]);
          } else if (e.key === "Escape" && shown) {
            e.preventDefault(); // the first Escape closes the list; the browser's own (clearing the field) comes next
            setOpen(false);
            setActive(-1);
          }
        }}
      />
      <button type="submit" className="secondary">
        Search
      </button>
      <ul id={`${id}-list`} role="listbox" aria-label="Suggestions" className="search-suggestions" hidden={!shown}>
        {groups.map((type) => {
          const group = hits.map((h, i) => ({ h, i })).filter((x) => x.h.type === type);
          if (group.length === 0) return null;
          return (
            <li key={type} role="presentation">
              <ul role="group" aria-labelledby={`${id}-${type}`}>
                <li role="presentation" id={`${id}-${type}`} className="search-group-label">
                  {HIT_GROUP_LABELS[type]}
                </li>
                {group.map(({ h, i }) => (
                  <li
                    key={type + h.slug}
                    id={optionId(i)}
                    role="option"
                    aria-selected={i === active}
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={() => go(h)}
                  >
                    <span>{h.name}</span>
                    {h.subtitle && <small>{h.subtitle}</small>}
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
      </ul>
    </Form>
  );
}
