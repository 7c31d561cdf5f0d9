import type { RecomputeJob } from '../../shared/sla/adminSchema';
import { type TestServer, call } from './testServer';

/** Polls a recompute job until it leaves 'running'; the test's own timeout bounds the wait. */
export async function settledJob(server: TestServer, jobId: string): Promise<RecomputeJob> {
  for (;;) {
    const response = await call(server, 'GET', `/api/v1/sla/jobs/${jobId}`);
    if (response.status !== 200) throw new Error(`job ${jobId}: ${response.status} ${response.text}`);
    if (response.json.state !== 'running') return response.json;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
