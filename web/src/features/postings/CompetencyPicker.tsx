// The competency picker: search the framework by label (optionally within one domain), results grouped
// under their domain's label; each chosen competency gets a level (1–4) and "required or nice to have".
import { useId, useMemo, useRef, useState } from "react";
import { useQuery } from "urql";
import type { CompetencySearchQuery } from "../../graphql/graphql";
import { FieldError } from "./fields";
import type { CompetencyChoice } from "./draft";
import { messages } from "./messages";
import { CompetencyDomainsDocument, CompetencySearchDocument } from "./operations";
import { useDebounced } from "./useDebounced";

const PAGE = 100;
const LEVELS = [1, 2, 3, 4] as const;
type Found = CompetencySearchQuery["competencies"]["edges"][number]["node"];

interface CompetencyPickerProps {
  value: readonly CompetencyChoice[];
  onChange: (value: CompetencyChoice[]) => void;
  error?: string | undefined;
  disabled?: boolean;
  /** A new posting: an empty list lets the server propose the occupation's typical competencies. */
  creating?: boolean;
}

export function CompetencyPicker({ value, onChange, error, disabled = false, creating = false }: CompetencyPickerProps) {
  const text = messages.competencies;
  const id = useId();
  const searchInput = useRef<HTMLInputElement>(null);
  const [search, setSearch] = useState("");
  const [domainId, setDomainId] = useState("");
  const [announcement, setAnnouncement] = useState("");
  const settled = useDebounced(search.trim());
  const [domainsResult] = useQuery({ query: CompetencyDomainsDocument });
  const domains = useMemo(() => domainsResult.data?.competencyDomains ?? [], [domainsResult.data]);
  const domainLabel = useMemo(() => new Map(domains.map((domain) => [domain.id, domain.label])), [domains]);
  const searching = settled.length >= 2 || domainId !== "";
  const [found] = useQuery({
    query: CompetencySearchDocument,
    variables: { first: PAGE, filter: { search: settled.length >= 2 ? settled : null, domainId: domainId || null } },
    pause: !searching,
  });
  const chosen = new Set(value.map((item) => item.competencyId));

  function add(competency: Found) {
    if (chosen.has(competency.id) || disabled) return;
    onChange([...value, { competencyId: competency.id, label: competency.label, domainId: competency.domainId, level: 2, required: true, mustHave: false }]);
    setAnnouncement(text.addedNotice(competency.label));
  }

  function update(competencyId: string, change: Partial<CompetencyChoice>) {
    onChange(value.map((item) => (item.competencyId === competencyId ? { ...item, ...change } : item)));
  }

  function remove(item: CompetencyChoice) {
    onChange(value.filter((other) => other.competencyId !== item.competencyId));
    setAnnouncement(text.removed(item.label));
    searchInput.current?.focus();
  }

  const groups = groupByDomain(found.data?.competencies.edges.map((edge) => edge.node) ?? [], domains);
  const errorId = `${id}-error`;

  return (
    <fieldset className={error ? "picker field--invalid" : "picker"} aria-describedby={[`${id}-hint`, error ? errorId : null].filter(Boolean).join(" ")}>
      <legend>{text.legend}</legend>
      <p className="field__hint" id={`${id}-hint`}>
        {text.hint} {creating ? text.hintNew : null}
      </p>
      <FieldError id={errorId} error={error} />

      <div className="picker__chosen">
        {value.length === 0 ? (
          <p className="empty">{text.none}</p>
        ) : (
          <ul className="chosen-list" aria-label={text.chosenCaption}>
            {value.map((item) => (
              <li key={item.competencyId} className="chosen">
                <p className="chosen__label">
                  <strong>{item.label}</strong>
                  {domainLabel.get(item.domainId) ? <span className="chosen__domain"> — {domainLabel.get(item.domainId)}</span> : null}
                </p>
                <div className="chosen__controls">
                  <label className="inline-field">
                    <span>{messages.editor.fields.level}</span>
                    <select
                      aria-label={text.level(item.label)}
                      value={item.level}
                      disabled={disabled}
                      onChange={(event) => update(item.competencyId, { level: Number(event.target.value) })}
                    >
                      {LEVELS.map((level) => (
                        <option key={level} value={level}>
                          {messages.labels.level[level]}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label className="inline-field inline-field--check">
                    <input
                      type="checkbox"
                      aria-label={text.required(item.label)}
                      checked={item.required}
                      disabled={disabled}
                      onChange={(event) => update(item.competencyId, event.target.checked ? { required: true } : { required: false, mustHave: false })}
                    />
                    <span aria-hidden="true">{text.requiredShort}</span>
                  </label>
                  <label className="inline-field inline-field--check">
                    <input
                      type="checkbox"
                      aria-label={text.mustHave(item.label)}
                      checked={item.mustHave}
                      disabled={disabled}
                      onChange={(event) => update(item.competencyId, event.target.checked ? { mustHave: true, required: true } : { mustHave: false })}
                    />
                    <span aria-hidden="true">{text.mustHaveShort}</span>
                  </label>
                  <button type="button" className="button button--secondary button--small" disabled={disabled} aria-label={text.remove(item.label)} onClick={() => remove(item)}>
                    {messages.editor.fields.remove}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>

      {disabled ? null : (
        <div className="picker__search">
          <div className="picker__filters">
            <div className="field">
              <label htmlFor={`${id}-search`}>{text.search}</label>
              <p className="field__hint" id={`${id}-search-hint`}>
                {text.searchHint}
              </p>
              <input
                id={`${id}-search`}
                ref={searchInput}
                type="search"
                autoComplete="off"
                value={search}
                aria-describedby={`${id}-search-hint`}
                onChange={(event) => setSearch(event.target.value)}
                onKeyDown={(event) => {
                  if (event.key === "Enter") event.preventDefault(); // Enter must not submit the posting
                }}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-domain`}>{text.domain}</label>
              <select id={`${id}-domain`} value={domainId} onChange={(event) => setDomainId(event.target.value)}>
                <option value="">{text.allDomains}</option>
                {domains.map((domain) => (
                  <option key={domain.id} value={domain.id}>
                    {domain.label}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <p role="status" className="picker__count">
            {searching && found.data
              ? found.data.competencies.totalCount === 0
                ? text.noResult
                : text.results(found.data.competencies.edges.length, found.data.competencies.totalCount)
              : ""}
          </p>
          {searching
            ? groups.map((group) => (
                <section key={group.id} className="picker__group" aria-label={group.label}>
                  <h3>{group.label}</h3>
                  <ul>
                    {group.items.map((competency) => {
                      const already = chosen.has(competency.id);
                      return (
                        <li key={competency.id} className="picker__item">
                          <span title={competency.description}>{competency.label}</span>
                          <button
                            type="button"
                            className="button button--secondary button--small"
                            aria-disabled={already || undefined}
                            aria-label={already ? `${competency.label} : ${text.added}` : text.add(competency.label)}
                            onClick={() => add(competency)}
                          >
                            {already ? text.added : messages.editor.fields.add}
                          </button>
                        </li>
                      );
                    })}
                  </ul>
                </section>
              ))
            : null}
        </div>
      )}
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
    </fieldset>
  );
}

/** Results under their domain, in the framework's order of domains; domains shown by their label. */
function groupByDomain(items: readonly Found[], domains: readonly { id: string; label: string }[]) {
  const order = new Map(domains.map((domain, index) => [domain.id, index]));
  const groups = new Map<string, { id: string; label: string; items: Found[] }>();
  for (const item of items) {
    const group = groups.get(item.domainId) ?? { id: item.domainId, label: domains.find((domain) => domain.id === item.domainId)?.label ?? messages.competencies.otherDomain, items: [] };
    group.items.push(item);
    groups.set(item.domainId, group);
  }
  return [...groups.values()].sort((a, b) => (order.get(a.id) ?? 99) - (order.get(b.id) ?? 99));
}
