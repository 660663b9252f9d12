import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/svelte';
import Marked from './Marked.svelte';

afterEach(cleanup);

// What the core sends for an entry whose text holds markup (HTML-escaped, match marked):
// see src/search/snippet.rs `escape` and the `snippets_mark_matches_and_escape_html` test.
const hostile =
  '&lt;script&gt;window.pwned = 1&lt;/script&gt; the <mark>certificate</mark> &lt;img src=x onerror=&quot;window.pwned = 2&quot;&gt;';

describe('Marked', () => {
  it('renders matches as <mark> and markup from an entry as inert text', () => {
    const { container } = render(Marked, { html: hostile });
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    const marks = [...container.querySelectorAll('mark')].map((m) => m.textContent);
    expect(marks).toEqual(['certificate']);
    expect(container.textContent).toBe(
      '<script>window.pwned = 1</script> the certificate <img src=x onerror="window.pwned = 2">',
    );
    expect((window as unknown as { pwned?: number }).pwned).toBeUndefined();
  });

  it('stays text even if the snippet were not escaped', () => {
    const { container } = render(Marked, { html: '<img src=x onerror="window.pwned = 3"><mark>tls</mark>' });
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelectorAll('mark')).toHaveLength(1);
    expect((window as unknown as { pwned?: number }).pwned).toBeUndefined();
  });
});
