//! Names in ladder headings: level codes (`L2`, `D1`, `IC3`), words that mark a
//! level (`Senior`, `Staff`, `Engineer II`), decoration on section headings
//! (emoji, `:shortcode:`, a `(C3)` code) and slugs for ids.

/// `L2`, `D1`, `IC3`, `E5a`: one to four letters, then a digit, then letters or digits.
pub fn looks_like_code(s: &str) -> bool {
    let letters = s.chars().take_while(|c| c.is_ascii_alphabetic()).count();
    let rest = &s[letters..];
    (1..=4).contains(&letters)
        && rest.chars().next().is_some_and(|c| c.is_ascii_digit())
        && rest.len() <= 4
        && rest.chars().all(|c| c.is_ascii_alphanumeric())
}

/// A heading that starts with a level code: `L2: Title`, `L4 Title`,
/// `D1 - Developer 1`, `Level 3: Senior` → (`L2`, `Title`).
pub fn split_code(heading: &str) -> Option<(String, String)> {
    let words: Vec<&str> = heading.split_whitespace().collect();
    let first = words
        .first()?
        .trim_end_matches([':', '.', ',', '-', '–', '—']);
    let (code, rest_from) = if looks_like_code(first) {
        (first.to_uppercase(), 1)
    } else if first.eq_ignore_ascii_case("level")
        && let Some(n) = words.get(1).map(|w| w.trim_end_matches([':', '.', '-']))
        && !n.is_empty()
        && n.len() <= 3
        && n.chars().all(|c| c.is_ascii_digit())
    {
        (format!("L{n}"), 2)
    } else if let Some(code) = spaced_code(&words) {
        (code, 2)
    } else {
        return None;
    };
    let rest = words[rest_from..].join(" ");
    let rest = rest
        .trim_start_matches([':', '.', '-', '–', '—', '|', ' '])
        .trim();
    Some((code, rest.to_string()))
}

/// `SRE 2: Title`, `IC 3 - Title`, `SRE 2`: a short upper-case word, then a number
/// that ends the heading or is followed by a separator → `SRE2`, `IC3`. Without the
/// separator (`API 2 design`) the number is part of a title.
fn spaced_code(words: &[&str]) -> Option<String> {
    let (word, number) = (words.first()?, words.get(1)?);
    let n = number.trim_end_matches([':', '.', ',', '-', '–', '—']);
    let separated = n.len() < number.len()
        || words.len() == 2
        || words
            .get(2)
            .is_some_and(|w| matches!(*w, "-" | "–" | "—" | ":" | "|"));
    ((1..=4).contains(&word.len())
        && word.chars().all(|c| c.is_ascii_uppercase())
        && (1..=3).contains(&n.len())
        && n.chars().all(|c| c.is_ascii_digit())
        && separated)
        .then(|| format!("{word}{n}"))
}

/// A level heading's code and title: a leading code (`L2: Title`, `SRE 2: Title`)
/// or a `(M2)` code at the end (`🌿 Mobile Engineer (M2)`); emoji and
/// `:shortcode:`s are taken off the title. A heading that is only a code is its
/// own title.
pub fn level_heading(heading: &str) -> (String, String) {
    match split_code(heading) {
        Some((code, rest)) if plain_title(&rest).is_empty() => (code.clone(), code),
        Some((code, rest)) => (code, plain_title(&rest)),
        None => {
            let (title, code) = section_title(heading);
            (code.map(|c| c.to_uppercase()).unwrap_or_default(), title)
        }
    }
}

const LEVEL_WORDS: &[&str] = &[
    "junior",
    "jr",
    "senior",
    "sr",
    "staff",
    "principal",
    "distinguished",
    "lead",
    "associate",
    "intern",
    "graduate",
    "apprentice",
    "trainee",
    "entry",
    "mid",
    "mid-level",
    "intermediate",
    "fellow",
    "level",
];

fn is_roman(w: &str) -> bool {
    matches!(
        w.to_ascii_uppercase().as_str(),
        "I" | "II" | "III" | "IV" | "V" | "VI" | "VII" | "VIII" | "IX" | "X"
    )
}

/// A word of a title without the punctuation around it (`(Senior),` → `Senior`).
fn bare_word(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
}

/// A word that says which rank a title is (`Senior`, `Staff`, a roman numeral
/// after the first word), `word` already bare.
fn is_rank_word(word: &str, position: usize) -> bool {
    let lower = word.to_lowercase();
    (LEVEL_WORDS.contains(&lower.as_str()) && lower != "level") || (position > 0 && is_roman(word))
}

/// A word that says "which level" rather than "which job": a rank word, the
/// word "level", or a number after the first word (`Developer 2`).
pub fn is_level_word(word: &str, position: usize) -> bool {
    let w = bare_word(word);
    is_rank_word(w, position)
        || w.eq_ignore_ascii_case("level")
        || (position > 0 && !w.is_empty() && w.chars().all(|c| c.is_ascii_digit()))
}

/// Does this heading name a level by its words (`Senior I Engineer`, `Staff Engineer`)?
pub fn has_level_words(title: &str) -> bool {
    title
        .split_whitespace()
        .enumerate()
        .any(|(i, w)| is_level_word(w, i))
}

/// Does this title say which rank it is (`Senior Engineer`, `Engineer II`)? Stricter
/// than [`has_level_words`]: the word "level" and bare numbers do not count.
pub fn has_rank_words(title: &str) -> bool {
    !rank_words(title).is_empty()
}

/// The words of a title that say which rank it is, in order: `Senior I Engineer`
/// → [`Senior`, `I`], `OSPO Engineer II` → [`II`].
pub fn rank_words(title: &str) -> Vec<String> {
    title
        .split_whitespace()
        .enumerate()
        .map(|(i, w)| (i, bare_word(w)))
        .filter(|&(i, w)| is_rank_word(w, i))
        .map(|(_, w)| w.to_string())
        .collect()
}

/// The title without level words or codes: `Senior DevOps Support Engineer` →
/// `DevOps Support Engineer`, `OSPO Engineer II` → `OSPO Engineer`.
pub fn core_title(title: &str) -> String {
    let title = split_code(title)
        .map(|(_, rest)| rest)
        .unwrap_or_else(|| title.to_string());
    title
        .split_whitespace()
        .enumerate()
        .filter(|(i, w)| !is_level_word(w, *i) && !looks_like_code(w))
        .map(|(_, w)| w.trim_matches(|c: char| matches!(c, ':' | '-' | '–' | '—' | ',')))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The number in a level code, for ordering levels: `L2` → 2, `D10` → 10, `ii` → 2.
pub fn level_number(code: &str) -> Option<u32> {
    let digits: String = code
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit())
        .collect();
    if let Ok(n) = digits.parse() {
        return Some(n);
    }
    let romans = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"];
    romans
        .iter()
        .position(|r| code.eq_ignore_ascii_case(r))
        .map(|i| i as u32 + 1)
}

/// A level code from a file name: `L2-DevOps-Support-Engineer.md` → `L2`.
pub fn code_from_file_name(name: &str) -> Option<String> {
    let stem = file_stem(name);
    let first = stem.split(['-', '_', ' ', '.']).next().unwrap_or(stem);
    looks_like_code(first).then(|| first.to_uppercase())
}

/// A title from a file name: `senior-i-engineer.md` → `Senior I Engineer`.
pub fn title_from_file_name(name: &str) -> String {
    file_stem(name)
        .split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect::<String>(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn file_stem(name: &str) -> &str {
    let base = std::path::Path::new(name)
        .file_name()
        .and_then(|s| s.to_str())
        .unwrap_or(name);
    // Only a known extension is cut: `L2.5-notes` keeps its dot.
    for ext in [".md", ".markdown", ".mdown", ".txt", ".MD"] {
        if let Some(stem) = base.strip_suffix(ext) {
            return stem;
        }
    }
    base
}

/// Is this character decoration rather than text (an emoji, a variation selector)?
fn is_emoji(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0x2300..=0x23FF
        | 0xFE00..=0xFE0F | 0x200D | 0x20E3 | 0xE0020..=0xE007F | 0x3030 | 0x303D)
}

/// A section heading for display, and its code: `:rocket: Craftsmanship (C3)` →
/// (`Craftsmanship`, `C3`). Emoji and `:shortcode:`s are dropped wherever they are.
pub fn section_title(heading: &str) -> (String, Option<String>) {
    let mut words = Vec::new();
    for w in heading.split_whitespace() {
        let w: String = w.chars().filter(|c| !is_emoji(*c)).collect();
        let w = strip_shortcodes(&w);
        if !w.is_empty() {
            words.push(w);
        }
    }
    let mut title = words.join(" ");
    let mut code = None;
    if title.ends_with(')')
        && let Some(open) = title.rfind('(')
    {
        let inner = &title[open + 1..title.len() - 1];
        if looks_like_code(inner) {
            code = Some(inner.to_string());
            title = title[..open].trim_end().to_string();
        }
    }
    let title = title.trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
    let title = title.trim_end_matches(':').trim();
    if title.is_empty() {
        return (super::clean(heading), code);
    }
    (title.to_string(), code)
}

/// Drops `:shortcode:` tokens (`:rocket:`, `:+1:`) from a word.
fn strip_shortcodes(word: &str) -> String {
    let mut out = String::new();
    let mut rest = word;
    while let Some(start) = rest.find(':') {
        let after = &rest[start + 1..];
        match after.find(':') {
            Some(end)
                if end > 0
                    && after[..end]
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '-')) =>
            {
                out.push_str(&rest[..start]);
                rest = &after[end + 1..];
            }
            _ => {
                out.push_str(&rest[..=start]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Title text for display with emoji and shortcodes dropped (track names).
pub fn plain_title(s: &str) -> String {
    section_title(s).0
}

/// `DevOps Support Engineer` → `devops-support-engineer`; safe inside an id
/// (no `.` or `/`).
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert_eq!(
            split_code("L2: DevOps Support Engineer"),
            Some(("L2".into(), "DevOps Support Engineer".into()))
        );
        assert_eq!(
            split_code("L4 Staff Engineer"),
            Some(("L4".into(), "Staff Engineer".into()))
        );
        assert_eq!(
            split_code("D1 - Developer 1"),
            Some(("D1".into(), "Developer 1".into()))
        );
        assert_eq!(
            split_code("Level 3: Senior"),
            Some(("L3".into(), "Senior".into()))
        );
        assert_eq!(split_code("Senior I Engineer"), None);
        assert_eq!(
            split_code("SRE 2: Site Reliability Engineer"),
            Some(("SRE2".into(), "Site Reliability Engineer".into()))
        );
        assert_eq!(
            split_code("IC 3 - Senior Engineer"),
            Some(("IC3".into(), "Senior Engineer".into()))
        );
        assert_eq!(split_code("API 2 design"), None);
        assert_eq!(split_code("Top 10 tips"), None);
        assert_eq!(
            level_heading("🌿 Mobile Engineer (M2)"),
            ("M2".into(), "Mobile Engineer".into())
        );
        assert_eq!(
            level_heading("L3: Senior Engineer"),
            ("L3".into(), "Senior Engineer".into())
        );
        assert_eq!(level_heading("L3"), ("L3".into(), "L3".into()));
        assert_eq!(rank_words("Senior I Engineer"), ["Senior", "I"]);
        assert_eq!(rank_words("Level expectations"), Vec::<String>::new());
        assert!(!has_rank_words("Top 10 tips"));
        assert_eq!(split_code("I grow by learning"), None);
        assert_eq!(
            code_from_file_name("L2-DevOps-Support-Engineer.md"),
            Some("L2".into())
        );
        assert_eq!(code_from_file_name("senior-i-engineer"), None);
        assert_eq!(
            title_from_file_name("dir/senior-i-engineer"),
            "Senior I Engineer"
        );
    }

    #[test]
    fn level_words() {
        assert!(has_level_words("Senior I Engineer"));
        assert!(has_level_words("OSPO Engineer II"));
        assert!(!has_level_words("I provide helpful support"));
        assert!(!has_level_words("Leadership"));
        assert_eq!(
            core_title("Senior DevOps Support Engineer"),
            "DevOps Support Engineer"
        );
        assert_eq!(
            core_title("L1: Junior DevOps Support Engineer"),
            "DevOps Support Engineer"
        );
        assert_eq!(core_title("OSPO Engineer I"), "OSPO Engineer");
        assert_eq!(level_number("L12"), Some(12));
        assert_eq!(level_number("iii"), Some(3));
        assert_eq!(level_number("senior"), None);
    }

    #[test]
    fn section_decoration() {
        assert_eq!(
            section_title("Craftsmanship (C3)"),
            ("Craftsmanship".into(), Some("C3".into()))
        );
        assert_eq!(section_title("🚀 Delivery"), ("Delivery".into(), None));
        assert_eq!(
            section_title(":rocket: Delivery :+1:"),
            ("Delivery".into(), None)
        );
        assert_eq!(section_title("👩‍💼 Leadership"), ("Leadership".into(), None));
        assert_eq!(
            section_title("Time: 10:30 (later)"),
            ("Time: 10:30 (later)".into(), None)
        );
        assert_eq!(slug("DevOps Support Engineer"), "devops-support-engineer");
        assert_eq!(slug("🛠️ Backend / Web"), "backend-web");
    }
}
