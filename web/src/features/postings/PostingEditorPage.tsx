// The posting editor, for roles (offres d'emploi) and strategic-support needs (besoins d'appui): every
// field the API takes, saved as a draft, then moved along its lifecycle. Payload errors land at their
// field; a refused wording shows the inclusive form to apply.
import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { useMutation, useQuery } from "urql";
import { problemOf } from "../../app/errors";
import { ProblemNotice } from "../../app/ProblemView";
import { QueryResult } from "../../app/QueryResult";
import type { ContractType, NeedKind, PostingKind, WorkingTime } from "../../graphql/graphql";
import { Alert, FormAlert } from "../../ui/Alert";
import { Badge } from "../../ui/Badge";
import { Button } from "../../ui/Button";
import { TextField } from "../../ui/Field";
import { useFormErrors, type PayloadError } from "../../ui/form";
import { PageTitle } from "../../ui/PageTitle";
import { CompetencyPicker } from "./CompetencyPicker";
import { draftOf, emptyDraft, EDITABLE_STATUSES, errorFields, needInput, roleInput, suggestedWording, type Draft, type Posting } from "./draft";
import { CheckboxField, optionsOf, SelectField, TextAreaField } from "./fields";
import { LanguagesField } from "./LanguagesField";
import { LifecycleActions } from "./LifecycleActions";
import { messages } from "./messages";
import {
  CreateNeedDocument,
  CreateRoleDocument,
  OccupationChoicesDocument,
  OpenPostingsQuotaDocument,
  PostingEditorDocument,
  UpdateNeedDocument,
  UpdateRoleDocument,
} from "./operations";
import { PlaceFields } from "./PlaceFields";
import { statusTone } from "./StatusBadge";
import { TitleField, type PickedOccupation } from "./TitleField";
import { useLeaveGuard } from "./useLeaveGuard";
import "./postings.css";

export const POSTINGS_PATH = "/partenaire/annonces";

/** /partenaire/annonces/nouvelle-offre and /nouveau-besoin. */
export function NewPostingPage({ kind }: { kind: PostingKind }) {
  return <PostingEditor key={kind} kind={kind} posting={null} />;
}

/** /partenaire/annonces/:id */
export function EditPostingPage() {
  const { id = "" } = useParams();
  const [result] = useQuery({ query: PostingEditorDocument, variables: { id } });
  return (
    <QueryResult result={result}>
      {(data) => <PostingEditor key={data.posting.id} kind={data.posting.kind} posting={data.posting} />}
    </QueryResult>
  );
}

interface Notice {
  notice?: string;
}

function PostingEditor({ kind, posting }: { kind: PostingKind; posting: Posting | null }) {
  const text = messages.editor;
  const fields = text.fields;
  const navigate = useNavigate();
  const location = useLocation();
  const initial = useMemo(() => (posting ? draftOf(posting) : emptyDraft(kind)), [posting, kind]);
  const [draft, setDraft] = useState<Draft>(initial);
  const [picked, setPicked] = useState<PickedOccupation | null>(posting ? pickedOf(posting) : null);
  const form = useRef<HTMLFormElement>(null);
  const [refusedFields, setRefusedFields] = useState(0);
  const [notice, setNotice] = useState<string | null>((location.state as Notice | null)?.notice ?? null);
  const shownFields = errorFields(draft);
  const { errors, show, clear } = useFormErrors(shownFields);
  const [createRoleState, createRole] = useMutation(CreateRoleDocument);
  const [updateRoleState, updateRole] = useMutation(UpdateRoleDocument);
  const [createNeedState, createNeed] = useMutation(CreateNeedDocument);
  const [updateNeedState, updateNeed] = useMutation(UpdateNeedDocument);
  const [quota] = useQuery({ query: OpenPostingsQuotaDocument });
  const tier = quota.data?.me?.partner?.tier;
  const saving = [createRoleState, updateRoleState, createNeedState, updateNeedState].some((state) => state.fetching);
  const failed = [createRoleState, updateRoleState, createNeedState, updateNeedState].find((state) => state.error)?.error;
  const editable = posting === null || EDITABLE_STATUSES.has(posting.status);
  const dirty = JSON.stringify({ ...draft, languages: draft.languages.map(({ code, level }) => [code, level]) }) !==
    JSON.stringify({ ...initial, languages: initial.languages.map(({ code, level }) => [code, level]) });
  const allowLeaving = useLeaveGuard(dirty && editable, text.leaveUnsaved);
  const version = posting ? `${posting.updatedAt}|${posting.status}` : "";

  useEffect(() => {
    // the saved posting came back (after a save or a move): the form starts again from it
    if (posting === null) return;
    setDraft(draftOf(posting));
    setPicked(pickedOf(posting));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version]);

  useEffect(() => {
    // a notice carried over a navigation (draft created) is shown once, not again on reload
    if ((location.state as Notice | null)?.notice) navigate(location.pathname, { replace: true, state: null });
  }, [location.pathname, location.state, navigate]);

  function change(update: Partial<Draft>) {
    setDraft((current) => ({ ...current, ...update }));
    setNotice(null);
  }

  function pick(occupation: PickedOccupation | null) {
    setPicked(occupation);
    change({ occupationId: occupation?.id ?? null });
  }

  /** Saves the draft; true when the API accepted it. */
  async function save(): Promise<boolean> {
    clear();
    setRefusedFields(0);
    setNotice(null);
    const creating = posting === null;
    let payload: { posting?: { id: string; status: string } | null; errors: readonly PayloadError[] } | undefined;
    if (kind === "ROLE") {
      const input = roleInput(draft, creating);
      payload = creating ? (await createRole({ input })).data?.createRole : (await updateRole({ id: posting.id, input })).data?.updateRole;
    } else {
      const input = needInput(draft, creating);
      payload = creating ? (await createNeed({ input })).data?.createNeed : (await updateNeed({ id: posting.id, input })).data?.updateNeed;
    }
    if (!payload) return false;
    if (payload.errors.length > 0 || !payload.posting) {
      show(payload.errors);
      setRefusedFields(payload.errors.filter((error) => error.field && shownFields.includes(error.field)).length);
      // the first field to fix gets the focus (the form is long: its errors may be out of sight)
      window.requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return false;
    }
    setRefusedFields(0);
    if (creating) {
      allowLeaving();
      navigate(`${POSTINGS_PATH}/${payload.posting.id}`, { state: { notice: text.created } satisfies Notice });
    } else {
      setNotice(payload.posting.status === "OPEN" ? text.savedOpen : text.saved);
    }
    return true;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    await save();
  }

  const titleError = errors.at("title");
  const descriptionError = errors.at("description");
  const descriptionSuggestion = descriptionError ? suggestedWording(descriptionError) : null;
  const unmatched = posting !== null && posting.kind === "ROLE" && !posting.normalisation.occupationId;
  const heading = posting ? text.editTitle(posting.title) : kind === "ROLE" ? text.newRoleTitle : text.newNeedTitle;

  return (
    <section className="posting-editor">
      <p>
        <Link to={POSTINGS_PATH}>← {text.backToList}</Link>
      </p>
      <PageTitle>{heading}</PageTitle>
      {posting ? (
        <p className="posting-editor__status">
          {messages.labels.kind[posting.kind]} —{" "}
          <Badge tone={statusTone(posting.status)}>{messages.labels.status[posting.status]}</Badge>
          {posting.normalisation.occupationLabel ? (
            <span className="posting-editor__occupation">
              {" "}
              — {messages.title.saved(posting.normalisation.occupationLabel, posting.normalisation.romeCode ?? null)}
            </span>
          ) : null}
        </p>
      ) : null}
      {posting && posting.status !== "DRAFT" ? (
        <p>
          <Link className="button button--secondary" to={`${POSTINGS_PATH}/${posting.id}/candidats`}>
            {text.candidates(posting.matchCount, posting.interestedCount)}
          </Link>
        </p>
      ) : null}
      {unmatched && editable ? <Alert title={messages.title.unmatchedTitle}>{messages.title.unmatchedSaved}</Alert> : null}
      <div role="status">
        {notice ? <Alert tone="success">{notice}</Alert> : null}
      </div>
      {posting ? (
        <LifecycleActions
          posting={posting}
          unmatched={unmatched}
          beforeMove={async () => (dirty && editable ? save() : true)}
          onMoved={(message) => setNotice(message)}
          // the lifecycle shows the refusal itself; the fields it names (an expiry date…) are marked too
          onRefused={(refused) => show(refused.filter((error) => error.field && shownFields.includes(error.field)))}
        />
      ) : null}
      {!editable ? <Alert>{text.readOnly}</Alert> : null}
      {failed ? <ProblemNotice problem={problemOf(failed)} /> : null}
      <FormAlert title={text.formErrorsTitle} messages={errors.general} />

      {refusedFields > 0 && errors.any ? <Alert tone="error">{text.fieldsToFix(refusedFields)}</Alert> : null}
      <form ref={form} onSubmit={submit} noValidate aria-label={heading}>
        <fieldset className="section" disabled={!editable}>
          <legend>{text.sections.main}</legend>
          {kind === "ROLE" ? (
            <TitleField value={draft.title} onChange={(title) => change({ title })} error={titleError} picked={picked} onPick={pick} disabled={!editable} />
          ) : (
            <>
              <TextField
                label={fields.title}
                hint={fields.titleHintNeed}
                name="title"
                required
                value={draft.title}
                error={titleError}
                onChange={(event) => change({ title: event.target.value })}
              />
              <SelectField
                label={fields.needKind}
                name="needKind"
                value={draft.needKind}
                options={optionsOf(messages.labels.needKind, fields.choose)}
                error={errors.at("needKind")}
                onChange={(event) => change({ needKind: event.target.value as NeedKind | "" })}
              />
              <OccupationSelect value={draft.occupationId} error={errors.at("occupationId")} onChange={(occupationId) => change({ occupationId })} />
            </>
          )}
          {kind === "ROLE" && errors.at("occupationId") ? <Alert tone="error">{errors.at("occupationId")}</Alert> : null}
          <TextAreaField
            label={fields.description}
            hint={fields.descriptionHint}
            name="description"
            value={draft.description}
            error={descriptionError}
            errorAction={
              descriptionSuggestion ? <p>{messages.wording.suggestion(descriptionSuggestion)}</p> : null
            }
            onChange={(event) => change({ description: event.target.value })}
          />
        </fieldset>

        {kind === "ROLE" ? (
          <fieldset className="section" disabled={!editable}>
            <legend>{text.sections.contract}</legend>
            <div className="grid-2">
              <SelectField
                label={fields.contractType}
                name="contractType"
                value={draft.contractType}
                options={optionsOf(messages.labels.contractType, fields.choose)}
                error={errors.at("contractType")}
                onChange={(event) => change({ contractType: event.target.value as ContractType | "" })}
              />
              <NumberField label={fields.contractMonths} hint={fields.contractMonthsHint} name="contractMonths" draft={draft} change={change} errorAt={errors.at} />
              <SelectField
                label={fields.workingTime}
                name="workingTime"
                value={draft.workingTime}
                options={optionsOf(messages.labels.workingTime, fields.choose)}
                error={errors.at("workingTime")}
                onChange={(event) => change({ workingTime: event.target.value as WorkingTime | "" })}
              />
              {draft.workingTime === "PART_TIME" || errors.at("weeklyHours") ? (
                <NumberField label={fields.weeklyHours} hint={fields.weeklyHoursHint} name="weeklyHours" draft={draft} change={change} errorAt={errors.at} />
              ) : null}
              <NumberField label={fields.salaryMin} name="salaryMin" draft={draft} change={change} errorAt={errors.at} />
              <NumberField label={fields.salaryMax} name="salaryMax" draft={draft} change={change} errorAt={errors.at} />
              <NumberField label={fields.dailyRate} hint={fields.dailyRateHintRole} name="dailyRate" draft={draft} change={change} errorAt={errors.at} />
              <NumberField label={fields.minExperienceYears} name="minExperienceYears" draft={draft} change={change} errorAt={errors.at} />
            </div>
          </fieldset>
        ) : (
          <fieldset className="section" disabled={!editable}>
            <legend>{text.sections.need}</legend>
            <div className="grid-2">
              <NumberField label={fields.teamSize} name="teamSize" draft={draft} change={change} errorAt={errors.at} />
              <NumberField label={fields.durationDays} name="durationDays" draft={draft} change={change} errorAt={errors.at} />
              <NumberField label={fields.budget} name="budget" draft={draft} change={change} errorAt={errors.at} />
              <NumberField label={fields.dailyRate} name="dailyRate" draft={draft} change={change} errorAt={errors.at} />
            </div>
          </fieldset>
        )}

        <fieldset className="section" disabled={!editable}>
          <legend>{text.sections.place}</legend>
          <PlaceFields value={draft} onChange={change} errorAt={errors.at} disabled={!editable} />
        </fieldset>

        <fieldset className="section" disabled={!editable}>
          <legend>{text.sections.dates}</legend>
          <div className="grid-2">
            <TextField label={fields.startDate} type="date" name="startDate" value={draft.startDate} error={errors.at("startDate")} onChange={(event) => change({ startDate: event.target.value })} />
            <TextField label={fields.expiryDate} hint={fields.expiryDateHint} type="date" name="expiryDate" value={draft.expiryDate} error={errors.at("expiryDate")} onChange={(event) => change({ expiryDate: event.target.value })} />
          </div>
          <CheckboxField
            label={fields.featured}
            hint={tier && !tier.canFeaturePostings ? fields.featuredNotInTier(tier.label) : fields.featuredHint}
            checked={draft.featured}
            disabled={!editable || (tier !== undefined && !tier.canFeaturePostings && !draft.featured)}
            error={errors.at("featured")}
            onChange={(featured) => change({ featured })}
          />
        </fieldset>

        <CompetencyPicker
          value={draft.competencies}
          onChange={(competencies) => change({ competencies, competenciesTouched: true })}
          error={errors.at("competencies")}
          disabled={!editable}
          creating={posting === null}
        />

        <LanguagesField value={draft.languages} onChange={(languages) => change({ languages })} errorAt={errors.at} disabled={!editable} />

        {editable ? (
          <div className="actions form-actions">
            <Button type="submit" busy={saving}>
              {saving ? text.saving : posting === null || posting.status === "DRAFT" ? text.saveDraft : text.save}
            </Button>
            {dirty && posting ? <p className="unsaved">{text.unsaved}</p> : null}
          </div>
        ) : null}
      </form>
    </section>
  );
}

/** The occupation the person chose for a role (shown as "picked"), null when the engine's stands. */
function pickedOf(posting: Posting): PickedOccupation | null {
  const { overridden, occupationId, occupationLabel } = posting.normalisation;
  if (posting.kind !== "ROLE" || !overridden || !occupationId) return null;
  return { id: occupationId, label: occupationLabel ?? occupationId };
}

type NumberKey = "contractMonths" | "weeklyHours" | "salaryMin" | "salaryMax" | "dailyRate" | "minExperienceYears" | "teamSize" | "durationDays" | "budget";

function NumberField({ label, hint, name, draft, change, errorAt }: { label: string; hint?: string; name: NumberKey; draft: Draft; change: (update: Partial<Draft>) => void; errorAt: (field: string) => string | undefined }) {
  return (
    <TextField
      label={label}
      {...(hint ? { hint } : {})}
      name={name}
      inputMode="numeric"
      value={draft[name]}
      error={errorAt(name)}
      onChange={(event) => change({ [name]: event.target.value })}
    />
  );
}

function OccupationSelect({ value, error, onChange }: { value: string | null; error?: string | undefined; onChange: (occupationId: string | null) => void }) {
  const fields = messages.editor.fields;
  const [result] = useQuery({ query: OccupationChoicesDocument });
  const options = [
    { value: "", label: fields.none },
    ...(result.data?.occupations.edges.map(({ node }) => ({ value: node.id, label: `${node.label} (ROME ${node.romeCode})` })) ?? []),
  ];
  if (value && !options.some((option) => option.value === value)) options.push({ value, label: value });
  return (
    <SelectField
      label={fields.occupation}
      hint={fields.occupationHint}
      name="occupationId"
      value={value ?? ""}
      options={options}
      error={error}
      onChange={(event) => onChange(event.target.value || null)}
    />
  );
}
