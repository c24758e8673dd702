'use client';

import { useTranslations } from 'next-intl';
import {
  type DurationUnit,
  DURATION_UNITS,
  type Operator,
  type ValueDraft,
  valueShape,
  type ValueShape,
  type ValueType,
} from './rule-draft';
import { SelectField, TextField } from './rule-fields';

const VALUE_TYPES: readonly ValueType[] = ['text', 'number', 'boolean'];
const BOOLEANS = ['true', 'false'] as const;

interface ValueFieldsProps {
  value: ValueDraft;
  error?: string;
  readOnly: boolean;
  onChange(change: Partial<ValueDraft>): void;
}

/** Hours, days, weeks… of an amount of time. */
export function DurationUnitField(props: {
  label: string;
  value: DurationUnit;
  readOnly: boolean;
  onChange(unit: DurationUnit): void;
}) {
  const t = useTranslations('ruleBuilder');
  return <SelectField {...props} options={DURATION_UNITS} optionLabel={(unit) => t(`units.${unit}`)} />;
}

/** The controls of a value, by the shape its operator gives it: one per part of the value. */
function ValueFields({ shape, value, error, readOnly, onChange }: ValueFieldsProps & { shape: ValueShape }) {
  const t = useTranslations('ruleBuilder');
  const textControl = { error, readOnly, value: value.text, onChange: (text: string) => onChange({ text }) };
  if (shape === 'single' && value.type === 'boolean') {
    return (
      <SelectField
        {...textControl}
        label={t('value')}
        value={value.text === 'true' ? 'true' : 'false'}
        options={BOOLEANS}
        optionLabel={(option) => t(option)}
      />
    );
  }
  switch (shape) {
    case 'none':
      return null;
    case 'single':
    case 'list':
      return (
        <TextField
          {...textControl}
          label={shape === 'list' ? t('values') : t('value')}
          wide
          numeric={value.type === 'number' ? 'decimal' : undefined}
        />
      );
    case 'range':
      return (
        <>
          <TextField {...textControl} label={t('from')} />
          <TextField
            label={t('to')}
            value={value.upper}
            readOnly={readOnly}
            onChange={(upper) => onChange({ upper })}
          />
        </>
      );
    case 'duration':
      return (
        <>
          <TextField {...textControl} label={t('amount')} numeric="count" />
          <DurationUnitField
            label={t('unit')}
            value={value.unit}
            readOnly={readOnly}
            onChange={(unit) => onChange({ unit })}
          />
        </>
      );
    case 'days':
      return <TextField {...textControl} label={t('days')} numeric="count" />;
  }
}

/** An operator and what it compares with; the value's controls follow the operator's shape. */
export function OperatorAndValue({
  operator,
  value,
  operators,
  errors,
  readOnly,
  onChange,
}: {
  operator: Operator;
  value: ValueDraft;
  operators: readonly Operator[];
  errors?: Map<string, string>;
  readOnly: boolean;
  onChange(operator: Operator, value: ValueDraft): void;
}) {
  const t = useTranslations('ruleBuilder');
  const shape = valueShape(operator);
  const setValue = (change: Partial<ValueDraft>) => onChange(operator, { ...value, ...change });
  const typed = shape === 'single' || shape === 'list' || shape === 'range';
  return (
    <>
      <SelectField
        label={t('operator')}
        error={errors?.get('operator')}
        value={operator}
        readOnly={readOnly}
        options={operators}
        optionLabel={(op) => t(`operators.${op}`)}
        onChange={(op) => onChange(op, value)}
      />
      {typed ? (
        <SelectField
          label={t('valueType')}
          value={value.type}
          readOnly={readOnly}
          options={VALUE_TYPES}
          optionLabel={(type) => t(`valueTypes.${type}`)}
          onChange={(type) => setValue({ type })}
        />
      ) : null}
      <ValueFields
        shape={shape}
        value={value}
        error={errors?.get('value')}
        readOnly={readOnly}
        onChange={setValue}
      />
    </>
  );
}
