//! Markdown → safe HTML, once, in Rust. The app shows entry bodies with it and the
//! exports will write it, so there is one renderer and one sanitizer: whatever a user
//! pasted (a `<script>`, an `onerror=` handler, a `javascript:` link) comes out inert.
//!
//! pulldown-cmark renders CommonMark plus tables, strikethrough and task lists;
//! ammonia then keeps only an allow-list of tags, attributes and URL schemes.
//! [`excerpt`] turns the same parse into a one-line plain-text summary (the journal's
//! rows), so Markdown syntax is dropped by the parser, never by guessing at characters.
//!
//! Images are never loaded: the app's CSP allows no remote sources (an image fetched
//! from a journal would tell a server when it was read), so a broken box would show.
//! Each image becomes its alt text marked as not loaded instead, a link to its source
//! when that is http(s), so the app and the exports show the same thing.

use std::sync::LazyLock;

use pulldown_cmark::{Event, Options, Parser, TagEnd, html};

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer"))
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tags(["input"])
        .add_tag_attribute_values("input", "type", ["checkbox"]);
    b
});

/// Renders `markdown` to sanitized HTML, safe to put into a page as is.
pub fn markdown_to_html(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, Parser::new_ext(markdown, options));
    images_as_links(&SANITIZER.clean(&raw).to_string())
}

/// Replaces every `<img>` of sanitized HTML (Markdown images and raw HTML ones alike)
/// by its alt text marked as not loaded: a link to the source for http(s), plain text
/// otherwise. It relies on the sanitizer's serialization: outside tags `<` is always
/// escaped, and attribute values are double-quoted with `"` escaped, so `<img` starts
/// a tag and a value ends at the next `"`.
fn images_as_links(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<img") {
        out.push_str(&rest[..at]);
        let (attrs, after) = img_attributes(&rest[at + "<img".len()..]);
        let attr = |name: &str| attrs.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
        // Already escaped for an attribute; `<` and `>` are not, and must be in text.
        let alt = attr("alt")
            .unwrap_or("")
            .trim()
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        // Words, not an emoji: a desktop or a printed export may have no emoji font.
        let label = if alt.is_empty() {
            "Image".to_string()
        } else {
            format!("Image: {alt}")
        };
        match attr("src") {
            Some(src) if src.starts_with("https://") || src.starts_with("http://") => {
                out.push_str(&format!(
                    "<a href=\"{src}\" rel=\"noopener noreferrer\" class=\"image-not-loaded\">{label} (remote, not loaded)</a>"
                ));
            }
            _ => out.push_str(&format!(
                "<span class=\"image-not-loaded\">{label} (not loaded)</span>"
            )),
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// The attributes of a tag whose name has been read, and what follows the tag.
fn img_attributes(tag: &str) -> (Vec<(&str, &str)>, &str) {
    let mut attrs = Vec::new();
    let mut rest = tag;
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("/>").or_else(|| rest.strip_prefix('>')) {
            return (attrs, after);
        }
        let name_end = rest
            .find(|c: char| c == '=' || c == '>' || c == '/' || c.is_whitespace())
            .unwrap_or(rest.len());
        if name_end == 0 {
            // Not the serializer's shape (cannot happen): drop a character and go on.
            let mut chars = rest.chars();
            if chars.next().is_none() {
                return (attrs, rest);
            }
            rest = chars.as_str();
            continue;
        }
        let name = &rest[..name_end];
        rest = &rest[name_end..];
        let value = match rest.strip_prefix("=\"") {
            Some(v) => {
                let end = v.find('"').unwrap_or(v.len());
                rest = v.get(end + 1..).unwrap_or("");
                &v[..end]
            }
            None => "",
        };
        attrs.push((name, value));
    }
}

/// The plain text of `markdown` on one line (words of the text, inline code, link
/// texts; no markup, no URLs, no HTML), at most `max_chars` characters: a longer text
/// is cut at a word boundary and ends with "…".
pub fn excerpt(markdown: &str, max_chars: usize) -> String {
    let mut text = String::new();
    let gap = |t: &mut String| {
        if !t.is_empty() && !t.ends_with(' ') {
            t.push(' ');
        }
    };
    for event in Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    ) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::Rule => gap(&mut text),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_),
            ) => gap(&mut text),
            _ => {}
        }
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let line = words.join(" ");
    if line.chars().count() <= max_chars {
        return line;
    }
    let mut out = String::new();
    for word in words {
        let len = out.chars().count() + usize::from(!out.is_empty()) + word.chars().count();
        if len + 1 > max_chars {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        // One word longer than the limit: cut inside it.
        out = line.chars().take(max_chars.saturating_sub(1)).collect();
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::{excerpt, markdown_to_html};

    #[test]
    fn excerpt_keeps_words_and_drops_markup() {
        let md = "## Rolled back\n\nFixed **cert-manager** for SUP-1234: set `my_var` (see [the docs](https://x.org/a_b)).\n\n- one\n- two!\n\n<b>html</b>";
        assert_eq!(
            excerpt(md, 200),
            "Rolled back Fixed cert-manager for SUP-1234: set my_var (see the docs). one two! html"
        );
    }

    #[test]
    fn excerpt_is_cut_at_a_word_within_the_limit() {
        let got = excerpt("alpha beta gamma delta", 15);
        assert_eq!(got, "alpha beta…");
        assert!(got.chars().count() <= 15);
        assert_eq!(excerpt("abcdefghijklmnop", 5), "abcd…");
        assert_eq!(excerpt("", 10), "");
        assert_eq!(excerpt("Grüße aus Köln", 100), "Grüße aus Köln");
    }

    #[test]
    fn renders_common_markdown() {
        let html = markdown_to_html(
            "# Title\n\nSome **bold** and `code`.\n\n- [x] done\n- [ ] open\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
        );
        assert!(html.contains("<h1>Title</h1>"), "{html}");
        assert!(html.contains("<strong>bold</strong>"), "{html}");
        assert!(html.contains("<code>code</code>"), "{html}");
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("type=\"checkbox\""), "{html}");
    }

    #[test]
    fn strips_script_tags() {
        let html = markdown_to_html("before\n\n<script>window.pwned = 1</script>\n\nafter");
        assert!(!html.to_lowercase().contains("<script"), "{html}");
        assert!(!html.contains("window.pwned"), "{html}");
        assert!(html.contains("before") && html.contains("after"), "{html}");
    }

    #[test]
    fn strips_event_handlers() {
        let html = markdown_to_html(
            r#"<img src=x onerror="window.pwned=1"> and <a href="https://x.org" onclick="evil()">x</a>"#,
        );
        assert!(!html.to_lowercase().contains("onerror"), "{html}");
        assert!(!html.to_lowercase().contains("onclick"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains(r#"<span class="image-not-loaded">Image (not loaded)</span>"#),
            "{html}"
        );
    }

    #[test]
    fn remote_images_become_links_that_say_they_were_not_loaded() {
        assert_eq!(
            markdown_to_html("See ![the \"graph\" <b>&</b>](https://x.org/g.png?a=1&b=2 \"t\")."),
            "<p>See <a href=\"https://x.org/g.png?a=1&amp;b=2\" rel=\"noopener noreferrer\" \
             class=\"image-not-loaded\">Image: the &quot;graph&quot; &lt;b&gt;&amp;&lt;/b&gt; \
             (remote, not loaded)</a>.</p>\n"
        );
        assert_eq!(
            markdown_to_html(r#"<img alt="a > b" src="http://x.org/i.png" onerror="x()">"#),
            "<a href=\"http://x.org/i.png\" rel=\"noopener noreferrer\" \
             class=\"image-not-loaded\">Image: a &gt; b (remote, not loaded)</a>"
        );
    }

    #[test]
    fn other_images_become_text() {
        for md in [
            "![diagram](diagram.png)",
            "![diagram](data:image/png;base64,iVBORw0KGgo=)",
            "![diagram](javascript:alert(1))",
            "<img src=\"file:///etc/passwd\" alt=\"diagram\"/>",
        ] {
            let html = markdown_to_html(md);
            assert!(!html.contains("<img"), "{md} -> {html}");
            assert!(!html.contains("<a"), "{md} -> {html}");
            assert!(
                html.contains(
                    r#"<span class="image-not-loaded">Image: diagram (not loaded)</span>"#
                ),
                "{md} -> {html}"
            );
        }
        // Text that only looks like a tag is escaped by the sanitizer, left alone here.
        assert_eq!(
            markdown_to_html("`<img src=x>` and 1 &lt;img"),
            "<p><code>&lt;img src=x&gt;</code> and 1 &lt;img</p>\n"
        );
    }

    #[test]
    fn strips_javascript_links() {
        for md in [
            "[click](javascript:alert(1))",
            "<a href=\"javascript:alert(1)\">click</a>",
            "<a href=\"JaVaScRiPt:alert(1)\">click</a>",
            "[click](data:text/html,<script>alert(1)</script>)",
        ] {
            let html = markdown_to_html(md);
            assert!(
                !html.to_lowercase().contains("javascript:"),
                "{md} -> {html}"
            );
            assert!(!html.to_lowercase().contains("data:"), "{md} -> {html}");
            assert!(html.contains("click"), "{md} -> {html}");
        }
    }

    #[test]
    fn keeps_safe_links_with_noopener() {
        let html = markdown_to_html("[docs](https://example.org/a)");
        assert!(
            html.contains(r#"<a href="https://example.org/a" rel="noopener noreferrer">docs</a>"#),
            "{html}"
        );
    }

    #[test]
    fn strips_style_and_iframes() {
        let html = markdown_to_html(
            "<iframe src=\"https://x\"></iframe><style>body{}</style><p style=\"color:red\">x</p>",
        );
        assert!(!html.contains("<iframe"), "{html}");
        assert!(!html.contains("<style"), "{html}");
        assert!(!html.contains("style="), "{html}");
    }
}
