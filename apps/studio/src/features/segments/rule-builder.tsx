'use client';

import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import ui from '../shell/ui.module.css';
import {
  AMOUNT_OPERATORS,
  CHANNELS,
  CONDITION_KINDS,
  CONSENT_STATUSES,
  type ConditionDraft,
  type ConditionKind,
  type DraftErrors,
  type EventDraft,
  type EventMode,
  type FilterDraft,
  type GroupDraft,
  INSTANT_OPERATORS,
  type Measure,
  MEASURES,
  newCondition as newConditionOf,
  newFilter,
  newGroup,
  type NodeDraft,
  VALUE_OPERATORS,
} from './rule-draft';
import { SelectField, TextField } from './rule-fields';
import styles from './segments.module.css';
import type { RuleChoices } from './types';
import { DurationUnitField, OperatorAndValue } from './value-fields';

const EVENT_MODES: readonly EventMode[] = ['did', 'did_not', 'measure'];

/** What every element of the tree needs: how to change it, and what the API said about it. */
export interface BuilderContext {
  readOnly: boolean;
  errors: DraftErrors;
  choices: RuleChoices;
  update(id: string, change: (node: NodeDraft) => NodeDraft | null): void;
  move(id: string, by: -1 | 1): void;
  add(groupId: string, node: NodeDraft): void;
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
      <TextField
        label={t('property')}
        error={errors?.get('path')}
        value={filter.path}
        readOnly={ctx.readOnly}
        placeholder="category"
        onChange={(path) => setFilter({ path })}
      />
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

/** Count, sum, avg, min, max: an amount, compared with a number; first, last: a moment. */
const isAmount = (measure: Measure) => ['count', 'sum', 'avg', 'min', 'max'].includes(measure);
const operatorsOf = (measure: Measure) => (isAmount(measure) ? AMOUNT_OPERATORS : INSTANT_OPERATORS);

function EventFields({ node, label, ctx }: { node: EventDraft; label: string; ctx: BuilderContext }) {
  const t = useTranslations('ruleBuilder');
  const errors = ctx.errors.get(node.id);
  const set = (change: Partial<EventDraft>) =>
    ctx.update(node.id, (current) => ({ ...(current as EventDraft), ...change }));
  return (
    <>
      <TextField
        label={t('event')}
        error={errors?.get('event')}
        value={node.event}
        readOnly={ctx.readOnly}
        placeholder="order.completed"
        onChange={(event) => set({ event })}
      />
      <SelectField
        label={t('eventMode')}
        value={node.mode}
        readOnly={ctx.readOnly}
        options={EVENT_MODES}
        optionLabel={(mode) => t(`eventModes.${mode}`)}
        onChange={(mode) => set({ mode })}
      />
      {node.mode === 'measure' ? (
        <>
          <SelectField
            label={t('measure')}
            error={errors?.get('measure')}
            value={node.measure}
            readOnly={ctx.readOnly}
            options={MEASURES}
            optionLabel={(measure) => t(`measures.${measure}`)}
            onChange={(measure) => {
              const allowed = operatorsOf(measure);
              set({ measure, operator: allowed.includes(node.operator) ? node.operator : allowed[0] });
            }}
          />
          {isAmount(node.measure) && node.measure !== 'count' ? (
            <TextField
              label={t('of')}
              error={errors?.get('of')}
              value={node.of}
              readOnly={ctx.readOnly}
              placeholder="total"
              onChange={(of) => set({ of })}
            />
          ) : null}
          <OperatorAndValue
            operator={node.operator}
            value={node.value}
            operators={operatorsOf(node.measure)}
            errors={errors}
            readOnly={ctx.readOnly}
            onChange={(operator, value) => set({ operator, value })}
          />
        </>
      ) : null}
      <TextField
        label={t('withinLast')}
        error={errors?.get('within')}
        value={node.within.amount}
        readOnly={ctx.readOnly}
        placeholder={t('always')}
        numeric="count"
        onChange={(amount) => set({ within: { ...node.within, amount } })}
      />
      <DurationUnitField
        label={t('withinUnit')}
        value={node.within.unit}
        readOnly={ctx.readOnly}
        onChange={(unit) => set({ within: { ...node.within, unit } })}
      />
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
          <TextField
            label={node.kind === 'trait' ? t('trait') : t('computedTrait')}
            error={errors?.get('path')}
            value={node.path}
            readOnly={ctx.readOnly}
            placeholder={node.kind === 'trait' ? 'country' : 'rfm.f'}
            suggestions={
              node.kind === 'computed'
                ? ctx.choices.computedTraits.map((trait) => ({ value: trait.key, hint: trait.kind }))
                : undefined
            }
            onChange={(path) => set({ path })}
          />
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
          <SelectField
            label={t('channel')}
            error={errors?.get('channel')}
            value={node.channel}
            readOnly={ctx.readOnly}
            options={CHANNELS}
            optionLabel={(channel) => t(`channels.${channel}`)}
            onChange={(channel) => set({ channel })}
          />
          {node.kind === 'consent' ? (
            <SelectField
              label={t('consentStatus')}
              error={errors?.get('status')}
              value={node.status}
              readOnly={ctx.readOnly}
              options={CONSENT_STATUSES}
              optionLabel={(status) => t(`consentStatuses.${status}`)}
              onChange={(status) => set({ status })}
            />
          ) : null}
        </>
      );
    case 'segment':
      return (
        <SelectField
          label={t('segment')}
          error={errors?.get('segmentId')}
          value={node.segmentId}
          readOnly={ctx.readOnly}
          placeholder={t('chooseSegment')}
          options={ctx.choices.segments.map((segment) => segment.id)}
          optionLabel={(id) => ctx.choices.segments.find((segment) => segment.id === id)?.name ?? id}
          onChange={(segmentId) => set({ segmentId })}
        />
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
