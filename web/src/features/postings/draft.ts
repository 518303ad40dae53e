// The editor's state (what the person typed, as text) and its translation to and from the API's
// RoleInput / NeedInput. Kept apart from the components so the rules read in one place.
import type {
  CefrLevel,
  ContractType,
  NeedInput,
  NeedKind,
  PostingEditorQuery,
  PostingKind,
  RemotePolicy,
  RoleInput,
  WorkingTime,
} from "../../graphql/graphql";

export interface CompetencyChoice {
  competencyId: string;
  label: string;
  domainId: string;
  level: number;
  required: boolean;
  /** Indispensable: a member below the level is not proposed (only a required competency may be). */
  mustHave: boolean;
}

export interface LanguageChoice {
  /** A stable key for React (two rows may hold the same code while the person edits them). */
  key: string;
  code: string;
  level: CefrLevel;
}

export interface Draft {
  kind: PostingKind;
  title: string;
  description: string;
  /** The occupation the person chose (overrides the title's normalisation), or null. */
  occupationId: string | null;
  needKind: NeedKind | "";
  contractType: ContractType | "";
  contractMonths: string;
  workingTime: WorkingTime | "";
  weeklyHours: string;
  salaryMin: string;
  salaryMax: string;
  dailyRate: string;
  minExperienceYears: string;
  teamSize: string;
  durationDays: string;
  budget: string;
  postalCode: string;
  commune: string;
  /** The INSEE code chosen among the postal code's communes ("" until chosen). */
  communeCode: string;
  departement: string;
  remotePolicy: RemotePolicy;
  remoteDays: string;
  startDate: string;
  expiryDate: string;
  featured: boolean;
  competencies: CompetencyChoice[];
  /** False until the person adds or removes a competency: a new role then gets its occupation's. */
  competenciesTouched: boolean;
  languages: LanguageChoice[];
}

export type Posting = PostingEditorQuery["posting"];

let keys = 0;
export function languageKey(): string {
  keys += 1;
  return `langue-${keys}`;
}

export function emptyDraft(kind: PostingKind): Draft {
  return {
    kind,
    title: "",
    description: "",
    occupationId: null,
    needKind: kind === "NEED" ? "STRATEGIC_SUPPORT" : "",
    contractType: "",
    contractMonths: "",
    workingTime: kind === "ROLE" ? "FULL_TIME" : "",
    weeklyHours: "",
    salaryMin: "",
    salaryMax: "",
    dailyRate: "",
    minExperienceYears: "",
    teamSize: "",
    durationDays: "",
    budget: "",
    postalCode: "",
    commune: "",
    communeCode: "",
    departement: "",
    remotePolicy: "NONE",
    remoteDays: "",
    startDate: "",
    expiryDate: "",
    featured: false,
    competencies: [],
    competenciesTouched: false,
    languages: [],
  };
}

const text = (value: number | string | null | undefined) => (value === null || value === undefined ? "" : String(value));

export function draftOf(posting: Posting): Draft {
  const kind = posting.kind;
  return {
    kind,
    title: posting.title,
    description: posting.description,
    occupationId: posting.normalisation.overridden || kind === "NEED" ? (posting.normalisation.occupationId ?? null) : null,
    needKind: posting.needKind ?? "",
    contractType: posting.contractType ?? "",
    contractMonths: text(posting.contractMonths),
    workingTime: posting.workingTime ?? "",
    weeklyHours: text(posting.weeklyHours),
    salaryMin: text(posting.salaryMin),
    salaryMax: text(posting.salaryMax),
    dailyRate: text(posting.dailyRate),
    minExperienceYears: text(posting.minExperienceYears),
    teamSize: text(posting.teamSize),
    durationDays: text(posting.durationDays),
    budget: text(posting.budget),
    postalCode: text(posting.postalCode),
    commune: text(posting.commune),
    communeCode: text(posting.communeCode),
    departement: text(posting.departement),
    remotePolicy: posting.remotePolicy,
    remoteDays: text(posting.remoteDays),
    startDate: text(posting.startDate),
    expiryDate: text(posting.expiryDate),
    featured: posting.featured,
    competencies: posting.competencies.map((item) => ({
      competencyId: item.competencyId,
      label: item.label,
      domainId: item.domainId,
      level: item.level,
      required: item.required,
      mustHave: item.mustHave,
    })),
    competenciesTouched: true,
    languages: posting.languages.map((item) => ({ key: languageKey(), code: item.code, level: item.level })),
  };
}

/** "" → null; digits → a number; anything else is sent as is for the server to refuse at the field. */
export function integer(value: string): number | null {
  const trimmed = value.trim().replace(/\s/g, "");
  if (trimmed === "") return null;
  const parsed = Number(trimmed);
  return Number.isFinite(parsed) ? Math.trunc(parsed) : null;
}

const orNull = (value: string) => (value.trim() === "" ? null : value.trim());

function common(draft: Draft) {
  const located = draft.remotePolicy !== "FULL";
  return {
    title: draft.title,
    description: draft.description,
    dailyRate: integer(draft.dailyRate),
    postalCode: located ? orNull(draft.postalCode) : null,
    commune: located ? orNull(draft.commune) : null,
    // a commune chosen by its postal code, or by its name alone (then it gives the postal code)
    communeCode: located ? orNull(draft.communeCode) : null,
    // the département follows a postal code or a commune; sent alone only when there is neither
    departement:
      located && orNull(draft.postalCode) === null && orNull(draft.communeCode) === null ? orNull(draft.departement) : null,
    remotePolicy: draft.remotePolicy,
    remoteDays: draft.remotePolicy === "PARTIAL" ? integer(draft.remoteDays) : null,
    startDate: orNull(draft.startDate),
    expiryDate: orNull(draft.expiryDate),
    featured: draft.featured,
    languages: draft.languages.map(({ code, level }) => ({ code: code.trim(), level })),
  };
}

function competencies(draft: Draft, creating: boolean) {
  // On creation with nothing chosen, leaving the list out lets the server propose the occupation's.
  if (creating && !draft.competenciesTouched && draft.competencies.length === 0) return {};
  return {
    competencies: draft.competencies.map(({ competencyId, level, required, mustHave }) => ({ competencyId, level, required, mustHave })),
  };
}

export function roleInput(draft: Draft, creating: boolean): RoleInput {
  return {
    ...common(draft),
    occupationId: draft.occupationId,
    contractType: draft.contractType === "" ? null : draft.contractType,
    contractMonths: integer(draft.contractMonths),
    workingTime: draft.workingTime === "" ? null : draft.workingTime,
    weeklyHours: draft.workingTime === "PART_TIME" ? integer(draft.weeklyHours) : null,
    salaryMin: integer(draft.salaryMin),
    salaryMax: integer(draft.salaryMax),
    minExperienceYears: integer(draft.minExperienceYears),
    ...competencies(draft, creating),
  };
}

export function needInput(draft: Draft, creating: boolean): NeedInput {
  return {
    ...common(draft),
    needKind: draft.needKind === "" ? null : draft.needKind,
    occupationId: draft.occupationId,
    teamSize: integer(draft.teamSize),
    durationDays: integer(draft.durationDays),
    budget: integer(draft.budget),
    ...competencies(draft, creating),
  };
}

/** Every field name the API may name in a payload error, so each error lands at its input. */
export function errorFields(draft: Draft): string[] {
  const fields = [
    "title",
    "description",
    "occupationId",
    "needKind",
    "contractType",
    "contractMonths",
    "workingTime",
    "weeklyHours",
    "salaryMin",
    "salaryMax",
    "dailyRate",
    "minExperienceYears",
    "teamSize",
    "durationDays",
    "budget",
    "postalCode",
    "commune",
    "communeCode",
    "departement",
    "remotePolicy",
    "remoteDays",
    "startDate",
    "expiryDate",
    "featured",
    "competencies",
    "languages",
  ];
  draft.languages.forEach((_, index) => fields.push(`languages[${index}].code`, `languages[${index}].level`));
  return fields;
}

/** The inclusive wording the server suggests in a GENDER_CRITERION refusal, if it gives one. */
export function suggestedWording(message: string): string | null {
  const found = /Écrivez plutôt « (.+?) »/.exec(message);
  return found?.[1] ?? null;
}

export const EDITABLE_STATUSES = new Set(["DRAFT", "OPEN", "PAUSED"]);
