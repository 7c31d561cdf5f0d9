import { type Ref, ref } from 'vue';
import { type FailedRequest, type RequestFailure, requestFailure } from '../auth/requestFailure';

export interface Submission<F> {
  pending: Readonly<Ref<boolean>>;
  failure: Readonly<Ref<F | null>>;
  /** Runs the request unless one is already under way; true when it succeeded. */
  submit(request: () => Promise<void>): Promise<boolean>;
}

export type FormSubmission = Submission<RequestFailure>;

/** One request at a time from a form; a failure is kept as `describe` words it. */
export function useSubmission<F>(describe: (error: unknown) => F): Submission<F> {
  const pending = ref(false);
  const failure = ref<F | null>(null) as Ref<F | null>;

  async function submit(request: () => Promise<void>): Promise<boolean> {
    // Enter pressed twice would otherwise send a second login and count a second failure toward lockout.
    if (pending.value) return false;
    pending.value = true;
    failure.value = null;
    try {
      await request();
      return true;
    } catch (error) {
      failure.value = describe(error);
      return false;
    } finally {
      pending.value = false;
    }
  }

  return { pending, failure, submit };
}

/** One request at a time from a form, its failure kept in words a person can act on. */
export function useFormSubmission(kind: FailedRequest): FormSubmission {
  return useSubmission((error) => requestFailure(error, kind, Date.now()));
}
