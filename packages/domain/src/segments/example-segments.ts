import { type ComputedTraitDefinition } from '../computed-traits/computed-trait-definition';
import { type SegmentRule } from './segment-rule';

/**
 * The computed traits the example segments read, as CRM teams name them in the seed articles
 * (RFM, NPS, promophilie, appetence for an animal, repurchase cycle). Defaults otherwise:
 * `order.completed` events with `total`, `category` and `promotion` properties, survey answers
 * as `survey.answered` with `nps`.
 */
export const EXAMPLE_COMPUTED_TRAITS: ComputedTraitDefinition[] = [
  { key: 'rfm', kind: 'rfm', config: {} },
  { key: 'nps', kind: 'nps', config: {} },
  { key: 'promophilie', kind: 'promophilie', config: {} },
  { key: 'appetence', kind: 'appetence', config: { categories: ['cat', 'dog', 'rodent'] } },
  { key: 'repurchase', kind: 'repurchase', config: {} },
];

const computed = (path: string, operator: string, value?: unknown) =>
  ({ type: 'computed', path, operator, value }) as SegmentRule;

/** Segments from the seed articles, shipped as examples (`POST /segments/examples` installs them). */
export const EXAMPLE_SEGMENTS: { name: string; description: string; rule: SegmentRule }[] = [
  {
    name: 'Regular customers and detractors',
    description:
      'Order often (RFM frequency score 4-5) but would not recommend us (NPS 0-6): call them back.',
    rule: {
      type: 'and',
      rules: [computed('rfm.f', 'gte', 4), computed('nps.category', 'equals', 'detractor')],
    },
  },
  {
    name: 'Top revenue customers and promoters',
    description:
      'The top fifth by amount spent (RFM monetary score 5) who would recommend us (NPS 9-10): reward them.',
    rule: {
      type: 'and',
      rules: [computed('rfm.m', 'equals', 5), computed('nps.category', 'equals', 'promoter')],
    },
  },
  {
    name: '3-month RF buyers past their repurchase date',
    description: 'Usually buy every two to four months, and the next order is overdue.',
    rule: {
      type: 'and',
      rules: [
        computed('repurchase.usualIntervalDays', 'between', [60, 120]),
        computed('repurchase.nextExpectedAt', 'more_than_ago', { amount: 0, unit: 'days' }),
      ],
    },
  },
  {
    name: 'Kibble buyers 14 days ago',
    description: 'Last ordered kibble exactly two weeks ago and can be emailed: their stock is nearly empty.',
    rule: {
      type: 'and',
      rules: [
        {
          type: 'event',
          event: 'order.completed',
          where: [{ path: 'category', operator: 'equals', value: 'kibble' }],
          measure: 'last',
          operator: 'days_ago',
          value: 14,
        },
        { type: 'contactable', channel: 'email' },
      ],
    },
  },
  {
    name: 'Promophiles',
    description: 'The three most promotion-driven tenths of the base (promophilie decile 8-10).',
    rule: computed('promophilie.decile', 'gte', 8),
  },
  {
    name: 'Cat lovers',
    description: 'Cats come first in what they buy and look at (appetence).',
    rule: computed('appetence', 'equals', 'cat'),
  },
];
