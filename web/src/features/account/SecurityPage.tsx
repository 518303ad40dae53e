// The account's security page: password, e-mail address, signed-in devices, second factor.
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { useMutation, useQuery } from "urql";
import { problemOf } from "../../app/errors";
import { ProblemNotice } from "../../app/ProblemView";
import { Alert, FormAlert } from "../../ui/Alert";
import { Button } from "../../ui/Button";
import { TextField } from "../../ui/Field";
import { useFormErrors } from "../../ui/form";
import { PageTitle } from "../../ui/PageTitle";
import { Table } from "../../ui/Table";
import {
  ChangePasswordDocument,
  DisableSecondFactorDocument,
  RequestEmailChangeDocument,
  RevokeOtherSessionsDocument,
  RevokeSessionDocument,
  SecurityDocument,
} from "./operations";
import { messages } from "./messages";

const DATE = new Intl.DateTimeFormat("fr-FR", { dateStyle: "medium", timeStyle: "short" });

function PasswordSection() {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [done, setDone] = useState(false);
  const [state, change] = useMutation(ChangePasswordDocument);
  const { errors, show } = useFormErrors(["currentPassword", "newPassword"]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const payload = (await change({ currentPassword: current, newPassword: next })).data?.changePassword;
    if (!payload) return;
    show(payload.errors.map((error) => (error.field === "password" ? { ...error, field: "newPassword" } : error)));
    setDone(payload.ok);
  }

  return (
    <section aria-labelledby="security-password">
      <h2 id="security-password">{messages.passwordSection}</h2>
      {done ? <Alert tone="success">{messages.passwordChanged}</Alert> : null}
      <FormAlert title={messages.formErrorsTitle} messages={errors.general} />
      <form onSubmit={submit} noValidate>
        <TextField label={messages.currentPassword} type="password" name="currentPassword" autoComplete="current-password" required value={current} onChange={(event) => setCurrent(event.target.value)} error={errors.at("currentPassword")} />
        <TextField label={messages.newPassword} hint={messages.newPasswordHint} type="password" name="newPassword" autoComplete="new-password" required value={next} onChange={(event) => setNext(event.target.value)} error={errors.at("newPassword")} />
        <Button type="submit" busy={state.fetching}>
          {messages.changePassword}
        </Button>
      </form>
    </section>
  );
}

function EmailSection({ email, verified }: { email: string; verified: boolean }) {
  const [newEmail, setNewEmail] = useState("");
  const [password, setPassword] = useState("");
  const [sent, setSent] = useState(false);
  const [state, request] = useMutation(RequestEmailChangeDocument);
  const { errors, show } = useFormErrors(["newEmail", "password"]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const payload = (await request({ newEmail, password })).data?.requestEmailChange;
    if (!payload) return;
    show(payload.errors.map((error) => (error.field === "currentPassword" ? { ...error, field: "password" } : error)));
    setSent(payload.ok);
  }

  return (
    <section aria-labelledby="security-email">
      <h2 id="security-email">{messages.emailSection}</h2>
      <p>
        {messages.currentEmail} <strong>{email}</strong> {verified ? null : messages.unverified}
      </p>
      {sent ? <Alert tone="success">{messages.emailChangeSent}</Alert> : null}
      <FormAlert title={messages.formErrorsTitle} messages={errors.general} />
      <form onSubmit={submit} noValidate>
        <TextField label={messages.newEmail} type="email" name="newEmail" autoComplete="email" required value={newEmail} onChange={(event) => setNewEmail(event.target.value)} error={errors.at("newEmail")} />
        <TextField label={messages.currentPassword} type="password" name="emailPassword" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.target.value)} error={errors.at("password")} />
        <Button type="submit" busy={state.fetching}>
          {messages.changeEmail}
        </Button>
      </form>
    </section>
  );
}

interface Device {
  id: string;
  current: boolean;
  userAgent?: string | null;
  clientAddress?: string | null;
  createdAt: string;
  lastUsedAt?: string | null;
}

function DevicesSection({ devices, reload }: { devices: readonly Device[]; reload: () => void }) {
  const [, revoke] = useMutation(RevokeSessionDocument);
  const [, revokeOthers] = useMutation(RevokeOtherSessionsDocument);
  return (
    <section aria-labelledby="security-devices">
      <h2 id="security-devices">{messages.devicesSection}</h2>
      <Table
        caption={messages.devicesTable}
        rows={devices}
        rowKey={(device) => device.id}
        empty={messages.noDevices}
        columns={[
          {
            header: messages.device,
            cell: (device) => `${device.userAgent || messages.unknownDevice}${device.current ? ` (${messages.thisDevice})` : ""}`,
          },
          { header: messages.address, cell: (device) => device.clientAddress ?? "—" },
          { header: messages.lastUsed, cell: (device) => DATE.format(new Date(device.lastUsedAt ?? device.createdAt)) },
          {
            header: messages.revoke,
            cell: (device) =>
              device.current ? null : (
                <Button variant="secondary" onClick={async () => { await revoke({ id: device.id }); reload(); }}>
                  {messages.revoke}
                </Button>
              ),
          },
        ]}
      />
      {devices.length > 1 ? (
        <Button variant="secondary" onClick={async () => { await revokeOthers({}); reload(); }}>
          {messages.revokeOthers}
        </Button>
      ) : null}
    </section>
  );
}

function SecondFactorSection({ enabled, reload }: { enabled: boolean; reload: () => void }) {
  const [password, setPassword] = useState("");
  const [state, disable] = useMutation(DisableSecondFactorDocument);
  const { errors, show } = useFormErrors(["password"]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const payload = (await disable({ password })).data?.disableSecondFactor;
    if (!payload) return;
    show(payload.errors);
    if (payload.ok) reload();
  }

  return (
    <section aria-labelledby="security-second-factor">
      <h2 id="security-second-factor">{messages.secondFactorSection}</h2>
      {enabled ? (
        <>
          <p>{messages.secondFactorOn}</p>
          <FormAlert title={messages.formErrorsTitle} messages={errors.general} />
          <form onSubmit={submit} noValidate>
            <TextField label={messages.currentPassword} type="password" name="disablePassword" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.target.value)} error={errors.at("password")} />
            <Button type="submit" variant="secondary" busy={state.fetching}>
              {messages.disable}
            </Button>
          </form>
        </>
      ) : (
        <>
          <p>{messages.secondFactorOff}</p>
          <Link to="/compte/double-authentification">{messages.enable}</Link>
        </>
      )}
    </section>
  );
}

export function SecurityPage() {
  const [result, reexecute] = useQuery({ query: SecurityDocument, requestPolicy: "cache-and-network" });
  const reload = () => reexecute({ requestPolicy: "network-only" });
  const me = result.data?.me;
  return (
    <section>
      <PageTitle>{messages.securityTitle}</PageTitle>
      {result.error ? <ProblemNotice problem={problemOf(result.error)} /> : null}
      {me ? (
        <>
          <PasswordSection />
          <EmailSection email={me.email} verified={me.emailVerified} />
          <DevicesSection devices={result.data?.mySessions ?? []} reload={reload} />
          <SecondFactorSection enabled={me.hasSecondFactor} reload={reload} />
        </>
      ) : null}
    </section>
  );
}
