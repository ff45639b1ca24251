import { describe, expect, it } from 'vitest';
import { DEFAULT_REACTION_SET, Limits } from '../constants.js';
import {
  ContentKey,
  CreateCommentBody,
  CreateSiteBody,
  Id,
  ListCommentsQuery,
  SiteSettings,
} from './index.js';

describe('ids and keys', () => {
  it('accepts numeric ids that fit a signed 64-bit column and nothing else', () => {
    expect(Id.safeParse('1').success).toBe(true);
    expect(Id.safeParse('999999999999999999').success).toBe(true);
    for (const bad of ['0', '-1', '01', 'abc', '1e3', '9999999999999999999', '', ' 1']) {
      expect(Id.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('accepts path-like content keys but no whitespace or control characters', () => {
    expect(ContentKey.safeParse('blog/2026/hello-world').success).toBe(true);
    expect(ContentKey.safeParse('post-1').success).toBe(true);
    for (const bad of ['', 'a b', 'a\u0000b', 'tab\there', 'x'.repeat(Limits.contentIdMax + 1)]) {
      expect(ContentKey.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('comment bodies', () => {
  it('trims text and rejects empty or oversized comments', () => {
    expect(CreateCommentBody.parse({ content_id: 'p', comment_text: '  hi  ' }).comment_text).toBe('hi');
    expect(CreateCommentBody.safeParse({ content_id: 'p', comment_text: '   ' }).success).toBe(false);
    const long = 'x'.repeat(Limits.commentTextMax + 1);
    expect(CreateCommentBody.safeParse({ content_id: 'p', comment_text: long }).success).toBe(false);
  });

  it('applies list defaults and parses string booleans from the query string', () => {
    const q = ListCommentsQuery.parse({});
    expect(q).toMatchObject({ sort: 'best', limit: Limits.pageSizeDefault, replies: true });
    expect(ListCommentsQuery.parse({ replies: '0', limit: '5' })).toMatchObject({ replies: false, limit: 5 });
    expect(ListCommentsQuery.safeParse({ sort: 'random' }).success).toBe(false);
    expect(ListCommentsQuery.safeParse({ limit: '1000' }).success).toBe(false);
  });
});

describe('site settings', () => {
  it('defaults to the seed values', () => {
    expect(SiteSettings.parse({})).toMatchObject({
      max_depth: 5,
      allow_guests: false,
      reaction_set: [...DEFAULT_REACTION_SET],
      pre_moderation: 'none',
    });
  });

  it('rejects unknown or repeated reactions and origins with paths', () => {
    expect(SiteSettings.safeParse({ reaction_set: ['like', 'like'] }).success).toBe(false);
    expect(SiteSettings.safeParse({ reaction_set: ['meh'] }).success).toBe(false);
    expect(CreateSiteBody.safeParse({ name: 'x', origins: ['https://a.example/path'] }).success).toBe(false);
    expect(
      CreateSiteBody.parse({ name: 'x', origins: ['https://a.example:8443', '*'] }).origins,
    ).toHaveLength(2);
  });
});
