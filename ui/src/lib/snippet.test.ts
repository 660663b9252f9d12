import { describe, expect, it } from 'vitest';
import { segments, unescapeHtml } from './snippet';

describe('snippet segments', () => {
  it('splits at the marks and undoes the core escaping', () => {
    expect(segments('Renew the <mark>certificate</mark> &amp; restart &lt;nginx&gt;')).toEqual([
      { text: 'Renew the ', mark: false },
      { text: 'certificate', mark: true },
      { text: ' & restart <nginx>', mark: false },
    ]);
  });

  it('keeps several marks, adjacent ones merged, empty ones dropped', () => {
    expect(segments('<mark>cert</mark><mark>ificate</mark> x <mark></mark>y <mark>z</mark>')).toEqual([
      { text: 'certificate', mark: true },
      { text: ' x y ', mark: false },
      { text: 'z', mark: true },
    ]);
    expect(segments('')).toEqual([]);
  });

  it('an unclosed mark runs to the end and a stray closing one is ignored', () => {
    expect(segments('a</mark> <mark>b')).toEqual([
      { text: 'a ', mark: false },
      { text: 'b', mark: true },
    ]);
  });

  it('any other tag is literal text, escaped or not', () => {
    expect(segments('&lt;script&gt;alert(1)&lt;/script&gt; <mark>x</mark>')).toEqual([
      { text: '<script>alert(1)</script> ', mark: false },
      { text: 'x', mark: true },
    ]);
    // Not what the core sends, but still text, never markup.
    expect(segments('<img src=x onerror=alert(1)>')).toEqual([{ text: '<img src=x onerror=alert(1)>', mark: false }]);
  });

  it('decodes named and numeric entities once, leaving unknown ones', () => {
    expect(unescapeHtml('&quot;a&quot; &#39;b&#39; &#x1F600; &amp;lt; &nbsp2; &bogus;')).toBe(
      '"a" \'b\' 😀 &lt; &nbsp2; &bogus;',
    );
  });
});
