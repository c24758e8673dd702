import { miaoumKibbleStockTemplate } from './miaoum-kibble-stock';
import { miaoumWelcomeTemplate } from './miaoum-welcome';
import { callBackDetractorsTemplate, rewardPromotersTemplate } from './nps-campaigns';
import { type ScenarioTemplate } from './scenario-template';
import { zoroAbandonedCartTemplate } from './zoro-abandoned-cart';
import { zoroRepurchaseOverdueTemplate } from './zoro-repurchase-overdue';

export * from './scenario-template';
export { MIAOUM_APPETENCE_BLOCK } from './miaoum-welcome';

/** "Start from a template": the seed 002 activation scenarios, then the seed 000 NPS campaigns. */
export const SCENARIO_TEMPLATES: readonly ScenarioTemplate[] = [
  miaoumWelcomeTemplate,
  miaoumKibbleStockTemplate,
  zoroAbandonedCartTemplate,
  zoroRepurchaseOverdueTemplate,
  rewardPromotersTemplate,
  callBackDetractorsTemplate,
];

export const scenarioTemplate = (id: string): ScenarioTemplate | undefined =>
  SCENARIO_TEMPLATES.find((template) => template.id === id);
