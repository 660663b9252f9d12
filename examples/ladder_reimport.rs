//! Re-import of an edited 1 MB ladder, in process, in a fresh temporary journal:
//! `cargo run --release --example ladder_reimport`.
//!
//! The ladder is generated (deterministic): one level, 10 sections of 1,200
//! bullets of 12–16 words. The edit rewords every third bullet (one word
//! replaced), drops every tenth and adds 500. Prints the time of the fresh
//! import, an unchanged re-import and the edited one, with the summary counts, so
//! a regression to comparing every pair of bullets shows as seconds, not ms.

use std::time::Instant;

use rungs::Journal;
use rungs::ladder::ImportOptions;

/// A deterministic pseudo-random sequence (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn vocabulary(rng: &mut Rng) -> Vec<String> {
    const SYLLABLES: &[&str] = &[
        "ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "de", "pa", "qui", "ber", "tan", "gor",
        "fel", "mun", "zor", "lin", "cas", "dri",
    ];
    (0..3000)
        .map(|_| {
            (0..2 + rng.below(2))
                .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
                .collect()
        })
        .collect()
}

fn bullet(rng: &mut Rng, words: &[String]) -> Vec<String> {
    (0..12 + rng.below(5))
        .map(|_| words[rng.below(words.len())].clone())
        .collect()
}

fn render(sections: &[Vec<Vec<String>>]) -> Vec<u8> {
    let mut out = String::from("# L5: Generated Engineer\n\n");
    for (i, s) in sections.iter().enumerate() {
        out.push_str(&format!("## Section {i}\n\n"));
        for b in s {
            out.push_str(&format!("- {}\n", b.join(" ")));
        }
        out.push('\n');
    }
    out.into_bytes()
}

fn import(j: &mut Journal, label: &str, bytes: &[u8]) {
    let t = Instant::now();
    let r = j
        .import_ladder(
            &[("generated.md".into(), bytes.to_vec())],
            &ImportOptions {
                track: Some("Generated".into()),
                dry_run: false,
            },
        )
        .expect("import");
    println!(
        "{label}: {:.0} ms ({} KB): {} unchanged, {} reworded, {} added, {} retired",
        t.elapsed().as_secs_f64() * 1e3,
        bytes.len() / 1024,
        r.unchanged,
        r.reworded.len(),
        r.added.len(),
        r.retired.len()
    );
}

fn main() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let words = vocabulary(&mut rng);
    let sections: Vec<Vec<Vec<String>>> = (0..10)
        .map(|_| (0..1200).map(|_| bullet(&mut rng, &words)).collect())
        .collect();
    let mut edited = sections.clone();
    for s in &mut edited {
        for (i, b) in s.iter_mut().enumerate() {
            if i % 3 == 0 {
                let at = rng.below(b.len());
                b[at] = words[rng.below(words.len())].clone();
            }
        }
        let mut i = 0;
        s.retain(|_| {
            i += 1;
            i % 10 != 0
        });
        for _ in 0..50 {
            s.push(bullet(&mut rng, &words));
        }
    }
    let dir = tempfile::tempdir().expect("temporary directory");
    let mut j = Journal::open(dir.path()).expect("open journal");
    let v1 = render(&sections);
    import(&mut j, "fresh import", &v1);
    import(&mut j, "unchanged re-import", &v1);
    import(&mut j, "edited re-import", &render(&edited));
}
