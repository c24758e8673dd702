'use client';

import { useTranslations } from 'next-intl';
import { type ReactNode, useId, useState } from 'react';
import ui from '../shell/ui.module.css';
import {
  AMOUNT_OPERATORS,
  type Channel,
  CHANNELS,
  CONDITION_KINDS,
  CONSENT_STATUSES,
  type ConditionDraft,
  type ConditionKind,
  type DraftErrors,
  DURATION_UNITS,
  type EventDraft,
  type FilterDraft,
  type GroupDraft,
  INSTANT_OPERATORS,
  MEASURES,
  newCondition as newConditionOf,
  newFilter,
  newGroup,
  type NodeDraft,
  type Operator,
  VALUE_OPERATORS,
  type ValueDraft,
  valueShape,
  type ValueType,
} from './rule-draft';
import styles from './segments.module.css';
import type { RuleChoices } from './types';

/** What every element of the tree needs: how to change it, and what the API said about it. */
export interface BuilderContext {
  readOnly: boolean;
  errors: DraftErrors;
  choices: RuleChoices;
  update(id: string, change: (node: NodeDraft) => NodeDraft | null): void;
  move(id: string, by: -1 | 1): void;
  add(groupId: string, node: NodeDraft): void;
}

/** A labelled control with its error under it, wired for screen readers. */
function Field({
  label,
  error,
  children,
  wide,
}: {
  label: string;
  error?: string;
  wide?: boolean;
  children: (props: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode;
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

function OperatorAndValue({
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
  const valueError = errors?.get('value');
  const typed = shape === 'single' || shape === 'list' || shape === 'range';
  return (
    <>
      <Field label={t('operator')} error={errors?.get('operator')}>
        {(props) => (
          <select
            {...props}
            className={ui.input}
            value={operator}
            disabled={readOnly}
            onChange={(e) => onChange(e.target.value as Operator, value)}
          >
            {operators.map((op) => (
              <option key={op} value={op}>
                {t(`operators.${op}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {typed ? (
        <Field label={t('valueType')}>
          {(props) => (
            <select
              {...props}
              className={ui.input}
              value={value.type}
              disabled={readOnly}
              onChange={(e) => setValue({ type: e.target.value as ValueType })}
            >
              {(['text', 'number', 'boolean'] as const).map((type) => (
                <option key={type} value={type}>
                  {t(`valueTypes.${type}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      {typed && value.type === 'boolean' && shape === 'single' ? (
        <Field label={t('value')} error={valueError}>
          {(props) => (
            <select
              {...props}
              className={ui.input}
              value={value.text === 'true' ? 'true' : 'false'}
              disabled={readOnly}
              onChange={(e) => setValue({ text: e.target.value })}
            >
              <option value="true">{t('true')}</option>
              <option value="false">{t('false')}</option>
            </select>
          )}
        </Field>
      ) : shape === 'single' || shape === 'list' ? (
        <Field label={shape === 'list' ? t('values') : t('value')} error={valueError} wide>
          {(props) => (
            <input
              {...props}
              className={ui.input}
              value={value.text}
              readOnly={readOnly}
              inputMode={value.type === 'number' ? 'decimal' : undefined}
              onChange={(e) => setValue({ text: e.target.value })}
            />
          )}
        </Field>
      ) : shape === 'range' ? (
        <>
          <Field label={t('from')} error={valueError}>
            {(props) => (
              <input
                {...props}
                className={ui.input}
                value={value.text}
                readOnly={readOnly}
                onChange={(e) => setValue({ text: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('to')}>
            {(props) => (
              <input
                {...props}
                className={ui.input}
                value={value.upper}
                readOnly={readOnly}
                onChange={(e) => setValue({ upper: e.target.value })}
              />
            )}
          </Field>
        </>
      ) : shape === 'duration' ? (
        <>
          <Field label={t('amount')} error={valueError}>
            {(props) => (
              <input
                {...props}
                type="number"
                min={0}
                className={ui.input}
                value={value.text}
                readOnly={readOnly}
                onChange={(e) => setValue({ text: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('unit')}>
            {(props) => (
              <select
                {...props}
                className={ui.input}
                value={value.unit}
                disabled={readOnly}
                onChange={(e) => setValue({ unit: e.target.value as ValueDraft['unit'] })}
              >
                {DURATION_UNITS.map((unit) => (
                  <option key={unit} value={unit}>
                    {t(`units.${unit}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </>
      ) : shape === 'days' ? (
        <Field label={t('days')} error={valueError}>
          {(props) => (
            <input
              {...props}
              type="number"
              min={0}
              className={ui.input}
              value={value.text}
              readOnly={readOnly}
              onChange={(e) => setValue({ text: e.target.value })}
            />
          )}
        </Field>
      ) : null}
    </>
  );
}

function FilterRow({
  filter,
  event,
  label,
  ctx,
}: {
  filter: FilterDraft;
  event: EventDraft;
  label: string;
  ctx: BuilderContext;
}) {
  const t = useTranslations('ruleBuilder');
  const errors = ctx.errors.get(filter.id);
  const setFilter = (change: Partial<FilterDraft>) =>
    ctx.update(event.id, (node) => ({
      ...(node as EventDraft),
      where: (node as EventDraft).where.map((f) => (f.id === filter.id ? { ...f, ...change } : f)),
    }));
  return (
    <div role="group" aria-label={label} className={styles.filter} data-node={filter.id}>
      <Field label={t('property')} error={errors?.get('path')}>
        {(props) => (
          <input
            {...props}
            className={ui.input}
            value={filter.path}
            readOnly={ctx.readOnly}
            placeholder="category"
            onChange={(e) => setFilter({ path: e.target.value })}
          />
        )}
      </Field>
      <OperatorAndValue
        operator={filter.operator}
        value={filter.value}
        operators={VALUE_OPERATORS}
        errors={errors}
        readOnly={ctx.readOnly}
        onChange={(operator, value) => setFilter({ operator, value })}
      />
      {ctx.readOnly ? null : (
        <button
          type="button"
          className={`${ui.button} ${ui.small} ${ui.ghost}`}
          aria-label={t('removeFilter', { label })}
          onClick={() =>
            ctx.update(event.id, (node) => ({
              ...(node as EventDraft),
              where: (node as EventDraft).where.filter((f) => f.id !== filter.id),
            }))
          }
        >
          {t('remove')}
        </button>
      )}
    </div>
  );
}

function EventFields({ node, label, ctx }: { node: EventDraft; label: string; ctx: BuilderContext }) {
  const t = useTranslations('ruleBuilder');
  const errors = ctx.errors.get(node.id);
  const set = (change: Partial<EventDraft>) =>
    ctx.update(node.id, (current) => ({ ...(current as EventDraft), ...change }));
  const amount = ['count', 'sum', 'avg', 'min', 'max'].includes(node.measure);
  const operators = amount ? AMOUNT_OPERATORS : INSTANT_OPERATORS;
  return (
    <>
      <Field label={t('event')} error={errors?.get('event')}>
        {(props) => (
          <input
            {...props}
            className={ui.input}
            value={node.event}
            readOnly={ctx.readOnly}
            placeholder="order.completed"
            onChange={(e) => set({ event: e.target.value })}
          />
        )}
      </Field>
      <Field label={t('eventMode')}>
        {(props) => (
          <select
            {...props}
            className={ui.input}
            value={node.mode}
            disabled={ctx.readOnly}
            onChange={(e) => set({ mode: e.target.value as EventDraft['mode'] })}
          >
            {(['did', 'did_not', 'measure'] as const).map((mode) => (
              <option key={mode} value={mode}>
                {t(`eventModes.${mode}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {node.mode === 'measure' ? (
        <>
          <Field label={t('measure')} error={errors?.get('measure')}>
            {(props) => (
              <select
                {...props}
                className={ui.input}
                value={node.measure}
                disabled={ctx.readOnly}
                onChange={(e) => {
                  const measure = e.target.value as EventDraft['measure'];
                  const allowed = ['count', 'sum', 'avg', 'min', 'max'].includes(measure)
                    ? AMOUNT_OPERATORS
                    : INSTANT_OPERATORS;
                  set({ measure, operator: allowed.includes(node.operator) ? node.operator : allowed[0] });
                }}
              >
                {MEASURES.map((measure) => (
                  <option key={measure} value={measure}>
                    {t(`measures.${measure}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {amount && node.measure !== 'count' ? (
            <Field label={t('of')} error={errors?.get('of')}>
              {(props) => (
                <input
                  {...props}
                  className={ui.input}
                  value={node.of}
                  readOnly={ctx.readOnly}
                  placeholder="total"
                  onChange={(e) => set({ of: e.target.value })}
                />
              )}
            </Field>
          ) : null}
          <OperatorAndValue
            operator={node.operator}
            value={node.value}
            operators={operators}
            errors={errors}
            readOnly={ctx.readOnly}
            onChange={(operator, value) => set({ operator, value })}
          />
        </>
      ) : null}
      <Field label={t('withinLast')} error={errors?.get('within')}>
        {(props) => (
          <input
            {...props}
            type="number"
            min={0}
            className={ui.input}
            value={node.within.amount}
            readOnly={ctx.readOnly}
            placeholder={t('always')}
            onChange={(e) => set({ within: { ...node.within, amount: e.target.value } })}
          />
        )}
      </Field>
      <Field label={t('withinUnit')}>
        {(props) => (
          <select
            {...props}
            className={ui.input}
            value={node.within.unit}
            disabled={ctx.readOnly}
            onChange={(e) =>
              set({ within: { ...node.within, unit: e.target.value as EventDraft['within']['unit'] } })
            }
          >
            {DURATION_UNITS.map((unit) => (
              <option key={unit} value={unit}>
                {t(`units.${unit}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className={styles.filters}>
        {errors?.get('where') ? <p className={ui.error}>{errors.get('where')}</p> : null}
        {node.where.map((filter, index) => (
          <FilterRow
            key={filter.id}
            filter={filter}
            event={node}
            label={t('filterLabel', { label, n: index + 1 })}
            ctx={ctx}
          />
        ))}
        {ctx.readOnly ? null : (
          <button
            type="button"
            className={`${ui.button} ${ui.small}`}
            aria-label={t('addFilterTo', { label })}
            onClick={() => set({ where: [...node.where, newFilter()] })}
          >
            {t('addFilter')}
          </button>
        )}
      </div>
    </>
  );
}

function ConditionFields({ node, label, ctx }: { node: ConditionDraft; label: string; ctx: BuilderContext }) {
  const t = useTranslations('ruleBuilder');
  const errors = ctx.errors.get(node.id);
  const set = (change: Partial<ConditionDraft>) =>
    ctx.update(node.id, (current) => ({ ...current, ...change }) as NodeDraft);
  switch (node.kind) {
    case 'trait':
    case 'computed':
      return (
        <>
          <Field label={node.kind === 'trait' ? t('trait') : t('computedTrait')} error={errors?.get('path')}>
            {(props) => (
              <>
                <input
                  {...props}
                  className={ui.input}
                  value={node.path}
                  readOnly={ctx.readOnly}
                  placeholder={node.kind === 'trait' ? 'country' : 'rfm.f'}
                  list={node.kind === 'computed' ? `${props.id}-keys` : undefined}
                  onChange={(e) => set({ path: e.target.value })}
                />
                {node.kind === 'computed' ? (
                  <datalist id={`${props.id}-keys`}>
                    {ctx.choices.computedTraits.map((trait) => (
                      <option key={trait.key} value={trait.key}>
                        {trait.kind}
                      </option>
                    ))}
                  </datalist>
                ) : null}
              </>
            )}
          </Field>
          <OperatorAndValue
            operator={node.operator}
            value={node.value}
            operators={VALUE_OPERATORS}
            errors={errors}
            readOnly={ctx.readOnly}
            onChange={(operator, value) => set({ operator, value })}
          />
        </>
      );
    case 'event':
      return <EventFields node={node} label={label} ctx={ctx} />;
    case 'consent':
    case 'contactable':
      return (
        <>
          <Field label={t('channel')} error={errors?.get('channel')}>
            {(props) => (
              <select
                {...props}
                className={ui.input}
                value={node.channel}
                disabled={ctx.readOnly}
                onChange={(e) => set({ channel: e.target.value as Channel })}
              >
                {CHANNELS.map((channel) => (
                  <option key={channel} value={channel}>
                    {t(`channels.${channel}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {node.kind === 'consent' ? (
            <Field label={t('consentStatus')} error={errors?.get('status')}>
              {(props) => (
                <select
                  {...props}
                  className={ui.input}
                  value={node.status}
                  disabled={ctx.readOnly}
                  onChange={(e) => set({ status: e.target.value as typeof node.status })}
                >
                  {CONSENT_STATUSES.map((status) => (
                    <option key={status} value={status}>
                      {t(`consentStatuses.${status}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : null}
        </>
      );
    case 'segment':
      return (
        <Field label={t('segment')} error={errors?.get('segmentId')}>
          {(props) => (
            <select
              {...props}
              className={ui.input}
              value={node.segmentId}
              disabled={ctx.readOnly}
              onChange={(e) => set({ segmentId: e.target.value })}
            >
              <option value="">{t('chooseSegment')}</option>
              {ctx.choices.segments.map((segment) => (
                <option key={segment.id} value={segment.id}>
                  {segment.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      );
  }
}

/** Move up / down and remove, named after the element they act on. */
function ElementActions({
  node,
  label,
  index,
  siblings,
  ctx,
}: {
  node: NodeDraft;
  label: string;
  index: number;
  siblings: number;
  ctx: BuilderContext;
}) {
  const t = useTranslations('ruleBuilder');
  const small = `${ui.button} ${ui.small} ${ui.ghost}`;
  return (
    <div className={styles.elementActions}>
      <label className={styles.negate}>
        <input
          type="checkbox"
          checked={node.negated}
          disabled={ctx.readOnly}
          onChange={(e) => ctx.update(node.id, (current) => ({ ...current, negated: e.target.checked }))}
        />
        {t('negate')}
      </label>
      {ctx.readOnly ? null : (
        <>
          <button
            type="button"
            className={small}
            aria-label={t('moveUp', { label })}
            disabled={index === 0}
            onClick={() => ctx.move(node.id, -1)}
          >
            ↑
          </button>
          <button
            type="button"
            className={small}
            aria-label={t('moveDown', { label })}
            disabled={index === siblings - 1}
            onClick={() => ctx.move(node.id, 1)}
          >
            ↓
          </button>
          <button
            type="button"
            className={small}
            aria-label={t('removeElement', { label })}
            onClick={() => ctx.update(node.id, () => null)}
          >
            {t('remove')}
          </button>
        </>
      )}
    </div>
  );
}

function Condition({
  node,
  number,
  index,
  siblings,
  ctx,
}: {
  node: ConditionDraft;
  number: string;
  index: number;
  siblings: number;
  ctx: BuilderContext;
}) {
  const t = useTranslations('ruleBuilder');
  const label = t('conditionLabel', { number });
  const errors = ctx.errors.get(node.id);
  const kindId = useId();
  return (
    <li
      role="group"
      aria-label={`${label}: ${t(`kinds.${node.kind}`)}${node.negated ? ` (${t('negated')})` : ''}`}
      className={node.negated ? `${styles.condition} ${styles.negated}` : styles.condition}
      data-node={node.id}
    >
      <div className={styles.conditionHead}>
        <span className={styles.number} aria-hidden="true">
          {number}
        </span>
        <label htmlFor={kindId} className="visually-hidden">
          {t('kindOf', { label })}
        </label>
        <select
          id={kindId}
          className={`${ui.input} ${styles.kind}`}
          value={node.kind}
          disabled={ctx.readOnly}
          onChange={(e) => {
            const kind = e.target.value as ConditionKind;
            ctx.update(node.id, () => ({ ...newConditionKeepingId(kind, node) }));
          }}
        >
          {CONDITION_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`kinds.${kind}`)}
            </option>
          ))}
        </select>
        <ElementActions node={node} label={label} index={index} siblings={siblings} ctx={ctx} />
      </div>
      <div className={styles.conditionBody}>
        <ConditionFields node={node} label={label} ctx={ctx} />
      </div>
      {errors?.get('') ? (
        <p className={ui.error} role="alert">
          {errors.get('')}
        </p>
      ) : null}
    </li>
  );
}

export function Group({
  node,
  number,
  index,
  siblings,
  ctx,
}: {
  node: GroupDraft;
  /** "" for the root, "2", "2.1"… below. */
  number: string;
  index: number;
  siblings: number;
  ctx: BuilderContext;
}) {
  const t = useTranslations('ruleBuilder');
  const root = number === '';
  const label = root ? t('rootLabel') : t('groupLabel', { number });
  const errors = ctx.errors.get(node.id);
  const combinatorId = useId();
  const addKindId = useId();
  const [addKind, setAddKind] = useState<ConditionKind>('trait');
  return (
    <div
      role="group"
      aria-label={`${label}: ${t(`combinators.${node.combinator}`)}${node.negated ? ` (${t('negated')})` : ''}`}
      className={node.negated ? `${styles.group} ${styles.negated}` : styles.group}
      data-node={node.id}
    >
      <div className={styles.groupHead}>
        <label htmlFor={combinatorId}>{root ? t('match') : t('groupMatch', { number })}</label>
        <select
          id={combinatorId}
          className={ui.input}
          value={node.combinator}
          disabled={ctx.readOnly}
          onChange={(e) =>
            ctx.update(node.id, (current) => ({
              ...(current as GroupDraft),
              combinator: e.target.value as 'and' | 'or',
            }))
          }
        >
          <option value="and">{t('combinators.and')}</option>
          <option value="or">{t('combinators.or')}</option>
        </select>
        {root ? null : (
          <ElementActions node={node} label={label} index={index} siblings={siblings} ctx={ctx} />
        )}
      </div>
      {errors?.get('') ? (
        <p className={ui.error} role="alert">
          {errors.get('')}
        </p>
      ) : null}
      {node.children.length === 0 ? <p className={styles.muted}>{t('emptyGroup')}</p> : null}
      <ol className={styles.children}>
        {node.children.map((child, childIndex) => {
          const childNumber = root ? String(childIndex + 1) : `${number}.${childIndex + 1}`;
          return child.kind === 'group' ? (
            <li key={child.id}>
              <Group
                node={child}
                number={childNumber}
                index={childIndex}
                siblings={node.children.length}
                ctx={ctx}
              />
            </li>
          ) : (
            <Condition
              key={child.id}
              node={child}
              number={childNumber}
              index={childIndex}
              siblings={node.children.length}
              ctx={ctx}
            />
          );
        })}
      </ol>
      {ctx.readOnly ? null : (
        <div className={styles.groupFoot}>
          <label htmlFor={addKindId} className="visually-hidden">
            {t('newConditionKind', { label })}
          </label>
          <select
            id={addKindId}
            className={ui.input}
            value={addKind}
            onChange={(e) => setAddKind(e.target.value as ConditionKind)}
          >
            {CONDITION_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`kinds.${kind}`)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className={`${ui.button} ${ui.small}`}
            aria-label={t('addConditionTo', { label })}
            onClick={() => ctx.add(node.id, newConditionOf(addKind))}
          >
            {t('addCondition')}
          </button>
          <button
            type="button"
            className={`${ui.button} ${ui.small}`}
            aria-label={t('addGroupTo', { label })}
            onClick={() => ctx.add(node.id, newGroup('and'))}
          >
            {t('addGroup')}
          </button>
        </div>
      )}
    </div>
  );
}

/** A condition of another kind in the same place (same id, so focus and errors stay put). */
function newConditionKeepingId(kind: ConditionKind, previous: ConditionDraft): ConditionDraft {
  return { ...newConditionOf(kind), id: previous.id, negated: previous.negated };
}
