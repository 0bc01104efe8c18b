/** The fields a lab has, shared by the new-lab and the edit-lab forms. */
import type { FieldMetadata } from "@conform-to/react";
import { TRI_STATE } from "~/lib/curation/forms/fields";
import { CIFRE_OPTIONS, LAB_FOCUS, LAB_KINDS } from "~/lib/curation/forms/lab";
import { CIFRE_LABELS } from "~/lib/directory/cifre";
import { SelectField, TextAreaField, TextField } from "./form-fields";

type M = FieldMetadata<unknown>;
export type LabFieldMetas = Record<
  | "name"
  | "kind"
  | "institution"
  | "company"
  | "city"
  | "country"
  | "focus"
  | "description"
  | "website"
  | "cifre"
  | "cifreEvidenceUrl"
  | "residencies"
  | "internships"
  | "recruiting"
  | "recruitingVerifiedAt"
  | "recruitingSourceUrl"
  | "sourceUrl"
  | "note",
  M
>;

const opts = (values: readonly string[], labels: Record<string, string> = {}) =>
  values.map((v) => ({ value: v, label: labels[v] ?? v }));
const TRI_LABELS = { yes: "Yes", no: "No", unknown: "Unknown" };

export function LabFields({
  fields,
  countries,
}: {
  fields: LabFieldMetas;
  countries: { code: string; name: string }[];
}) {
  return (
    <>
      <fieldset>
        <legend>The lab</legend>
        <TextField meta={fields.name} label="Name" />
        <SelectField
          meta={fields.kind}
          label="Kind"
          options={opts(LAB_KINDS, { academic: "Academic", industry: "Industry" })}
        />
        <TextField
          meta={fields.institution}
          label="Institution"
          help="For an academic lab: the university or institute, as the site names it."
        />
        <TextField meta={fields.company} label="Company" help="For an industry lab." />
        <TextField meta={fields.city} label="City" />
        <SelectField
          meta={fields.country}
          label="Country"
          options={[{ value: "", label: "—" }, ...countries.map((c) => ({ value: c.code, label: c.name }))]}
        />
        <SelectField
          meta={fields.focus}
          label="Focus"
          options={opts(LAB_FOCUS, { unknown: "Unknown", fundamental: "Fundamental", applied: "Applied" })}
        />
        <TextAreaField meta={fields.description} label="Description" help="Plain text, up to 2,000 characters." />
        <TextField meta={fields.website} label="Website" type="url" />
        <TextField
          meta={fields.sourceUrl}
          label="Source"
          type="url"
          help="A page that shows what you state here (required)."
        />
      </fieldset>
      <fieldset>
        <legend>PhD funding and openings</legend>
        <SelectField meta={fields.cifre} label="CIFRE" options={opts(CIFRE_OPTIONS, CIFRE_LABELS.form)} />
        <TextField
          meta={fields.cifreEvidenceUrl}
          label="CIFRE evidence"
          type="url"
          help="Required when the lab offers CIFRE."
        />
        <SelectField meta={fields.residencies} label="Residencies" options={opts(TRI_STATE, TRI_LABELS)} />
        <SelectField meta={fields.internships} label="Internships" options={opts(TRI_STATE, TRI_LABELS)} />
        <SelectField meta={fields.recruiting} label="Recruiting PhD students" options={opts(TRI_STATE, TRI_LABELS)} />
        <TextField meta={fields.recruitingVerifiedAt} label="Recruiting checked on" type="date" />
        <TextField meta={fields.recruitingSourceUrl} label="Recruiting source" type="url" />
      </fieldset>
      <TextAreaField meta={fields.note} label="Note for the moderators (optional)" rows={3} />
    </>
  );
}
