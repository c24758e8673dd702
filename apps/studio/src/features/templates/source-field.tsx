'use client';

import { useTranslations } from 'next-intl';
import { useId, useRef, useState } from 'react';
import ui from '../shell/ui.module.css';
import { type FieldProblem, offsetOf } from './template-content';
import styles from './templates.module.css';

interface SourceFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  problem?: FieldProblem;
  readOnly: boolean;
  rows?: number;
  /** A long source (HTML, MJML, SMS text): monospaced, with the caret's line and column. */
  code?: boolean;
  hint?: string;
  /** Single-line fields (subject, title, URLs). */
  singleLine?: boolean;
}

/**
 * A template field: its problem (from a save or a preview) under it, tied to it for screen
 * readers, and for errors with a position a button that puts the caret on that line and column.
 */
export function SourceField({
  label,
  value,
  onChange,
  problem,
  readOnly,
  rows = 4,
  code,
  hint,
  singleLine,
}: SourceFieldProps) {
  const t = useTranslations('templates.editor');
  const id = useId();
  const ref = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  const [caret, setCaret] = useState({ line: 1, column: 1 });
  const describedBy = [problem ? `${id}-problem` : null, hint ? `${id}-hint` : null]
    .filter(Boolean)
    .join(' ');
  const trackCaret = () => {
    const element = ref.current;
    if (!element) return;
    const before = element.value.slice(0, element.selectionStart ?? 0).split('\n');
    setCaret({ line: before.length, column: before[before.length - 1].length + 1 });
  };
  const goTo = (line: number, column?: number) => {
    const element = ref.current;
    if (!element) return;
    const offset = offsetOf(element.value, line, column);
    element.focus();
    element.setSelectionRange(offset, offset);
    // Scroll the line into view: about one line height per line above it.
    const lineHeight = parseFloat(getComputedStyle(element).lineHeight) || 18;
    element.scrollTop = Math.max(0, (line - 3) * lineHeight);
    trackCaret();
  };
  const common = {
    id,
    ref,
    className: code ? `${ui.input} ${styles.code}` : ui.input,
    value,
    readOnly,
    onChange: (event: { target: { value: string } }) => onChange(event.target.value),
    onSelect: code ? trackCaret : undefined,
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': describedBy || undefined,
    spellCheck: code ? false : undefined,
  };
  return (
    <div className={ui.field}>
      <label htmlFor={id}>{label}</label>
      {singleLine ? <input {...common} type="text" /> : <textarea {...common} rows={rows} />}
      {hint ? (
        <span id={`${id}-hint`} className={styles.hint}>
          {hint}
        </span>
      ) : null}
      {code ? (
        <span className={styles.caret} aria-hidden="true">
          {t('caret', caret)}
        </span>
      ) : null}
      {problem ? (
        <p id={`${id}-problem`} className={styles.problem} role="alert">
          <span>{problem.message}</span>
          {problem.line ? (
            <button
              type="button"
              className={`${ui.button} ${ui.small}`}
              onClick={() => goTo(problem.line as number, problem.column)}
            >
              {t('goToLine', { line: problem.line })}
            </button>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}
