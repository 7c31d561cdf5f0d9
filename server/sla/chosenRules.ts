import { type ChosenRules, type SlaTicketContext, chooseRules, matchKey } from '../../shared/sla/slaPolicy';
import type { SlaRules } from './slaRulebook';

/** Match keys remembered for the rules in force; past it the memo starts again (choosing is only slower). */
export const CONTEXTS_REMEMBERED = 10_000;

/**
 * chooseRules for each ticket context, remembered by match key for the rules in force: every new ticket of
 * a batch needs its policy chosen, walking every policy, while few distinct contexts recur across thousands
 * of tickets. Other rules (a preview's, a new version) start the memo again.
 */
export function createChosenRulesMemo(capacity = CONTEXTS_REMEMBERED) {
  let rulesInMemo: SlaRules | null = null;
  const byKey = new Map<string, ChosenRules>();
  return (rules: SlaRules, context: SlaTicketContext): ChosenRules => {
    if (rulesInMemo !== rules) {
      byKey.clear();
      rulesInMemo = rules;
    }
    const key = matchKey(context);
    let chosen = byKey.get(key);
    if (!chosen) {
      if (byKey.size >= capacity) byKey.clear();
      chosen = chooseRules(rules.policies, context);
      byKey.set(key, chosen);
    }
    return chosen;
  };
}
