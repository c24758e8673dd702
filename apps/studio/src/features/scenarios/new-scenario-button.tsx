'use client';

import { CreateWithNameButton } from '../shell/create-with-name-button';
import { createScenarioAction } from './actions';

export function NewScenarioButton() {
  return <CreateWithNameButton messages="scenarios.create" action={createScenarioAction} />;
}
