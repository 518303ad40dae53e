// The company's accounts (partner admins only; the route and its link are hidden from recruiters,
// and the server refuses them anyway): active accounts, pending invitations, deactivated accounts.
import "../../ui/blocks.css";
import "./team.css";
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { problemOf } from "../../app/errors";
import { formatDate, formatDateTime } from "../../app/format";
import { messages as appMessages } from "../../app/messages";
import { ProblemNotice } from "../../app/ProblemView";
import { QueryResult } from "../../app/QueryResult";
import { useSession } from "../../app/session";
import type { TeamUsersQuery } from "../../graphql/graphql";
import { Alert, FormAlert } from "../../ui/Alert";
import { Button } from "../../ui/Button";
import { PageTitle } from "../../ui/PageTitle";
import { Table, type Column } from "../../ui/Table";
import { InviteForm } from "./InviteForm";
import { messages } from "./messages";
import { SetTeammateActiveDocument, TeamUsersDocument } from "./operations";

type Teammate = TeamUsersQuery["users"]["edges"][number]["node"];

const nameOf = (user: Teammate) => user.fullName || user.email;

export function TeamPage() {
  const [result, reexecute] = useQuery({ query: TeamUsersDocument, variables: { first: 100 } });
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <section>
      <PageTitle>{messages.title}</PageTitle>
      <p>{messages.intro}</p>
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      <QueryResult result={result}>{(data) => <Accounts users={data.users.edges.map((edge) => edge.node)} onChanged={setNotice} />}</QueryResult>
      <InviteForm onInvited={() => reexecute({ requestPolicy: "network-only" })} />
    </section>
  );
}

function Accounts({ users, onChanged }: { users: readonly Teammate[]; onChanged: (notice: string) => void }) {
  const { user: me } = useSession();
  const active = users.filter((user) => user.isActive && user.hasAcceptedInvitation);
  const pending = users.filter((user) => user.isActive && !user.hasAcceptedInvitation);
  const inactive = users.filter((user) => !user.isActive);
  const name: Column<Teammate> = {
    header: messages.columns.name,
    cell: (user) => (
      <>
        {user.fullName || messages.noName}
        {user.id === me?.id ? ` ${messages.you}` : ""}
      </>
    ),
  };
  const email: Column<Teammate> = { header: messages.columns.email, cell: (user) => user.email };
  const role: Column<Teammate> = { header: messages.columns.role, cell: (user) => appMessages.roles[user.role] };
  const actions = (activate: boolean): Column<Teammate> => ({
    header: messages.columns.actions,
    cell: (user) => (user.id === me?.id ? null : <ActiveToggle user={user} activate={activate} onDone={onChanged} />),
  });
  return (
    <>
      <section aria-labelledby="members-heading" className="panel">
        <h2 id="members-heading">{messages.members.heading}</h2>
        <Table
          caption={messages.members.caption}
          rows={active}
          rowKey={(user) => user.id}
          empty={messages.members.empty}
          columns={[
            name,
            email,
            role,
            { header: messages.columns.lastLogin, cell: (user) => (user.lastLoginAt ? formatDateTime(user.lastLoginAt) : messages.never) },
            actions(false),
          ]}
        />
      </section>
      <section aria-labelledby="pending-heading" className="panel">
        <h2 id="pending-heading">{messages.pending.heading}</h2>
        <Table
          caption={messages.pending.caption}
          rows={pending}
          rowKey={(user) => user.id}
          empty={messages.pending.empty}
          columns={[name, email, role, { header: messages.pending.invitedOn, cell: (user) => formatDate(user.createdAt) }, actions(false)]}
        />
      </section>
      <section aria-labelledby="inactive-heading" className="panel">
        <h2 id="inactive-heading">{messages.inactive.heading}</h2>
        <Table caption={messages.inactive.caption} rows={inactive} rowKey={(user) => user.id} empty={messages.inactive.empty} columns={[name, email, role, actions(true)]} />
      </section>
    </>
  );
}

/** Deactivation asks for a confirmation in place (no browser dialog); reactivation does not. */
function ActiveToggle({ user, activate, onDone }: { user: Teammate; activate: boolean; onDone: (notice: string) => void }) {
  const [confirming, setConfirming] = useState(false);
  const [state, setActive] = useMutation(SetTeammateActiveDocument);
  const [errors, setErrors] = useState<string[]>([]);
  const who = nameOf(user);
  const run = async () => {
    const outcome = await setActive({ userId: user.id, active: activate });
    const payload = outcome.data?.setUserActive;
    if (!payload) return;
    setErrors(payload.errors.map((error) => error.message));
    if (payload.errors.length === 0) onDone(activate ? messages.reactivated(who) : messages.deactivated(who));
  };
  return (
    <div className="row-actions">
      <FormAlert messages={errors} />
      {state.error ? <ProblemNotice problem={problemOf(state.error)} /> : null}
      {activate ? (
        <Button variant="secondary" busy={state.fetching} aria-label={messages.reactivate(who)} onClick={() => void run()}>
          {messages.reactivateShort}
        </Button>
      ) : confirming ? (
        <div role="group" aria-label={messages.confirmDeactivate(who)}>
          <p>{messages.confirmDeactivate(who)}</p>
          <div className="actions">
            <Button variant="danger" busy={state.fetching} autoFocus onClick={() => void run()}>
              {messages.confirm}
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              {messages.cancel}
            </Button>
          </div>
        </div>
      ) : (
        <Button variant="secondary" aria-label={messages.deactivate(who)} onClick={() => setConfirming(true)}>
          {messages.deactivateShort}
        </Button>
      )}
    </div>
  );
}
