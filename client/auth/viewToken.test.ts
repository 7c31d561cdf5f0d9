import { describe, expect, it } from 'vitest';
import { takeTokenFromUrl } from './viewToken';

describe('takeTokenFromUrl', () => {
  it('takes the token and keeps the rest of the address', () => {
    expect(takeTokenFromUrl('https://ops.example/wall?token=abc&region=east#top')).toEqual({
      token: 'abc',
      cleanHref: 'https://ops.example/wall?region=east#top',
    });
  });

  it('leaves an address without a token alone', () => {
    expect(takeTokenFromUrl('https://ops.example/?region=east')).toEqual({ token: null, cleanHref: 'https://ops.example/?region=east' });
  });

  it('strips an empty token from the address without keeping it', () => {
    expect(takeTokenFromUrl('https://ops.example/?token=')).toEqual({ token: null, cleanHref: 'https://ops.example/' });
  });
});
