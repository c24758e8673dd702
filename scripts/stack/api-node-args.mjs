/**
 * V8 flags of the API process wherever it runs: here for `npm run up` and the benchmarks;
 * apps/api/Dockerfile and `npm start -w apps/api` repeat them. A young generation large enough for
 * the ingestion batches in flight, which the default one copies from space to space and promotes:
 * a sixth to a fifth less API CPU per ingested event (docs/benchmarks.md), for more memory in use.
 */
export const API_NODE_ARGS = ['--max-semi-space-size=64'];
