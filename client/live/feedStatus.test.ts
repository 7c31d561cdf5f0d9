import { describe, expect, it } from 'vitest';
import { feedStatus } from './feedStatus';

const NOW = 1_000_000;

describe('feedStatus', () => {
  it('is live while messages arrive within three push intervals', () => {
    expect(feedStatus('connected', NOW - 3000, NOW, 1000)).toBe('live');
  });

  it('is stale once three push intervals pass without a message, even if the socket is up', () => {
    expect(feedStatus('connected', NOW - 3001, NOW, 1000)).toBe('stale');
  });

  it('is still connecting while the first snapshot is awaited', () => {
    expect(feedStatus('connected', null, NOW)).toBe('connecting');
  });

  it('reports transport trouble as such, whatever the last message', () => {
    expect(feedStatus('reconnecting', NOW, NOW)).toBe('reconnecting');
    expect(feedStatus('connecting', null, NOW)).toBe('connecting');
  });

  it('is locked without an accepted token', () => {
    expect(feedStatus('idle', null, NOW)).toBe('locked');
    expect(feedStatus('unauthorized', NOW, NOW)).toBe('locked');
  });
});
