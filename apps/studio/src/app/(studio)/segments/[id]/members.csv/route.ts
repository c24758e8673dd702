import { proxyDownload } from '@/lib/api/download';

/** Every member of the segment as CSV, from the API. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return proxyDownload(`/segments/${encodeURIComponent((await params).id)}/members.csv`);
}
