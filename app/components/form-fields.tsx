/**
 * Form fields wired to conform: a label, the control, and the field's own errors right under it
 * (linked with aria-describedby), so a bad value is explained where it was typed.
 */
import { type FieldMetadata, getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import type { ReactNode } from "react";
import { HONEYPOT } from "~/lib/curation/forms/fields";

type Meta = FieldMetadata<unknown>;

export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <ul id={id} className="field-errors">
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  );
}

export function TextField({
  meta,
  label,
  type = "text",
  help,
  autoComplete,
}: {
  meta: Meta;
  label: string;
  type?: "text" | "email" | "password" | "url" | "date" | "number";
  help?: ReactNode;
  autoComplete?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <input
        {...getInputProps(meta as FieldMetadata<string>, { type, ariaAttributes: true })}
        autoComplete={autoComplete}
        key={meta.key}
      />
      {help ? <small className="muted">{help}</small> : null}
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function TextAreaField({
  meta,
  label,
  help,
  rows = 5,
}: {
  meta: Meta;
  label: string;
  help?: ReactNode;
  rows?: number;
}) {
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <textarea
        {...getTextareaProps(meta as FieldMetadata<string>, { ariaAttributes: true })}
        rows={rows}
        key={meta.key}
      />
      {help ? <small className="muted">{help}</small> : null}
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function SelectField({
  meta,
  label,
  options,
  help,
}: {
  meta: Meta;
  label: string;
  options: readonly { value: string; label: string }[];
  help?: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <select {...getSelectProps(meta as FieldMetadata<string>, { ariaAttributes: true })} key={meta.key}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {help ? <small className="muted">{help}</small> : null}
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** Off-screen, unlabelled for assistive technology, skipped by Tab: only bots fill it. */
export function Honeypot() {
  return (
    <div className="hp-field" aria-hidden="true">
      <label>
        Leave this empty
        <input type="text" name={HONEYPOT} tabIndex={-1} autoComplete="off" defaultValue="" />
      </label>
    </div>
  );
}

export function FormErrors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <div className="notice error-text" role="alert">
      <FieldErrors id={id} errors={errors} />
    </div>
  );
}
