// What Parcours loads from a node package (PARCOURS_NODE_PACKAGES): `nodes`, the definitions it
// provides. Keep a type's older versions listed here while journeys published with them may run.
import { addLoyaltyPointsNode } from './add-loyalty-points';

export { addLoyaltyPointsNode };
export const nodes = [addLoyaltyPointsNode];
