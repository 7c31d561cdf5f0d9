/** One dated step of a record's story, as HistoryList shows it. */
export interface HistoryEntry {
  key: string;
  at: number;
  text: string;
  /** What the step said beyond its headline: a reason, a resolution, the customer's answer. */
  details?: string[];
  /** Who or what reported it, and a hover note on that (e.g. when it was received). */
  by: string;
  byTitle?: string;
  /** Colours the step's mark: a warning (an escalation), ok (a customer's confirmation). */
  tone?: 'warning' | 'ok';
  testId: string;
  type?: string;
}
