// The partner's home: postings by status, the tier's quota, featured postings, candidates arriving
// live and unread notifications. No element takes the focus on arrival: the first Tab reaches the
// skip link, as on every page.
import "../../ui/blocks.css";
import "./dashboard.css";
import { useCallback, useMemo, useRef, useState } from "react";
import { Link } from "react-router";
import { useMutation, useQuery } from "urql";
import { formatDate, formatDateTime, formatNumber } from "../../app/format";
import { useMatchUpdates, type MatchUpdate } from "../../app/live";
import { NOTIFICATION_TYPES } from "../../app/notifications";
import { Loading, QueryResult } from "../../app/QueryResult";
import { useSession } from "../../app/session";
import type { PartnerDashboardQuery, PostingStatus } from "../../graphql/graphql";
import { Alert } from "../../ui/Alert";
import { Badge } from "../../ui/Badge";
import { Button } from "../../ui/Button";
import { PageTitle } from "../../ui/PageTitle";
import { Table } from "../../ui/Table";
import { isWorthShowing, LiveCandidates, type LiveEntry } from "./LiveCandidates";
import { messages } from "./messages";
import { MarkAllNotificationsReadDocument, PartnerDashboardDocument, UnreadNotificationsDocument } from "./operations";

const MAX_LIVE_ENTRIES = 10;

type Dashboard = PartnerDashboardQuery;
type OpenPosting = Dashboard["open"]["edges"][number]["node"];

export function DashboardPage() {
  const { user } = useSession();
  const partnerId = user?.partner?.id;
  const [result, reexecute] = useQuery({
    query: PartnerDashboardDocument,
    variables: { partnerId: partnerId ?? "" },
    pause: !partnerId,
  });
  const [entries, setEntries] = useState<LiveEntry[]>([]);
  const counter = useRef(0);
  const onUpdate = useCallback(
    (update: MatchUpdate) => {
      reexecute({ requestPolicy: "network-only" });
      if (!isWorthShowing(update)) return;
      counter.current += 1;
      const entry = { key: counter.current, update, at: new Date().toISOString() };
      setEntries((previous) => [entry, ...previous].slice(0, MAX_LIVE_ENTRIES));
    },
    [reexecute],
  );
  useMatchUpdates(onUpdate);
  // The same query as the notifications panel (urql answers both from one request).
  const [notifications] = useQuery({ query: UnreadNotificationsDocument, context: NOTIFICATION_TYPES });
  const notificationsRead = notifications.data !== undefined || notifications.error !== undefined;
  const titles = useMemo(() => {
    const byId = new Map<string, string>();
    for (const edge of result.data?.open.edges ?? []) byId.set(edge.node.id, edge.node.title);
    return byId;
  }, [result.data]);

  return (
    <section>
      <PageTitle focusOnArrival={false}>{messages.title}</PageTitle>
      <p>{user?.partner?.name ? messages.welcome(user.partner.name) : messages.welcomeNoCompany}</p>
      {/* The panels appear together once the page's data is read: none moves under the reader's eyes. */}
      {partnerId && (result.data === undefined || !notificationsRead) ? (
        <QueryResult result={result}>{() => <Loading />}</QueryResult>
      ) : (
        <div className="dashboard">
          {result.data ? <PostingsSummary data={result.data} /> : null}
          <LiveCandidates entries={entries} titleOf={(id) => titles.get(id)} />
          <UnreadNotifications />
          {result.data ? <OpenPostings open={result.data.open.edges.map((edge) => edge.node)} /> : null}
        </div>
      )}
    </section>
  );
}

function PostingsSummary({ data }: { data: Dashboard }) {
  const counts: [PostingStatus, number][] = [
    ["DRAFT", data.drafts.totalCount],
    ["OPEN", data.open.totalCount],
    ["PAUSED", data.paused.totalCount],
    ["FILLED", data.filled.totalCount],
    ["CLOSED", data.closed.totalCount],
  ];
  const open = data.open.edges.map((edge) => edge.node);
  return (
    <>
      <section aria-labelledby="status-heading" className="panel">
        <h2 id="status-heading">{messages.byStatus.heading}</h2>
        <dl className="stat-grid">
          {counts.map(([status, count]) => (
            <div key={status} className="stat">
              <dt>{messages.status[status]}</dt>
              <dd>{formatNumber(count)}</dd>
            </div>
          ))}
        </dl>
      </section>
      <Quota used={data.open.totalCount} tier={data.partner.tier} />
      <Featured open={open} canFeature={data.partner.tier.canFeaturePostings} />
    </>
  );
}

function OpenPostings({ open }: { open: readonly OpenPosting[] }) {
  return (
    <section aria-labelledby="open-heading" className="panel panel--wide">
      <h2 id="open-heading">{messages.open.heading}</h2>
      <Table
        caption={messages.open.caption}
        rows={open}
        rowKey={(posting) => posting.id}
        empty={messages.open.empty}
        columns={[
          {
            header: messages.open.title,
            cell: (posting) => (
              <>
                <Link to={`annonces/${posting.id}/candidats`} aria-label={messages.open.see(posting.title)}>
                  {posting.title}
                </Link>
                {posting.featured ? (
                  <>
                    {" "}
                    <Badge tone="info">{messages.open.featured}</Badge>
                  </>
                ) : null}
              </>
            ),
          },
          { header: messages.open.candidates, numeric: true, cell: (posting) => formatNumber(posting.matchCount) },
          { header: messages.open.interested, numeric: true, cell: (posting) => formatNumber(posting.interestedCount) },
          { header: messages.open.published, cell: (posting) => (posting.publishedAt ? formatDate(posting.publishedAt) : "—") },
        ]}
      />
    </section>
  );
}

function Quota({ used, tier }: { used: number; tier: Dashboard["partner"]["tier"] }) {
  const text = messages.quota;
  const max = tier.maxOpenPostings;
  const share = max ? Math.min(1, used / max) : 0;
  return (
    <section aria-labelledby="quota-heading" className="panel">
      <h2 id="quota-heading">{text.heading}</h2>
      <p>{text.tier(tier.label)}</p>
      {max === null || max === undefined ? (
        <p>{text.unlimited(formatNumber(used))}</p>
      ) : (
        <>
          <p className="quota__figure">{text.used(formatNumber(used), formatNumber(max))}</p>
          <div className="bar" aria-hidden="true">
            <span className={used >= max ? "bar__fill bar__fill--full" : "bar__fill"} style={{ width: `${share * 100}%` }} />
          </div>
          <p>{text.left(Math.max(0, max - used))}</p>
        </>
      )}
    </section>
  );
}

function Featured({ open, canFeature }: { open: readonly OpenPosting[]; canFeature: boolean }) {
  const featured = open.filter((posting) => posting.featured);
  return (
    <section aria-labelledby="featured-heading" className="panel">
      <h2 id="featured-heading">{messages.featured.heading}</h2>
      {featured.length > 0 ? (
        <ul>
          {featured.map((posting) => (
            <li key={posting.id}>
              <Link to={`annonces/${posting.id}/candidats`} aria-label={messages.open.see(posting.title)}>
                {posting.title}
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">{canFeature ? messages.featured.none : messages.featured.notInTier}</p>
      )}
    </section>
  );
}

function UnreadNotifications() {
  const text = messages.notifications;
  const [result, reexecute] = useQuery({ query: UnreadNotificationsDocument, context: NOTIFICATION_TYPES });
  const [marked, markAll] = useMutation(MarkAllNotificationsReadDocument);
  const [done, setDone] = useState(false);
  useMatchUpdates(() => reexecute({ requestPolicy: "network-only" }));
  const notifications = result.data?.notifications;
  const count = notifications?.totalCount ?? 0;
  return (
    <section aria-labelledby="notifications-heading" className="panel">
      <h2 id="notifications-heading">{text.heading}</h2>
      <p role="status">{text.count(count)}</p>
      {notifications && notifications.edges.length > 0 ? (
        <>
          <ul className="notification-list">
            {notifications.edges.map(({ node }) => (
              <li key={node.id}>
                <p className="notification__title">
                  {node.subjectType === "posting" && node.subjectId ? (
                    <Link to={`annonces/${node.subjectId}/candidats`}>{node.title}</Link>
                  ) : (
                    node.title
                  )}
                </p>
                <p>{node.body}</p>
                <p className="muted">{formatDateTime(node.createdAt)}</p>
              </li>
            ))}
          </ul>
          <Button
            variant="secondary"
            busy={marked.fetching}
            onClick={() => {
              void markAll({}, NOTIFICATION_TYPES).then((outcome) => {
                if (!outcome.error) setDone(true);
              });
            }}
          >
            {text.markAllRead}
          </Button>
        </>
      ) : null}
      {done && count === 0 ? <Alert tone="success">{text.marked}</Alert> : null}
    </section>
  );
}
