import { expect } from 'vitest';
import { postEvents } from './api';
import { type DeskSuite, signedInDeskSuite } from './signedInBrowser';
import { createdEvent } from './smallNetwork';

/**
 * A desk suite at 07:30 on a working Monday in Shanghai, with FN-1 (某连锁超市, 5×9) in since 17:00 on
 * Friday: two working hours to a first response, one spent on Friday, one left for Monday from 09:00.
 */
export function fiveByNineBeforeHoursSuite(): DeskSuite {
  return signedInDeskSuite({
    now: Date.parse('2026-11-23T07:30:00+08:00'),
    seed: async (server) => {
      const created = createdEvent('FN-1', '2026-11-20T17:00:00+08:00', { customerId: 'c-002' });
      expect((await postEvents(server, [created])).status).toBe(200);
    },
  });
}
