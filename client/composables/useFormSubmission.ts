import { type Ref, ref } from 'vue';
import { type FailedRequest, type RequestFailure, requestFailure } from '../auth/requestFailure';

export interface FormSubmission {
  pending: Readonly<Ref<boolean>>;
  failure: Readonly<Ref<RequestFailure | null>>;
  /** Runs the request unless one is already under way; true when it succeeded. */
  submit(request: () => Promise<void>): Promise<boolean>;
}

/** One request at a time from a form, its failure kept in words a person can act on. */
export function useFormSubmission(kind: FailedRequest): FormSubmission {
  const pending = ref(false);
  const failure = ref<RequestFailure | null>(null);

  async function submit(request: () => Promise<void>): Promise<boolean> {
    // Enter pressed twice would otherwise send a second login and count a second failure toward lockout.
    if (pending.value) return false;
    pending.value = true;
    failure.value = null;
    try {
      await request();
      return true;
    } catch (error) {
      failure.value = requestFailure(error, kind, Date.now());
      return false;
    } finally {
      pending.value = false;
    }
  }

  return { pending, failure, submit };
}
