'use client';

import { type ReactNode, useId } from 'react';
import ui from '../shell/ui.module.css';
import styles from './segments.module.css';

/** What a control gets from its field: its id, and its error tied to it for screen readers. */
interface ControlProps {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/** A labelled control with its error under it, wired for screen readers. */
function Field({
  label,
  error,
  wide,
  children,
}: {
  label: string;
  error?: string;
  wide?: boolean;
  children: (props: ControlProps) => ReactNode;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className={wide ? `${styles.ruleField} ${styles.wide}` : styles.ruleField}>
      <label htmlFor={id}>{label}</label>
      {children({ id, ...(error ? { 'aria-invalid': true, 'aria-describedby': errorId } : {}) })}
      {error ? (
        <p id={errorId} className={ui.error}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

interface FieldProps<V> {
  label: string;
  error?: string;
  value: V;
  readOnly: boolean;
  onChange(value: V): void;
}

interface TextFieldProps extends FieldProps<string> {
  placeholder?: string;
  /** Takes the room left on its line (a value, a list of values). */
  wide?: boolean;
  /** `count`: a number box from 0 (days, an amount of time); `decimal`: text, numeric keyboard. */
  numeric?: 'count' | 'decimal';
  /** Offered as the user types: each value with a hint beside it. */
  suggestions?: readonly { value: string; hint: string }[];
}

/** A labelled text box of the rule builder. */
export function TextField({
  label,
  error,
  value,
  readOnly,
  onChange,
  placeholder,
  wide,
  numeric,
  suggestions,
}: TextFieldProps) {
  return (
    <Field label={label} error={error} wide={wide}>
      {(props) => (
        <>
          <input
            {...props}
            {...(numeric === 'count' ? { type: 'number', min: 0 } : {})}
            className={ui.input}
            value={value}
            readOnly={readOnly}
            placeholder={placeholder}
            inputMode={numeric === 'decimal' ? 'decimal' : undefined}
            list={suggestions ? `${props.id}-suggestions` : undefined}
            onChange={(e) => onChange(e.target.value)}
          />
          {suggestions ? (
            <datalist id={`${props.id}-suggestions`}>
              {suggestions.map((suggestion) => (
                <option key={suggestion.value} value={suggestion.value}>
                  {suggestion.hint}
                </option>
              ))}
            </datalist>
          ) : null}
        </>
      )}
    </Field>
  );
}

interface SelectFieldProps<V extends string> extends FieldProps<V> {
  options: readonly V[];
  optionLabel(option: V): string;
  /** A first, empty choice that says what to choose. */
  placeholder?: string;
}

/** A labelled drop-down of the rule builder (disabled, not read-only, when the rule cannot change). */
export function SelectField<V extends string>({
  label,
  error,
  value,
  readOnly,
  onChange,
  options,
  optionLabel,
  placeholder,
}: SelectFieldProps<V>) {
  return (
    <Field label={label} error={error}>
      {(props) => (
        <select
          {...props}
          className={ui.input}
          value={value}
          disabled={readOnly}
          onChange={(e) => onChange(e.target.value as V)}
        >
          {placeholder === undefined ? null : <option value="">{placeholder}</option>}
          {options.map((option) => (
            <option key={option} value={option}>
              {optionLabel(option)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
