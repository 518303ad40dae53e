// The partnership report: request a period, follow the generation, read the figures, download CSV and PDF.
// The report being read is in the address (?rapport=<id>), so a reload or a shared link shows it again.
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { useClient, useMutation, useQuery } from "urql";
import { problemOf } from "../../app/errors";
import { formatDateTime } from "../../app/format";
import { ProblemNotice } from "../../app/ProblemView";
import { QueryResult } from "../../app/QueryResult";
import { useSession } from "../../app/session";
import type { PartnerReportQuery, ReportFieldsFragment, ReportFormat, ReportStatus } from "../../graphql/graphql";
import { Alert, FormAlert } from "../../ui/Alert";
import { Badge } from "../../ui/Badge";
import { Button } from "../../ui/Button";
import { TextField } from "../../ui/Field";
import { useFormErrors } from "../../ui/form";
import { PageTitle } from "../../ui/PageTitle";
import { messages } from "./messages";
import { PartnerReportDocument, PartnerReportsDocument, ReportDownloadDocument, RequestPartnerReportDocument } from "./operations";
import { previousMonthKey } from "./period";
import { ReportFigures } from "./ReportFigures";
import "./reports.css";

const FIELDS = ["period"] as const;
const POLL_MS = 1000;
const IN_PROGRESS: readonly ReportStatus[] = ["PENDING", "RUNNING"];

export function ReportPage() {
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const reportId = params.get("rapport");
  const partnerId = user?.partner?.id;
  // The report as the request returned it: its status shows at once, before the first poll answers.
  const [requested, setRequested] = useState<ReportFieldsFragment | null>(null);
  // Bumped when a report is requested or changes status: the list below is read again.
  const [changes, setChanges] = useState(0);
  const changed = useCallback(() => setChanges((count) => count + 1), []);
  return (
    <section>
      <PageTitle>{messages.title}</PageTitle>
      <p>{messages.intro}</p>
      {partnerId ? (
        <>
          <RequestForm
            partnerId={partnerId}
            onRequested={(report) => {
              setRequested(report);
              setParams({ rapport: report.id });
              changed();
            }}
          />
          {reportId ? <ReportView key={reportId} id={reportId} requested={requested?.id === reportId ? requested : null} onStatus={changed} /> : null}
          <History partnerId={partnerId} current={reportId} changes={changes} />
        </>
      ) : (
        <Alert tone="error">{messages.noCompany}</Alert>
      )}
    </section>
  );
}

function RequestForm({ partnerId, onRequested }: { partnerId: string; onRequested: (report: ReportFieldsFragment) => void }) {
  const [period, setPeriod] = useState(previousMonthKey);
  const [state, request] = useMutation(RequestPartnerReportDocument);
  const { errors, show } = useFormErrors(FIELDS);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await request({ partnerId, period: period.trim() });
    const payload = result.data?.requestPartnerReport;
    if (!payload) return;
    show(payload.errors);
    if (payload.report) onRequested(payload.report);
  }

  return (
    <section aria-labelledby="demander" className="report-request">
      <h2 id="demander">{messages.requestTitle}</h2>
      {state.error ? <ProblemNotice problem={problemOf(state.error)} /> : null}
      <FormAlert title={messages.formErrorsTitle} messages={errors.general} />
      <form onSubmit={submit} noValidate className="report-request__form">
        <TextField label={messages.period} hint={messages.periodHint} name="period" required value={period} onChange={(event) => setPeriod(event.target.value)} error={errors.at("period")} />
        <div>
          <Button type="submit" busy={state.fetching}>
            {state.fetching ? messages.requesting : messages.request}
          </Button>
        </div>
      </form>
    </section>
  );
}

function ReportView({ id, requested, onStatus }: { id: string; requested: ReportFieldsFragment | null; onStatus: () => void }) {
  const [result, reexecute] = useQuery({ query: PartnerReportDocument, variables: { id }, requestPolicy: "cache-and-network" });
  const status = result.data?.report.status ?? requested?.status;
  const inProgress = status !== undefined && IN_PROGRESS.includes(status);
  useEffect(() => {
    if (!inProgress || result.fetching) return undefined;
    const timer = window.setTimeout(() => reexecute({ requestPolicy: "network-only" }), POLL_MS);
    return () => window.clearTimeout(timer);
  }, [inProgress, result.fetching, result.data, reexecute]);
  const seen = useRef(status);
  useEffect(() => {
    if (seen.current !== status) onStatus();
    seen.current = status;
  }, [status, onStatus]);

  return (
    <section aria-labelledby="rapport" className="report">
      {result.data === undefined && requested ? (
        <ReportState report={{ ...requested, tables: [] }} />
      ) : (
        <QueryResult result={result}>{({ report }) => <ReportState report={report} />}</QueryResult>
      )}
    </section>
  );
}

function ReportState({ report }: { report: PartnerReportQuery["report"] }) {
  return (
    <>
      <h2 id="rapport">{report.title ?? `${messages.title} — ${report.period.label}`}</h2>
      <p>{messages.reportFor(report.period.label)}</p>
      <div role="status" className="report__status">
        <p>{report.status === "FAILED" ? null : messages.status[report.status]}</p>
        {IN_PROGRESS.includes(report.status) ? (
          <>
            <progress max={100} value={report.progress} aria-label={messages.progressLabel} />
            <p>{messages.progressText(report.progress)}</p>
          </>
        ) : null}
      </div>
      {report.status === "FAILED" ? <Alert tone="error">{messages.status.FAILED}</Alert> : null}
      {report.status === "DONE" ? (
        <>
          {report.finishedAt ? <p>{messages.generatedOn(formatDateTime(report.finishedAt))}</p> : null}
          <Downloads id={report.id} />
          <ReportFigures tables={report.tables} />
        </>
      ) : null}
    </>
  );
}

function Downloads({ id }: { id: string }) {
  const client = useClient();
  const [busy, setBusy] = useState<ReportFormat | null>(null);
  const [failed, setFailed] = useState(false);

  async function download(format: ReportFormat) {
    setBusy(format);
    setFailed(false);
    const result = await client.query(ReportDownloadDocument, { id, format }, { requestPolicy: "network-only" }).toPromise();
    setBusy(null);
    const url = result.data?.report.downloadUrl;
    if (!url) {
      setFailed(true);
      return;
    }
    // A same-origin link with `download` saves the file (the PDF would otherwise open inline).
    const link = document.createElement("a");
    link.href = url;
    link.download = "";
    document.body.append(link);
    link.click();
    link.remove();
  }

  return (
    <section aria-labelledby="telecharger" className="report__downloads">
      <h3 id="telecharger">{messages.downloads}</h3>
      {failed ? <Alert tone="error">{messages.downloadFailed}</Alert> : null}
      <div className="actions">
        <Button variant="secondary" busy={busy === "CSV_ZIP"} onClick={() => void download("CSV_ZIP")}>
          {busy === "CSV_ZIP" ? messages.downloading : messages.downloadCsv}
        </Button>
        <Button variant="secondary" busy={busy === "PDF"} onClick={() => void download("PDF")}>
          {busy === "PDF" ? messages.downloading : messages.downloadPdf}
        </Button>
      </div>
    </section>
  );
}

function History({ partnerId, current, changes }: { partnerId: string; current: string | null; changes: number }) {
  const [result, reexecute] = useQuery({ query: PartnerReportsDocument, variables: { partnerId, first: 10 }, requestPolicy: "cache-and-network" });
  useEffect(() => {
    if (changes > 0) reexecute({ requestPolicy: "network-only" });
  }, [changes, reexecute]);
  return (
    <section aria-labelledby="historique" className="report-history">
      <h2 id="historique">{messages.history}</h2>
      <QueryResult result={result}>
        {({ reports }) =>
          reports.edges.length === 0 ? (
            <p className="empty">{messages.historyEmpty}</p>
          ) : (
            <ul className="report-history__list">
              {reports.edges.map(({ node }) => (
                <li key={node.id}>
                  <Link to={`?rapport=${node.id}`} aria-current={node.id === current ? "true" : undefined} aria-label={messages.open(node.period.label)}>
                    {node.period.label}
                  </Link>{" "}
                  <Badge tone={node.status === "DONE" ? "success" : node.status === "FAILED" ? "danger" : "neutral"}>
                    {messages.statusBadge[node.status]}
                  </Badge>{" "}
                  <span className="report-history__date">{formatDateTime(node.createdAt)}</span>
                </li>
              ))}
            </ul>
          )
        }
      </QueryResult>
    </section>
  );
}
