/** The bench server's bootstrap tokens, known to both the bench and its server process. */
export const BENCH_VIEW_TOKEN = 'bench-view-token-0123456789abcdef';
export const BENCH_INGEST_TOKEN = 'bench-ingest-token-0123456789abcdef';
