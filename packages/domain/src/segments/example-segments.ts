import { type ComputedTraitDefinition } from '../computed-traits/computed-trait-definition';
import { type SegmentRule } from './segment-rule';

/**
 * Appetence for an animal (Mia(ou)m's): what customers order and browse for, read as
 * `computed.appetence` = cat, dog or rodent. Newsletter sign-ups may name an animal too.
 */
export const ANIMAL_APPETENCE: ComputedTraitDefinition = {
  key: 'appetence',
  kind: 'appetence',
  config: {
    sources: [
      { event: 'order.completed', path: 'animal', weight: 3 },
      { event: 'product.viewed', path: 'animal', weight: 1 },
      { event: 'newsletter.subscribed', path: 'animal', weight: 2 },
    ],
    periodDays: 180,
    categories: ['cat', 'dog', 'rodent'],
  },
};

/**
 * The computed traits the example segments read, as CRM teams name them in the seed articles
 * (RFM, NPS, promophilie, appetence for an animal, repurchase cycle). Defaults otherwise:
 * `order.completed` events with `total`, `promotion`, `animal` (and `product`, e.g. kibble)
 * properties, survey answers as `survey.answered` with `nps`.
 */
export const EXAMPLE_COMPUTED_TRAITS: ComputedTraitDefinition[] = [
  { key: 'rfm', kind: 'rfm', config: {} },
  { key: 'nps', kind: 'nps', config: {} },
  { key: 'promophilie', kind: 'promophilie', config: {} },
  ANIMAL_APPETENCE,
  { key: 'repurchase', kind: 'repurchase', config: {} },
];

const computed = (path: string, operator: string, value?: unknown) =>
  ({ type: 'computed', path, operator, value }) as SegmentRule;

export interface ExampleSegment {
  name: string;
  description: string;
  rule: SegmentRule;
}

export const TOP_REVENUE_PROMOTERS: ExampleSegment = {
  name: 'Top revenue customers and promoters',
  description:
    'The top fifth by amount spent (RFM monetary score 5) who would recommend us (NPS 9-10): reward them.',
  rule: {
    type: 'and',
    rules: [computed('rfm.m', 'equals', 5), computed('nps.category', 'equals', 'promoter')],
  },
};

export const OVERDUE_QUARTERLY_BUYERS: ExampleSegment = {
  name: '3-month RF buyers past their repurchase date',
  description: 'Usually buy every two to four months, and the next order is overdue.',
  rule: {
    type: 'and',
    rules: [
      computed('repurchase.usualIntervalDays', 'between', [60, 120]),
      // Exact between recomputations, unlike the `overdue` flag computed with the trait.
      computed('repurchase.nextExpectedAt', 'more_than_ago', { amount: 0, unit: 'days' }),
    ],
  },
};

/** Segments from the seed articles, shipped as examples (`POST /segments/examples` installs them). */
export const EXAMPLE_SEGMENTS: ExampleSegment[] = [
  {
    name: 'Regular customers and detractors',
    description:
      'Order often (RFM frequency score 4-5) but would not recommend us (NPS 0-6): call them back.',
    rule: {
      type: 'and',
      rules: [computed('rfm.f', 'gte', 4), computed('nps.category', 'equals', 'detractor')],
    },
  },
  TOP_REVENUE_PROMOTERS,
  OVERDUE_QUARTERLY_BUYERS,
  {
    name: 'Kibble buyers 14 days ago',
    description: 'Last ordered kibble exactly two weeks ago and can be emailed: their stock is nearly empty.',
    rule: {
      type: 'and',
      rules: [
        {
          type: 'event',
          event: 'order.completed',
          where: [{ path: 'product', operator: 'equals', value: 'kibble' }],
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
