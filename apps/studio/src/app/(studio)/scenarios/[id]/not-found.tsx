import { NotFoundState } from '@/features/shell/not-found-state';

export default function ScenarioNotFound() {
  return <NotFoundState namespace="scenarioNotFound" />;
}
