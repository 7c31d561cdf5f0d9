import { type Ref, ref } from 'vue';
import { ApiError } from '../api/http';

export interface AlertRequestFailure {
  status: number;
  message: string;
  issues: readonly { path: string; message: string }[];
}

/** One request at a time from an alert form; a refusal keeps the server's reason and each refused field. */
export function useAlertRequest(): { pending: Readonly<Ref<boolean>>; failure: Readonly<Ref<AlertRequestFailure | null>>; run(request: () => Promise<void>): Promise<boolean> } {
  const pending = ref(false);
  const failure = ref<AlertRequestFailure | null>(null);
  async function run(request: () => Promise<void>): Promise<boolean> {
    if (pending.value) return false;
    pending.value = true;
    failure.value = null;
    try {
      await request();
      return true;
    } catch (error) {
      failure.value = error instanceof ApiError ? { status: error.status, message: error.message, issues: error.issues } : { status: 0, message: String(error), issues: [] };
      return false;
    } finally {
      pending.value = false;
    }
  }
  return { pending, failure, run };
}
