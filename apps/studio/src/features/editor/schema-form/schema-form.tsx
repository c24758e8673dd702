'use client';

import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import type { JsonSchema, NodeConfig } from '../../canvas/types';
import ui from '../../shell/ui.module.css';
import { blankValue, fieldKind, formatLooseValue, humanize, parseLooseValue, setAt } from './schema';
import styles from './schema-form.module.css';

type Path = (string | number)[];

interface FormContext {
  t: ReturnType<typeof useTranslations>;
  /** Message key prefix of the node type's field titles: `fields.send_email`. */
  fieldsKey: string;
  errors: Record<string, string>;
  disabled: boolean;
  idPrefix: string;
  set(path: Path, next: unknown): void;
}

interface SchemaFormProps {
  schema: JsonSchema;
  value: NodeConfig;
  onChange(next: NodeConfig): void;
  /** Problems by field path, e.g. `timeout.amount`. */
  errors: Record<string, string>;
  disabled: boolean;
  /** Unique per form, for ids. */
  idPrefix: string;
  /** Node type, to find translated field titles. */
  nodeType: string;
}

/**
 * A form generated from a node type's JSON Schema: the subset the node catalog uses (strings,
 * numbers, enums, booleans, nested objects, lists, maps and loose scalar values).
 */
export function SchemaForm({
  schema,
  value,
  onChange,
  errors,
  disabled,
  idPrefix,
  nodeType,
}: SchemaFormProps) {
  const t = useTranslations('schemaForm');
  const context: FormContext = {
    t,
    fieldsKey: `fields.${nodeType.replace(/[^A-Za-z0-9]/g, '_')}`,
    errors,
    disabled,
    idPrefix,
    set: (path, next) => onChange((setAt(value, path, next) ?? {}) as NodeConfig),
  };
  if (Object.keys(schema.properties ?? {}).length === 0) {
    return <p className={styles.hint}>{t('nothingToConfigure')}</p>;
  }
  return (
    <div className={styles.form}>
      <ObjectFields context={context} schema={schema} value={value} path={[]} />
    </div>
  );
}

function fieldId(context: FormContext, path: Path): string {
  return `${context.idPrefix}-${path.join('-') || 'root'}`;
}

/** The field's title: translated for built-in types, else the schema's, else its name. */
function titleOf(context: FormContext, name: string, schema: JsonSchema, path: Path): string {
  const key = `${context.fieldsKey}.${path.filter((part) => typeof part === 'string').join('_')}`;
  if (context.t.has(key)) return context.t(key);
  return schema.title ?? humanize(name);
}

function ObjectFields({
  context,
  schema,
  value,
  path,
}: {
  context: FormContext;
  schema: JsonSchema;
  value: unknown;
  path: Path;
}) {
  const record =
    value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const required = new Set(schema.required ?? []);
  return (
    <>
      {Object.entries(schema.properties ?? {}).map(([name, property]) => (
        <Field
          key={name}
          context={context}
          name={name}
          schema={property}
          value={record[name]}
          path={[...path, name]}
          required={required.has(name)}
        />
      ))}
    </>
  );
}

interface FieldProps {
  context: FormContext;
  name: string;
  schema: JsonSchema;
  value: unknown;
  path: Path;
  required: boolean;
  /** Overrides the title, e.g. "Branch 2" for a list item. */
  title?: string;
}

function ErrorText({ context, path }: { context: FormContext; path: Path }) {
  const message = context.errors[path.join('.')];
  if (!message) return null;
  return (
    <p id={`${fieldId(context, path)}-error`} className={styles.error}>
      {message}
    </p>
  );
}

function Label({ text, required, t }: { text: string; required: boolean; t: FormContext['t'] }) {
  return (
    <span className={styles.label}>
      {text}
      {required ? null : <span className={styles.optional}> {t('optional')}</span>}
    </span>
  );
}

function Field(props: FieldProps) {
  const { context, name, schema, value, path, required } = props;
  const { t } = context;
  const title = props.title ?? titleOf(context, name, schema, path);
  const id = fieldId(context, path);
  const error = context.errors[path.join('.')];
  const describedBy = [
    error ? `${id}-error` : null,
    schema.description || schema.examples ? `${id}-hint` : null,
  ]
    .filter(Boolean)
    .join(' ');
  const common = {
    id,
    disabled: context.disabled,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy || undefined,
    'aria-required': required || undefined,
  } as const;
  const example = schema.examples?.length ? t('example', { example: String(schema.examples[0]) }) : undefined;
  const hint =
    schema.description || example ? (
      <span id={`${id}-hint`} className={styles.hint}>
        {schema.description ?? example}
      </span>
    ) : null;
  const set = (next: unknown) => context.set(path, next);
  /** The usual frame of a field: its label, the control, a hint and the validator's message. */
  const labelled = (control: ReactNode, below: ReactNode = hint) => (
    <div className={styles.field}>
      <label htmlFor={id}>
        <Label text={title} required={required} t={t} />
      </label>
      {control}
      {below}
      <ErrorText context={context} path={path} />
    </div>
  );

  switch (fieldKind(schema)) {
    case 'enum':
      return labelled(
        <select
          {...common}
          className={ui.input}
          value={value === undefined ? '' : String(value)}
          onChange={(event) => {
            const option = schema.enum?.find((v) => String(v) === event.target.value);
            set(option);
          }}
        >
          {value === undefined || !required ? <option value="">{t('choose')}</option> : null}
          {(schema.enum ?? []).map((option) => (
            <option key={String(option)} value={String(option)}>
              {t.has(`values.${String(option)}`) ? t(`values.${String(option)}`) : String(option)}
            </option>
          ))}
        </select>,
      );
    case 'string':
    case 'text': {
      const multiline = fieldKind(schema) === 'text';
      const onText = (text: string) => set(text === '' && !required ? undefined : text);
      return labelled(
        multiline ? (
          <textarea
            {...common}
            className={`${ui.input} ${styles.textarea}`}
            rows={5}
            maxLength={schema.maxLength}
            value={typeof value === 'string' ? value : ''}
            onChange={(event) => onText(event.target.value)}
          />
        ) : (
          <input
            {...common}
            type="text"
            className={ui.input}
            maxLength={schema.maxLength}
            placeholder={schema.examples?.length ? String(schema.examples[0]) : undefined}
            value={typeof value === 'string' ? value : ''}
            onChange={(event) => onText(event.target.value)}
          />
        ),
      );
    }
    case 'number':
    case 'integer':
      return labelled(
        <input
          {...common}
          type="number"
          inputMode={fieldKind(schema) === 'integer' ? 'numeric' : 'decimal'}
          step={fieldKind(schema) === 'integer' ? 1 : 'any'}
          min={schema.minimum}
          max={schema.maximum}
          className={ui.input}
          value={typeof value === 'number' ? value : ''}
          onChange={(event) => set(event.target.value === '' ? undefined : Number(event.target.value))}
        />,
      );
    case 'boolean':
      return (
        <div className={styles.field}>
          <label className={styles.checkbox}>
            <input
              {...common}
              type="checkbox"
              checked={value === true}
              onChange={(e) => set(e.target.checked)}
            />
            <Label text={title} required={required} t={t} />
          </label>
          <ErrorText context={context} path={path} />
        </div>
      );
    case 'loose':
      return labelled(
        <input
          {...common}
          aria-describedby={[common['aria-describedby'], `${id}-loose`].filter(Boolean).join(' ')}
          type="text"
          className={ui.input}
          value={formatLooseValue(value)}
          onChange={(event) => set(parseLooseValue(event.target.value, schema))}
        />,
        <span id={`${id}-loose`} className={styles.hint}>
          {t('looseHint')}
        </span>,
      );
    case 'object':
      return (
        <fieldset className={styles.group} disabled={context.disabled}>
          <legend>
            <Label text={title} required={required} t={t} />
          </legend>
          <ObjectFields context={context} schema={schema} value={value} path={path} />
          <ErrorText context={context} path={path} />
        </fieldset>
      );
    case 'array':
      return <ListField {...props} title={title} />;
    case 'map':
      return <MapField {...props} title={title} />;
  }
}

function ListField({ context, schema, value, path, required, title }: FieldProps & { title: string }) {
  const { t } = context;
  const items = Array.isArray(value) ? value : [];
  const itemSchema = schema.items ?? {};
  const full = schema.maxItems !== undefined && items.length >= schema.maxItems;
  return (
    <fieldset className={styles.group} disabled={context.disabled}>
      <legend>
        <Label text={title} required={required} t={t} />
      </legend>
      {items.length === 0 ? <p className={styles.hint}>{t('emptyList')}</p> : null}
      {items.map((item, index) => {
        const itemTitle = t('item', { title, number: index + 1 });
        return (
          <div key={index} className={styles.item} role="group" aria-label={itemTitle}>
            <Field
              context={context}
              name={String(index)}
              schema={itemSchema}
              value={item}
              path={[...path, index]}
              required
              title={itemTitle}
            />
            <button
              type="button"
              className={`${ui.button} ${ui.small} ${ui.ghost}`}
              aria-label={t('remove', { what: itemTitle })}
              onClick={() =>
                context.set(
                  path,
                  items.filter((_, i) => i !== index),
                )
              }
            >
              {t('removeShort')}
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className={`${ui.button} ${ui.small}`}
        disabled={full}
        onClick={() => context.set(path, [...items, blankValue(itemSchema)])}
      >
        {t('add', { what: title })}
      </button>
      <ErrorText context={context} path={path} />
    </fieldset>
  );
}

function MapField({ context, schema, value, path, required, title }: FieldProps & { title: string }) {
  const { t } = context;
  const record =
    value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const entries = Object.entries(record);
  const valueSchema = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : {};
  // Renaming a key keeps the entries in order.
  const rename = (from: string, to: string) =>
    context.set(path, Object.fromEntries(entries.map(([key, v]) => [key === from ? to : key, v])));
  const freshKey = () => {
    for (let n = entries.length + 1; ; n++) if (!(`key${n}` in record)) return `key${n}`;
  };
  return (
    <fieldset className={styles.group} disabled={context.disabled}>
      <legend>
        <Label text={title} required={required} t={t} />
      </legend>
      {entries.length === 0 ? <p className={styles.hint}>{t('emptyList')}</p> : null}
      {entries.map(([key, entry], index) => (
        <div key={index} className={styles.item} role="group" aria-label={t('entry', { title, key })}>
          <div className={styles.field}>
            <label htmlFor={`${fieldId(context, path)}-key-${index}`}>
              <span className={styles.label}>{t('name')}</span>
            </label>
            <input
              id={`${fieldId(context, path)}-key-${index}`}
              type="text"
              className={ui.input}
              value={key}
              onChange={(event) => rename(key, event.target.value)}
            />
          </div>
          <Field
            context={context}
            name={key}
            schema={valueSchema}
            value={entry}
            path={[...path, key]}
            required
            title={t('valueOf', { key })}
          />
          <button
            type="button"
            className={`${ui.button} ${ui.small} ${ui.ghost}`}
            aria-label={t('remove', { what: key })}
            onClick={() => context.set(path, Object.fromEntries(entries.filter(([k]) => k !== key)))}
          >
            {t('removeShort')}
          </button>
        </div>
      ))}
      <button
        type="button"
        className={`${ui.button} ${ui.small}`}
        onClick={() => context.set(path, { ...record, [freshKey()]: blankValue(valueSchema) })}
      >
        {t('add', { what: title })}
      </button>
      <ErrorText context={context} path={path} />
    </fieldset>
  );
}
