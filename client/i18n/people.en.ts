import type peopleZhCN from './people.zh-CN';

const peopleEn: typeof peopleZhCN = {
  landing: {
    choose: 'Choose a scope to look at',
    yours: 'Scopes you can look at',
    loadingName: 'Reading the name…',
  },
  page: {
    mine: 'My page',
    myTickets: 'My tickets',
    of: "{name}'s page",
    loading: 'Reading…',
    openPage: 'Open the engineer page',
    failure: {
      forbidden: 'This engineer is outside your access.',
      'not-found': 'No such engineer.',
      failed: 'Could not read the page; trying again shortly.',
    },
  },
  tickets: {
    title: 'Open tickets ({count})',
    none: 'No open tickets right now.',
    ticket: 'Ticket',
    customer: 'Customer',
    status: 'Status',
    next: 'Next deadline',
    countdown: 'Time left',
    noClock: 'No running clock',
    paused: 'Paused',
    left: '{span} left',
    due: 'due {at}',
  },
  scorecard: {
    title: 'My scorecard',
    titleOf: 'Scorecard',
    explain: "This week from Monday 00:00, this month from the 1st, in the center's local time; beside each figure the median of this center's engineers ({team}). No ranking.",
    side: { process: 'Process', outcome: 'Outcome' },
    period: { week: 'This week', month: 'This month' },
    median: 'team median {value}',
    formula: 'Formula: {formula}',
  },
  exclusions: {
    title: 'Scorecard exceptions',
    explain: 'A supervisor may take a ticket out of the scorecard, for a family emergency or a customer no-show, say; every exclusion and every revocation is audited.',
    none: 'No tickets are excluded.',
    by: 'excluded by {who} at {at}',
    revoked: 'revoked by {who} at {at}',
    revoke: 'Revoke',
    ticket: 'Ticket id',
    reason: 'Reason',
    reasonHint: 'e.g. customer no-show',
    add: 'Exclude from scorecard',
    failed: 'That did not work; please try again.',
  },
  star: {
    title: 'Service star · {month}',
    score: 'score {score}',
    nobody: 'Nobody qualifies yet this month',
    own: 'My score this month: {score}',
    ownNone: 'My score this month: not yet qualified',
    their: 'Score this month: {score}',
    theirNone: 'Score this month: not yet qualified',
    lastMonth: 'Last month ({month}): {name}, score {score}',
    lastMonthNobody: 'Last month ({month}): nobody qualified',
  },
};

export default peopleEn;
