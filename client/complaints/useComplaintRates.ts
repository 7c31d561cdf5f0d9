import { type Ref, ref, shallowRef, watch } from 'vue';
import type { ComplaintRateBreakdown } from '../../shared/complaints/complaintRates';
import { ApiError } from '../api/http';
import { fetchComplaintRates } from './complaintApi';

/** The window the desk's rates are taken over: a month holds enough tickets per center to say something. */
export const COMPLAINT_RATE_WINDOW = '30d';

/**
 * The scope's complaints per 100 tickets, read again when the scope changes and whenever `changed` moves
 * (the desk's list saw complaints come or go), so the rates never disagree with the list for long.
 */
export function useComplaintRates(scope: Ref<string>, changed: Ref<unknown>) {
  const answer = shallowRef<ComplaintRateBreakdown | null>(null);
  const failure = ref<'outOfScope' | 'failed' | null>(null);
  let asking = 0;

  async function load(): Promise<void> {
    const current = ++asking;
    try {
      const read = await fetchComplaintRates(scope.value, COMPLAINT_RATE_WINDOW);
      if (current !== asking) return;
      answer.value = read;
      failure.value = null;
    } catch (error) {
      if (current !== asking) return;
      failure.value = error instanceof ApiError && error.status === 403 ? 'outOfScope' : 'failed';
    }
  }

  watch(scope, () => {
    answer.value = null;
    void load();
  }, { immediate: true });
  watch(changed, () => void load());
  return { answer, failure };
}
