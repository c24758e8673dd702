import { NotFoundState } from '@/features/shell/not-found-state';

export default function VersionNotFound() {
  return <NotFoundState namespace="versionPage.notFound" />;
}
