// The company's postings: filters (status, kind) and search kept in the address (deep links, back
// button), pages through the API's cursors, the open-postings quota of the tier above the list.
import { useEffect, useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { useQuery } from "urql";
import { formatDate } from "../../app/format";
import { QueryResult } from "../../app/QueryResult";
import type { PostingFilter, PostingKind, PostingStatus, PostingsListQuery } from "../../graphql/graphql";
import { Badge } from "../../ui/Badge";
import { Button } from "../../ui/Button";
import { TextField } from "../../ui/Field";
import { PageTitle } from "../../ui/PageTitle";
import { Table, type Column } from "../../ui/Table";
import { optionsOf, SelectField } from "./fields";
import { messages } from "./messages";
import { PostingsListDocument } from "./operations";
import { POSTINGS_PATH } from "./PostingEditorPage";
import { QuotaLine } from "./QuotaLine";
import { StatusBadge } from "./StatusBadge";
import "./postings.css";

export const PAGE_SIZE = 20;
type Row = PostingsListQuery["postings"]["edges"][number]["node"];
const STATUSES = Object.keys(messages.labels.status) as PostingStatus[];
const KINDS = Object.keys(messages.labels.kind) as PostingKind[];

export function PostingsPage() {
  const text = messages.list;
  const [params, setParams] = useSearchParams();
  const status = STATUSES.find((value) => value === params.get("statut")) ?? null;
  const kind = KINDS.find((value) => value === params.get("type")) ?? null;
  const search = params.get("q") ?? "";
  const filtered = status !== null || kind !== null || search !== "";
  // what the form shows, until applied; follows the address (back button, "clear the filters")
  const [fields, setFields] = useState({ statut: status ?? "", type: kind ?? "", q: search });
  useEffect(() => setFields({ statut: status ?? "", type: kind ?? "", q: search }), [status, kind, search]);

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [key, value] of Object.entries(fields)) if (value.trim()) next.set(key, value.trim());
    setParams(next);
  }

  return (
    <section>
      <PageTitle>{text.title}</PageTitle>
      <p>{text.intro}</p>
      <QuotaLine />
      <p className="actions">
        <Link className="button button--primary" to={`${POSTINGS_PATH}/nouvelle-offre`}>
          {text.newRole}
        </Link>
        <Link className="button button--secondary" to={`${POSTINGS_PATH}/nouveau-besoin`}>
          {text.newNeed}
        </Link>
      </p>

      <form role="search" aria-label={text.filtersLegend} className="filters" onSubmit={apply}>
        <SelectField label={text.status} name="statut" value={fields.statut} onChange={(event) => setFields({ ...fields, statut: event.target.value })} options={optionsOf(messages.labels.status, text.all)} />
        <SelectField label={text.kind} name="type" value={fields.type} onChange={(event) => setFields({ ...fields, type: event.target.value })} options={optionsOf(messages.labels.kind, text.all)} />
        <TextField label={text.search} hint={text.searchHint} type="search" name="q" value={fields.q} onChange={(event) => setFields({ ...fields, q: event.target.value })} />
        <div className="actions filters__actions">
          <Button type="submit" variant="secondary">
            {text.apply}
          </Button>
          {filtered ? (
            <Link to={POSTINGS_PATH} className="button button--secondary">
              {text.reset}
            </Link>
          ) : null}
        </div>
      </form>

      <PostingsTable key={params.toString()} filter={{ statuses: status ? [status] : null, kinds: kind ? [kind] : null, search: search || null }} filtered={filtered} />
    </section>
  );
}

/** One filtered listing; a new filter mounts a new one, back on its first page. */
function PostingsTable({ filter, filtered }: { filter: PostingFilter; filtered: boolean }) {
  const text = messages.list;
  // the cursor of each page shown so far (the first page has none)
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  // refreshed on every visit: an empty page holds no posting for a mutation to invalidate
  const [result] = useQuery({ query: PostingsListDocument, variables: { first: PAGE_SIZE, after, filter }, requestPolicy: "cache-and-network" });
  return (
        <QueryResult result={result}>
          {(data) => {
            const rows = data.postings.edges.map((edge) => edge.node);
            const page = cursors.length;
            return (
              <>
                <p role="status" className="list-count">
                  {text.total(data.postings.totalCount)} {data.postings.totalCount > PAGE_SIZE ? text.page(page) : null}
                </p>
                <Table
                  caption={text.caption(rows.length, data.postings.totalCount)}
                  columns={COLUMNS}
                  rows={rows}
                  rowKey={(row) => row.id}
                  empty={filtered ? text.empty : text.emptyAll}
                />
                {page > 1 || data.postings.pageInfo.hasNextPage ? (
                  <nav className="actions pager" aria-label={text.pagination}>
                    {page > 1 ? (
                      <Button variant="secondary" onClick={() => setCursors((stack) => stack.slice(0, -1))}>
                        {text.previous}
                      </Button>
                    ) : null}
                    {data.postings.pageInfo.hasNextPage ? (
                      <Button variant="secondary" onClick={() => setCursors((stack) => [...stack, data.postings.pageInfo.endCursor ?? null])}>
                        {text.next}
                      </Button>
                    ) : null}
                  </nav>
                ) : null}
              </>
            );
          }}
        </QueryResult>
  );
}

function place(row: Row): string {
  if (row.remotePolicy === "FULL") return messages.list.fullRemote;
  const where = [row.commune, row.postalCode ?? (row.departement ? `(${row.departement})` : null)].filter(Boolean).join(" ");
  return where || "—";
}

const COLUMNS: readonly Column<Row>[] = [
  {
    header: messages.list.columns.title,
    cell: (row) => (
      <>
        <Link to={`${POSTINGS_PATH}/${row.id}`}>{row.title}</Link>
        {row.featured ? (
          <>
            {" "}
            <Badge tone="info">{messages.list.featured}</Badge>
          </>
        ) : null}
      </>
    ),
  },
  { header: messages.list.columns.kind, cell: (row) => (row.kind === "NEED" && row.needKind ? messages.labels.needKind[row.needKind] : messages.labels.kind[row.kind]) },
  { header: messages.list.columns.status, cell: (row) => <StatusBadge status={row.status} /> },
  {
    header: messages.list.columns.occupation,
    cell: (row) => (row.normalisation.occupationLabel ? `${row.normalisation.occupationLabel}${row.normalisation.romeCode ? ` (${row.normalisation.romeCode})` : ""}` : messages.list.noOccupation),
  },
  { header: messages.list.columns.place, cell: place },
  {
    header: messages.list.columns.candidates,
    cell: (row) =>
      row.status === "DRAFT" ? (
        "—"
      ) : (
        <Link to={`${POSTINGS_PATH}/${row.id}/candidats`} aria-label={messages.list.candidatesOf(row.title, messages.list.candidates(row.matchCount, row.interestedCount))}>
          {messages.list.candidates(row.matchCount, row.interestedCount)}
        </Link>
      ),
    numeric: true,
  },
  { header: messages.list.columns.updated, cell: (row) => formatDate(row.updatedAt) },
];
