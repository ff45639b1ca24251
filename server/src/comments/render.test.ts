import { describe, expect, it } from 'vitest';
import { renderComment, renderMarkdown } from './render.js';

const html = (md: string) => renderComment(md).html;

describe('markdown rendering', () => {
  it('renders markdown and keeps it inside an allow-list', () => {
    expect(html('**bold** and _em_ and `code`')).toBe(
      '<p><strong>bold</strong> and <em>em</em> and <code>code</code></p>',
    );
    expect(html('> quote\n\n- a\n- b')).toContain('<blockquote>');
  });

  it('escapes raw html instead of rendering it', () => {
    for (const payload of [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '<a href="javascript:alert(1)">x</a>',
      '<iframe src="https://evil.example"></iframe>',
      '<svg onload=alert(1)>',
      '<div style="background:url(javascript:alert(1))">x</div>',
    ]) {
      const out = html(payload);
      expect(out, payload).not.toMatch(/<(script|img|iframe|svg|div)\b/i);
      expect(out, payload).not.toMatch(/<a [^>]*href="javascript/i);
      expect(out).toMatch(/^<p>.*&lt;/);
    }
  });

  it('drops dangerous link targets', () => {
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'vbscript:x',
      'data:text/html;base64,PHNjcmlwdD4=',
      'file:///etc/passwd',
    ]) {
      const out = html(`[click](${href})`);
      expect(out, href).not.toMatch(/href="(?!https?:)/i);
    }
    expect(html('[x](&#106;avascript:alert(1))')).not.toMatch(/href=/);
    expect(html('[x](java\tscript:alert(1))')).not.toMatch(/href="java/);
  });

  it('does not render images', () => {
    const out = html('![tracker](https://evil.example/pixel.gif)');
    expect(out).not.toContain('<img');
  });

  it('marks links nofollow ugc noopener in a new tab, including linkified ones', () => {
    expect(html('[site](https://example.com)')).toBe(
      '<p><a href="https://example.com" rel="nofollow ugc noopener" target="_blank">site</a></p>',
    );
    expect(html('see https://example.com/x')).toContain(
      '<a href="https://example.com/x" rel="nofollow ugc noopener" target="_blank">',
    );
  });

  it('keeps quotes from breaking out of attributes', () => {
    const out = html('[x](https://example.com/"onmouseover="alert(1))');
    expect(out).not.toMatch(/"\s*onmouseover=/);
  });

  it('leaves entities as text', () => {
    expect(html('&lt;script&gt;alert(1)&lt;/script&gt;')).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>',
    );
  });

  it('parses mentions, renders them as spans, and skips e-mail addresses and code', () => {
    const r = renderComment('hi @ana and @bob.smith. mail me at joe@example.com, `@not` @ana');
    expect(r.mentions).toEqual(['ana', 'bob.smith']);
    expect(r.html).toContain('<span class="ss-mention">@ana</span>');
    expect(r.html).toContain('<span class="ss-mention">@bob.smith</span>.');
    expect(r.html).not.toContain('@joe');
    expect(r.html).toContain('<code>@not</code>');
  });

  it('cannot smuggle markup through a mention', () => {
    const r = renderComment('@x<script>alert(1)</script>');
    expect(r.mentions).toEqual(['x']);
    expect(r.html).not.toContain('<script');
  });

  it('renders plain prose on its short path exactly as the full rendering would', () => {
    const alphabet = [
      'a',
      'Z',
      '0',
      ' ',
      '  ',
      ',',
      '.',
      '!',
      '?',
      "'",
      '(',
      ')',
      ':',
      ';',
      '-',
      '...',
      'e.g',
      'x.com',
      '1. ',
      'www.a.b',
    ];
    let seed = 7;
    const pick = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return alphabet[seed % alphabet.length]!;
    };
    const samples = [
      'Thanks for writing this up, the section on caching was exactly what I needed. (3)',
      "I'm here (really): yes; no - ok!? fine...",
      'Great article! Bookmarking it for the team.',
      'see localhost:8080 now',
      'ok. Next',
      'e.g. this',
    ];
    for (let i = 0; i < 3000; i++) samples.push(`w${Array.from({ length: 1 + (i % 12) }, pick).join('')}`);
    for (const text of samples) {
      expect(renderComment(text), text).toEqual(renderMarkdown(text));
    }
  });
});
