import type { MessageSchema } from './zh-CN';

const en: MessageSchema = {
  app: {
    name: 'After-Sales Service Operations',
    scope: 'Network overview',
  },
  locale: {
    label: 'Language',
  },
  clock: {
    timeZone: 'Time zone {zone}',
  },
  status: {
    label: 'Data status',
    live: 'Live',
    stale: 'Stale',
    connecting: 'Connecting',
    reconnecting: 'Reconnecting',
    locked: 'Not authorised',
    updatedAt: 'Last update {time}',
  },
  overview: {
    title: 'Live network overview',
    open: 'Open backlog',
    openHint: 'Not yet resolved, closed or cancelled',
    createdToday: 'Created today',
    resolvedToday: 'Resolved today',
    todayHint: "By each service center's local date",
    waiting: 'Waiting for data',
  },
  trend: {
    title: 'Ticket flow, last 24 hours',
    unit: 'tickets / hour',
    created: 'Created',
    resolved: 'Resolved',
    summary: 'Last 24 hours: {created} created, {resolved} resolved',
  },
  token: {
    title: 'Access token required',
    explain: 'Enter the dashboard access token from your administrator. It is kept only in this browser.',
    refused: 'The server refused this token. Please check it and enter it again.',
    label: 'Access token',
    save: 'Save and connect',
  },
};

export default en;
