import { describe, expect, it } from 'vitest';
import { parseWallQuery, playlistOfProfile } from './wallQuery';

describe('parseWallQuery', () => {
  it('reads a playlist with per-board intervals, scopes and the default interval', () => {
    const { params, issues } = parseWallQuery({ playlist: 'network:30,region@east:20,breach' });
    expect(issues).toEqual([]);
    expect(params.playlist).toEqual([
      { board: 'network', scopeId: null, seconds: 30 },
      { board: 'region', scopeId: 'east', seconds: 20 },
      { board: 'breach', scopeId: null, seconds: 30 },
    ]);
  });

  it('reads threshold overrides per metric in the figure unit', () => {
    const { params } = parseWallQuery({ thresholds: 'breached_open:1:5,sla_compliance_resolution:0.95:0.9' });
    expect(params.thresholds).toEqual([
      { metric: 'breached_open', warning: 1, alert: 5 },
      { metric: 'sla_compliance_resolution', warning: 0.95, alert: 0.9 },
    ]);
  });

  it('leaves out each bad parameter with its reason and keeps the good ones', () => {
    const { params, issues } = parseWallQuery({ scope: 'region:east', playlist: 'network:2', thresholds: 'no_such_metric:1:2', sound: 'loud', utm: 'x' });
    expect(params).toEqual({ scope: { kind: 'region', id: 'east' } });
    expect(issues.map((issue) => issue.path)).toEqual(['playlist', 'thresholds', 'sound']);
    expect(issues[0]!.message).toContain('seconds must be 5 to 3600');
  });

  it('takes the first of a repeated parameter', () => {
    expect(parseWallQuery({ lang: ['en', 'zh-CN'] }).params.lang).toBe('en');
  });
});

describe('playlistOfProfile', () => {
  it('reads a profile board as a playlist and ignores boards it does not know', () => {
    expect(playlistOfProfile('breach')).toEqual([{ board: 'breach', scopeId: null, seconds: 30 }]);
    expect(playlistOfProfile('wall')).toBeNull();
    expect(playlistOfProfile(null)).toBeNull();
  });
});
