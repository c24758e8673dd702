import { proxyDownload } from '@/lib/api/download';

/** GDPR export of the profile: everything stored about the person, as one JSON document. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return proxyDownload(`/profiles/${encodeURIComponent(`id:${(await params).id}`)}/export`);
}
