//! Growth conversations (issue 8): conversations and goals through the CLI, and the
//! brief, its heatmap and its exports on a fixture journal with a fixed
//! `RUNGS_TODAY` (`util::TODAY`, 2026-11-22). Every figure of the brief is checked
//! against counts the test computes itself from the fixture's own description.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::util::{Env, TODAY, s};

/// One fixture entry as the test describes it: what the brief must make of it.
struct Fx {
    key: &'static str,
    date: &'static str,
    /// `pairing`, `learning`, `received` or `given` (feedback).
    kind: &'static str,
    /// The pairing partner or the feedback's person.
    person: Option<&'static str>,
    behaviours: &'static [&'static str],
    tone: Option<&'static str>,
    tags: &'static [&'static str],
    trashed: bool,
}

const LENA: &str = "Lena Fischer";
const TOM: &str = "Tom Becker";
const XSS_TITLE: &str =
    "<script>alert('x')</script> & <img src=x onerror=alert(1)> [link](javascript:alert(1)) | pipe";

const FIXTURE: &[Fx] = &[
    fx("old", "2026-03-10", "pairing", Some(TOM), &["L1.3.2"]),
    fx("before", "2026-08-23", "pairing", None, &["L2.1.1"]),
    fx("boundary", "2026-08-24", "pairing", None, &["L2.1.1"]),
    fx(
        "sync",
        "2026-09-02",
        "pairing",
        Some(TOM),
        &["L1.2.1", "L1.2.4"],
    ),
    Fx {
        tone: Some("appreciation"),
        tags: &["escalation"],
        ..fx("praise", "2026-09-20", "received", Some(LENA), &["L1.2.1"])
    },
    Fx {
        trashed: true,
        ..fx("trashed", "2026-10-01", "pairing", None, &["L1.1.1"])
    },
    fx(
        "helm",
        "2026-10-05",
        "pairing",
        Some("Mia Wong"),
        &["L1.2.1"],
    ),
    fx("cert", "2026-10-12", "learning", None, &["L1.2.4"]),
    Fx {
        tone: Some("appreciation"),
        ..fx("to-tom", "2026-10-20", "given", Some(TOM), &["L1.3.1"])
    },
    fx("tom-nav", "2026-10-30", "pairing", Some(TOM), &["L1.2.1"]),
    Fx {
        tone: Some("coaching"),
        tags: &["escalation"],
        ..fx("coach", "2026-11-01", "received", Some(LENA), &["L1.2.1"])
    },
    fx("xss", "2026-11-10", "learning", None, &["L1.3.3"]),
    fx("future", "2026-12-01", "pairing", None, &["L1.1.2"]),
];

const fn fx(
    key: &'static str,
    date: &'static str,
    kind: &'static str,
    person: Option<&'static str>,
    behaviours: &'static [&'static str],
) -> Fx {
    Fx {
        key,
        date,
        kind,
        person,
        behaviours,
        tone: None,
        tags: &[],
        trashed: false,
    }
}

/// The fixture journal: the entries above, my level L1, Tom marked as my mentee, and
/// three conversations: with Lena on 2026-06-01 and 2026-08-24 (goals on L1.2.4 and
/// L2.2.1, the second achieved), and with Tom on 2026-09-15 (a goal on L1.2.1).
struct Journal {
    env: Env,
    ids: BTreeMap<&'static str, String>,
    /// Entry id → fixture key, for reading ids back.
    keys: BTreeMap<String, &'static str>,
}

fn id_of(v: &Value) -> String {
    v["id"].as_str().expect("id").to_string()
}

fn fixture() -> Journal {
    let env = Env::new();
    env.ok(&["profile", "--level", "L1"]);
    let mut ids = BTreeMap::new();
    for f in FIXTURE {
        let title = if f.key == "xss" {
            XSS_TITLE.to_string()
        } else {
            format!("Entry {}", f.key)
        };
        let mut args: Vec<String> = Vec::new();
        let push =
            |args: &mut Vec<String>, a: &[&str]| args.extend(a.iter().map(|s| s.to_string()));
        match f.kind {
            "pairing" => {
                push(
                    &mut args,
                    &[
                        "add",
                        "pairing",
                        "--title",
                        &title,
                        "--notes",
                        "We paired **well**.",
                    ],
                );
                if let Some(p) = f.person {
                    push(&mut args, &["--partner", p]);
                }
                if f.key == "sync" {
                    push(
                        &mut args,
                        &[
                            "--follow-up",
                            "Write the KB article",
                            "--follow-up",
                            "Share in standup",
                        ],
                    );
                }
            }
            "learning" => push(
                &mut args,
                &[
                    "add",
                    "learning",
                    "--title",
                    &title,
                    "--body",
                    "See [this](javascript:alert(1)) <script>x</script>",
                ],
            ),
            dir @ ("received" | "given") => {
                push(
                    &mut args,
                    &[
                        "add",
                        "feedback",
                        "--direction",
                        dir,
                        "--person",
                        f.person.unwrap(),
                        "--situation",
                        &format!("Situation {}", f.key),
                        "--observed",
                        &format!("Observed {}", f.key),
                        "--impact",
                        &format!("Impact {}", f.key),
                    ],
                );
                if let Some(t) = f.tone {
                    push(&mut args, &["--tone", t]);
                }
            }
            other => panic!("unknown fixture kind {other}"),
        }
        push(&mut args, &["--date", f.date, "--json"]);
        for b in f.behaviours {
            push(&mut args, &["--behaviour", b]);
        }
        for t in f.tags {
            push(&mut args, &["--tag", t]);
        }
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let id = id_of(&env.json(&refs));
        if f.trashed {
            env.ok(&["delete", &id]);
        }
        ids.insert(f.key, id);
    }
    // The follow-up "Share in standup" is done; "Write the KB article" stays open.
    let done = env.json(&["followups", "--json"]);
    let share = done
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["text"] == "Share in standup")
        .unwrap();
    env.ok(&["followup", "done", share["id"].as_str().unwrap()]);
    env.ok(&["person", "mentee", TOM]);

    let conv = |with: &str, date: &str, notes: &str| -> String {
        id_of(&env.json(&[
            "add",
            "conversation",
            "--with",
            with,
            "--date",
            date,
            "--notes",
            notes,
            "--json",
        ]))
    };
    ids.insert("conv-june", conv(LENA, "2026-06-01", "First check-in"));
    let c = conv(LENA, "2026-08-24", "Agreed to *write more*");
    ids.insert("conv-aug", c.clone());
    let g = env.json(&[
        "goal",
        "add",
        &c,
        "--text",
        "Write two KB articles",
        "--behaviour",
        "L1.2.4",
        "--json",
    ]);
    ids.insert("goal-kb", id_of(&g));
    let g = env.json(&[
        "goal",
        "add",
        &c,
        "--text",
        "Lead an escalation call",
        "--behaviour",
        "L2.2.1",
        "--json",
    ]);
    ids.insert("goal-esc", id_of(&g));
    env.ok(&[
        "goal",
        "set",
        ids["goal-esc"].as_str(),
        "--status",
        "achieved",
    ]);
    let t = conv(TOM, "2026-09-15", "Tom wants to drive more");
    ids.insert("conv-tom", t.clone());
    let g = env.json(&[
        "goal",
        "add",
        &t,
        "--text",
        "Drive a sync-wave session",
        "--behaviour",
        "L1.2.1",
        "--json",
    ]);
    ids.insert("goal-tom", id_of(&g));
    let keys = ids.iter().map(|(k, v)| (v.clone(), *k)).collect();
    Journal { env, ids, keys }
}

impl Journal {
    fn brief(&self, extra: &[&str]) -> Value {
        let args = [&["brief", "--format", "json"], extra].concat();
        self.env.json(&args)
    }

    fn keys_of(&self, ids: &Value) -> BTreeSet<&'static str> {
        ids.as_array()
            .unwrap()
            .iter()
            .map(|v| {
                let id = v.as_str().or_else(|| v["id"].as_str()).unwrap();
                *self
                    .keys
                    .get(id)
                    .unwrap_or_else(|| panic!("unknown id {id}"))
            })
            .collect()
    }
}

/// Whose evidence an entry is, per the brief's rules: mine is everything but
/// conversations; a mentee's is sessions with them and feedback I gave them.
fn evidence_for(f: &Fx, person: Option<&str>) -> bool {
    match person {
        None => true,
        Some(p) => matches!(f.kind, "pairing" | "given") && f.person == Some(p),
    }
}

/// Expected (count in period, latest date up to until, keys in period) per behaviour.
fn expected(
    person: Option<&str>,
    since: &str,
    until: &str,
) -> BTreeMap<&'static str, (usize, Option<&'static str>, BTreeSet<&'static str>)> {
    let mut out: BTreeMap<_, (usize, Option<&str>, BTreeSet<&str>)> = BTreeMap::new();
    for f in FIXTURE
        .iter()
        .filter(|f| !f.trashed && f.date <= until && evidence_for(f, person))
    {
        for b in f.behaviours {
            let e = out.entry(*b).or_default();
            e.1 = e.1.max(Some(f.date));
            if f.date >= since {
                e.0 += 1;
                e.2.insert(f.key);
            }
        }
    }
    out
}

fn behaviour<'a>(brief: &'a Value, id: &str) -> &'a Value {
    brief["behaviours"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["id"] == id)
        .unwrap_or_else(|| panic!("{id} not in the brief"))
}

fn all_ids(prefixes: &[&str], brief: &Value) -> Vec<String> {
    brief["behaviours"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["id"].as_str().unwrap().to_string())
        .filter(|id| prefixes.iter().any(|p| id.starts_with(p)))
        .collect()
}

/// Checks every behaviour's count, latest, entries, and the gaps and stale lists.
fn check_figures(j: &Journal, brief: &Value, person: Option<&str>, since: &str) {
    let want = expected(person, since, TODAY);
    let ids = all_ids(&["L1.", "L2."], brief);
    assert_eq!(ids.len(), 20 + 22, "every behaviour of L1 and L2");
    let (mut gaps, mut stale) = (Vec::new(), Vec::new());
    for id in &ids {
        let b = behaviour(brief, id);
        let (count, latest, keys) = want.get(id.as_str()).cloned().unwrap_or_default();
        assert_eq!(b["count"], count, "{id} count");
        assert_eq!(b["latest"].as_str(), latest, "{id} latest");
        assert_eq!(j.keys_of(&b["entries"]), keys, "{id} entries");
        match (latest, count) {
            (None, _) => gaps.push(id.clone()),
            (Some(_), 0) => stale.push(id.clone()),
            _ => {}
        }
    }
    let list = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(list(&brief["gaps"]), gaps);
    assert_eq!(list(&brief["stale"]), stale);
    assert!(gaps.iter().all(|g| !stale.contains(g)), "never both");
}

#[test]
fn my_brief_counts_evidence_in_the_period_since_the_last_conversation() {
    let j = fixture();
    let brief = j.brief(&[]);
    // Defaults: today, my profile's level, the next level, since my last conversation
    // with someone not a mentee (Lena, 2026-08-24; Tom's later one is about Tom).
    assert_eq!(brief["person"], Value::Null);
    assert_eq!(brief["level"], "L1");
    assert_eq!(brief["target"], "L2");
    assert_eq!(brief["since"], "2026-08-24");
    assert_eq!(brief["until"], TODAY);
    check_figures(&j, &brief, None, "2026-08-24");
    // Spot checks of what the rules imply: the boundary day counts, the day before
    // does not; a trashed entry and one after --until are not evidence.
    assert_eq!(behaviour(&brief, "L2.1.1")["count"], 1);
    assert_eq!(behaviour(&brief, "L1.3.2")["latest"], "2026-03-10");
    let gaps = brief["gaps"].as_array().unwrap();
    assert!(gaps.contains(&"L1.1.1".into()) && gaps.contains(&"L1.1.2".into()));
    assert_eq!(brief["stale"], serde_json::json!(["L1.3.2"]));
    // The JSON has exactly the issue's fields.
    let mut keys: Vec<&str> = brief
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "behaviours",
            "gaps",
            "goals",
            "level",
            "person",
            "since",
            "stale",
            "talking_points",
            "target",
            "until"
        ]
    );
    let b = behaviour(&brief, "L1.2.1");
    let mut keys: Vec<&str> = b.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "count", "entries", "id", "latest", "level", "section", "text"
        ]
    );
    let mut keys: Vec<&str> = b["entries"][0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    assert_eq!(keys, ["date", "id", "kind", "title"]);
}

#[test]
fn goals_of_the_last_conversation_with_evidence_since_agreed() {
    let j = fixture();
    let brief = j.brief(&[]);
    let goals = brief["goals"].as_array().unwrap();
    assert_eq!(goals.len(), 2, "{goals:?}");
    for g in goals {
        let behaviours: Vec<&str> = g["behaviours"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b.as_str().unwrap())
            .collect();
        assert_eq!(g["agreed_on"], "2026-08-24");
        // Independently: my entries linked to the goal's behaviours from the day agreed.
        let want: BTreeSet<&str> = FIXTURE
            .iter()
            .filter(|f| !f.trashed && f.date >= "2026-08-24" && f.date <= TODAY)
            .filter(|f| f.behaviours.iter().any(|b| behaviours.contains(b)))
            .map(|f| f.key)
            .collect();
        assert_eq!(j.keys_of(&g["evidence_since"]), want, "{g}");
    }
    assert_eq!(goals[0]["id"].as_str(), Some(j.ids["goal-kb"].as_str()));
    assert_eq!(goals[0]["status"], "open");
    assert_eq!(goals[1]["status"], "achieved");
    assert_eq!(goals[1]["evidence_since"], serde_json::json!([]));
}

#[test]
fn a_mentees_brief_counts_their_sessions_and_the_feedback_i_gave_them() {
    let j = fixture();
    let brief = j.brief(&["--person", "tom becker"]);
    assert_eq!(brief["person"], TOM);
    // Since the last conversation with Tom.
    assert_eq!(brief["since"], "2026-09-15");
    check_figures(&j, &brief, Some(TOM), "2026-09-15");
    assert_eq!(
        behaviour(&brief, "L1.3.1")["count"],
        1,
        "feedback I gave Tom"
    );
    assert_eq!(
        behaviour(&brief, "L1.2.1")["count"],
        1,
        "only the session with Tom in the period"
    );
    let goals = brief["goals"].as_array().unwrap();
    assert_eq!(goals.len(), 1);
    assert_eq!(goals[0]["text"], "Drive a sync-wave session");
    assert_eq!(
        j.keys_of(&goals[0]["evidence_since"]),
        BTreeSet::from(["tom-nav"])
    );
    // Feedback I gave Tom is quoted as feedback he received (the Markdown lists it).
    let md = j.env.ok(&["brief", "--person", TOM, "--format", "md"]);
    let received = md
        .split("## Feedback received in the period")
        .nth(1)
        .unwrap();
    let received = received.split("\n## ").next().unwrap();
    assert!(
        received.contains("Observed to\\-tom") || received.contains("Observed to-tom"),
        "{received}"
    );
}

#[test]
fn a_mentees_strongest_evidence_puts_the_appreciation_i_gave_them_first() {
    let j = fixture();
    // A later, longer session with Tom on L1.3.1: without the appreciation's rank it
    // would win on text length and date over "to-tom" (appreciation I gave Tom).
    let long = "We paired on the rollout plan and Tom led the whole review. ".repeat(4);
    j.env.json(&[
        "add",
        "pairing",
        "--title",
        "Entry tom-review",
        "--notes",
        &long,
        "--partner",
        TOM,
        "--date",
        "2026-11-05",
        "--behaviour",
        "L1.3.1",
        "--json",
    ]);
    // The brief's Markdown lists a behaviour's strongest evidence in rank order in its
    // row; the two entries are told apart by their dates.
    let strongest = |extra: &[&str]| -> Vec<&'static str> {
        let md = j.env.ok(&[&["brief", "--format", "md"], extra].concat());
        let row = md
            .lines()
            .find(|l| l.starts_with("| **L1\\.3\\.1**") || l.starts_with("| **L1.3.1**"))
            .unwrap_or_else(|| panic!("no L1.3.1 row in {md}"))
            .trim_end_matches(" |")
            .rsplit(" | ")
            .next()
            .unwrap()
            .to_string();
        let mut found: Vec<(usize, &'static str)> =
            [("2026-10-20", "to-tom"), ("2026-11-05", "session")]
                .into_iter()
                .filter_map(|(date, key)| row.find(date).map(|at| (at, key)))
                .collect();
        found.sort();
        found.into_iter().map(|(_, key)| key).collect()
    };
    assert_eq!(strongest(&["--person", TOM]), ["to-tom", "session"]);
    // In my own brief the same appreciation is feedback I gave, not received: no
    // extra rank, so the longer, newer session comes first there.
    assert_eq!(strongest(&[]), ["session", "to-tom"]);
}

#[test]
fn since_until_level_and_target_are_honoured() {
    let j = fixture();
    let brief = j.brief(&[
        "--since",
        "2026-01-01",
        "--until",
        "2026-09-30",
        "--level",
        "L2",
    ]);
    assert_eq!(brief["level"], "L2");
    assert_eq!(
        brief["target"],
        Value::Null,
        "L2 is the last level of its track"
    );
    assert_eq!(all_ids(&["L1."], &brief), Vec::<String>::new());
    let want = expected(None, "2026-01-01", "2026-09-30");
    for id in all_ids(&["L2."], &brief) {
        let (count, latest, _) = want.get(id.as_str()).cloned().unwrap_or_default();
        assert_eq!(behaviour(&brief, &id)["count"], count, "{id}");
        assert_eq!(behaviour(&brief, &id)["latest"].as_str(), latest, "{id}");
    }
    // No conversation before 2026-05-31: the 90 days before --until.
    let brief = j.brief(&["--until", "2026-05-31"]);
    assert_eq!(brief["since"], "2026-03-02");
    let brief = j.brief(&["--level", "L1", "--target", "L2", "--until", "2026-07-01"]);
    assert_eq!(brief["since"], "2026-06-01", "the June conversation");
    assert_eq!(
        brief["goals"],
        serde_json::json!([]),
        "no goals agreed in June"
    );
}

#[test]
fn talking_points_cite_their_evidence() {
    let j = fixture();
    let brief = j.brief(&[]);
    let points = brief["talking_points"].as_array().unwrap();
    let of_kind = |k: &str| points.iter().filter(|p| p["kind"] == k).collect::<Vec<_>>();
    // L1.2.1 has the most evidence in the period: the first strength, citing it all.
    let strengths = of_kind("strength");
    assert!(
        strengths[0]["text"].as_str().unwrap().contains("L1.2.1"),
        "{strengths:?}"
    );
    let want = expected(None, "2026-08-24", TODAY)["L1.2.1"].2.clone();
    assert_eq!(j.keys_of(&strengths[0]["entries"]), want);
    // Lena's two pieces of feedback share L1.2.1 and #escalation: themes citing both.
    let themes = of_kind("theme");
    assert!(!themes.is_empty());
    for t in &themes {
        assert_eq!(
            j.keys_of(&t["entries"]),
            BTreeSet::from(["coach", "praise"]),
            "{t}"
        );
    }
    // Gaps toward L2: the sections with the most unevidenced behaviours first.
    let gaps = of_kind("gap");
    assert!(gaps[0]["text"].as_str().unwrap().contains("L2"), "{gaps:?}");
    assert!(
        gaps.iter()
            .any(|g| g["text"].as_str().unwrap().contains("L1.3.2")),
        "stale L1.3.2"
    );
}

#[test]
fn the_heatmap_counts_each_behaviours_entries_per_month() {
    let j = fixture();
    let out = j.env.ok(&["brief", "--format", "json"]);
    assert!(
        !out.contains("heatmap"),
        "the JSON export is the issue's shape only"
    );
    // The heatmap is in the core brief (what the app and the HTML show).
    let md = j.env.ok(&["brief", "--format", "md"]);
    let table = md.split("## Evidence per month").nth(1).unwrap();
    let mut lines = table.lines().filter(|l| l.starts_with('|'));
    let header = lines.next().unwrap();
    assert_eq!(
        header,
        "| Behaviour | 2026-08 | 2026-09 | 2026-10 | 2026-11 |"
    );
    lines.next();
    let rows: BTreeMap<String, Vec<String>> = lines
        .map(|l| {
            let cells: Vec<String> = l
                .trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_string())
                .collect();
            (cells[0].replace('\\', ""), cells[1..].to_vec())
        })
        .collect();
    assert_eq!(rows.len(), 42);
    for (id, cells) in &rows {
        for (month, cell) in ["2026-08", "2026-09", "2026-10", "2026-11"]
            .iter()
            .zip(cells)
        {
            let n = FIXTURE
                .iter()
                .filter(|f| !f.trashed && f.date >= "2026-08-24" && f.date <= TODAY)
                .filter(|f| f.date.starts_with(month) && f.behaviours.contains(&id.as_str()))
                .count();
            let want = if n == 0 {
                "·".to_string()
            } else {
                n.to_string()
            };
            assert_eq!(cell, &want, "{id} {month}");
        }
    }
}

/// Every UUID in `text` replaced by `<ID n>`, numbered by first appearance: the
/// golden files do not depend on the ids a run happens to generate.
fn redact(text: &str) -> String {
    let bytes = text.as_bytes();
    let shape = |b: &[u8]| {
        b.len() >= 36
            && b[..36].iter().enumerate().all(|(i, c)| match i {
                8 | 13 | 18 | 23 => *c == b'-',
                _ => c.is_ascii_hexdigit() && !c.is_ascii_uppercase(),
            })
    };
    let mut seen: Vec<&str> = Vec::new();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        if shape(&bytes[i..]) {
            let id = &text[i..i + 36];
            let n = match seen.iter().position(|s| *s == id) {
                Some(n) => n,
                None => {
                    seen.push(id);
                    seen.len() - 1
                }
            };
            out.push_str(&format!("<ID {}>", n + 1));
            i += 36;
        } else {
            let c = text[i..].chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

#[test]
fn exports_match_their_golden_files() {
    let j = fixture();
    for (format, name) in [
        ("json", "brief_json"),
        ("md", "brief_md"),
        ("html", "brief_html"),
    ] {
        let out = redact(&j.env.ok(&["brief", "--format", format]));
        insta::assert_snapshot!(name, out);
    }
}

/// Tags of an HTML document: (name, attribute names), comments and the doctype
/// skipped. Attribute values are read as quoted strings, so text in them (an
/// escaped title in an `aria-label`) is never taken for an attribute.
fn tags(html: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        if rest.starts_with('!') {
            rest = &rest[rest.find('>').expect("closed") + 1..];
            continue;
        }
        let body = rest.trim_start_matches('/');
        let name: String = body
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let mut chars = body[name.len()..].char_indices().peekable();
        let mut attrs = Vec::new();
        let mut end = None;
        while let Some((i, c)) = chars.next() {
            match c {
                '>' => {
                    end = Some(i);
                    break;
                }
                '"' | '\'' => {
                    for (_, q) in chars.by_ref() {
                        if q == c {
                            break;
                        }
                    }
                }
                c if c.is_ascii_alphabetic() => {
                    let mut a = String::from(c);
                    while let Some((_, n)) = chars.peek() {
                        if n.is_ascii_alphanumeric() || *n == '-' || *n == ':' {
                            a.push(*n);
                            chars.next();
                        } else {
                            break;
                        }
                    }
                    attrs.push(a.to_ascii_lowercase());
                }
                _ => {}
            }
        }
        let end = end.expect("every tag closes");
        rest = &body[name.len() + end + 1..];
        out.push((name.to_ascii_lowercase(), attrs));
    }
    out
}

#[test]
fn html_export_is_self_contained_and_has_no_active_content() {
    let j = fixture();
    let html = j.env.ok(&["brief", "--format", "html"]);
    const ALLOWED: &[&str] = &[
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "main",
        "h1",
        "h2",
        "h3",
        "p",
        "ul",
        "li",
        "span",
        "strong",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "br",
        "blockquote",
        "div",
        "svg",
        "g",
        "text",
        "rect",
        "colgroup",
        "col",
    ];
    for (name, attrs) in tags(&html) {
        assert!(
            ALLOWED.contains(&name.as_str()),
            "unexpected <{name} {attrs:?}>"
        );
        for a in &attrs {
            assert!(!a.starts_with("on"), "event handler {a} on <{name}>");
            assert!(
                !["href", "src", "xlink:href", "action", "formaction"].contains(&a.as_str()),
                "a link or a resource ({a}) on <{name}>"
            );
        }
    }
    // The hostile title is there, as text.
    assert!(html.contains(
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;"
    ));
    // The heatmap: inline SVG, a tooltip and an accessible label per cell.
    assert!(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(html.contains(
        "aria-label=\"L1.2.1 in 2026-09: 2 entries: Feedback from Lena Fischer; Entry sync\""
    ));
    assert!(html.contains(
        "<title>L1.2.1 in 2026-09: 2 entries\n2026-09-20 Feedback from Lena Fischer\n2026-09-02 Entry sync</title>"
    ));
    assert!(html.contains("@media print"));
    // Markdown: the title is escaped, no HTML gets through.
    let md = j.env.ok(&["brief", "--format", "md"]);
    // Every `<` is escaped but those of the table cells' own `<br>` line breaks.
    for (i, _) in md.match_indices('<') {
        assert!(
            md[..i].ends_with('\\') || md[i..].starts_with("<br>"),
            "raw HTML in the Markdown at {}",
            &md[i..(i + 40).min(md.len())]
        );
    }
    assert!(md.contains("\\<script\\>alert('x')\\</script\\> \\& \\<img src=x onerror=alert(1)\\> \\[link\\](javascript:alert(1)) \\| pipe"));
}

#[test]
fn brief_writes_a_whole_file_or_none() {
    let j = fixture();
    let out = j.env.dir.path().join("brief.html");
    let printed = j.env.ok(&["brief", "--format", "html", "--out", s(&out)]);
    assert!(printed.contains("brief.html"));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.ends_with("</html>\n"));
    assert_eq!(html, j.env.ok(&["brief", "--format", "html"]));
    // Into a directory that does not exist: an error naming the path, nothing written.
    let bad = j.env.dir.path().join("missing").join("brief.md");
    let err = j.env.fails(&["brief", "--format", "md", "--out", s(&bad)]);
    assert!(err.contains("missing"), "{err}");
    assert!(!bad.parent().unwrap().exists());
    // A failed brief leaves an existing file as it was, and no temporary file beside it.
    std::fs::write(&out, "keep me").unwrap();
    j.env.fails(&[
        "brief",
        "--format",
        "html",
        "--level",
        "L9",
        "--out",
        s(&out),
    ]);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
    let names: Vec<String> = std::fs::read_dir(j.env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.starts_with(".rungs-brief-")),
        "{names:?}"
    );
}

#[test]
fn bad_brief_input_names_the_field() {
    let env = Env::new();
    let err = env.fails(&["brief", "--format", "md"]);
    assert!(
        err.contains("level") && err.contains("rungs profile --level"),
        "{err}"
    );
    env.ok(&["profile", "--level", "L1"]);
    for (args, needles) in [
        (vec!["--format", "pdf"], vec!["format", "md, html, json"]),
        (
            vec!["--format", "md", "--since", "2026-12-01"],
            vec!["since", "after until"],
        ),
        (
            vec!["--format", "md", "--until", "2026-02-30"],
            vec!["until", "not a real date"],
        ),
        (
            vec!["--format", "md", "--person", "Nobody"],
            vec!["person not found"],
        ),
        (
            vec!["--format", "md", "--target", "L7"],
            vec!["target", "unknown level"],
        ),
        (vec!["--format", "md", "--target", "L1"], vec!["target"]),
    ] {
        let err = env.fails(&[&["brief"], args.as_slice()].concat());
        for n in needles {
            assert!(err.contains(n), "{args:?}: {err}");
        }
    }
}

#[test]
fn conversations_and_goals_have_revisions_trash_and_search() {
    let env = Env::new();
    let c = env.json(&[
        "add",
        "conversation",
        "--with",
        "Lena Fischer",
        "--date",
        "2026-11-02",
        "--notes",
        "Talked about the on-call rota",
        "--json",
    ]);
    assert_eq!(c["kind"], "conversation");
    assert_eq!(c["person"], "Lena Fischer");
    assert_eq!(c["title"], "Growth conversation with Lena Fischer");
    assert_eq!(c["goals"], serde_json::json!([]));
    let id = id_of(&c);
    let g = env.json(&[
        "goal",
        "add",
        &id,
        "--text",
        "Shadow the incident commander",
        "--behaviour",
        "l2.2.1",
        "--json",
    ]);
    assert_eq!(g["status"], "open");
    assert_eq!(g["agreed_on"], "2026-11-02");
    assert_eq!(g["conversation_id"], id.as_str());
    assert_eq!(g["behaviours"][0]["id"], "L2.2.1");
    let goal = id_of(&g);
    env.ok(&["goal", "set", &goal[..13], "--status", "Dropped"]);
    let shown = env.json(&["show", &id, "--json"]);
    assert_eq!(shown["revision"], 3);
    assert_eq!(shown["goals"][0]["status"], "dropped");
    assert_eq!(
        env.json(&["goals", "--open", "--json"]),
        serde_json::json!([])
    );
    assert_eq!(env.json(&["goals", "--json"])[0]["id"], goal.as_str());
    // History and revert: revision 1 had no goal.
    let history = env.json(&["history", &id, "--json"]);
    assert_eq!(history.as_array().unwrap().len(), 3);
    assert_eq!(history[1]["changed"], serde_json::json!(["goals"]));
    env.ok(&["revert", &id, "--to", "1"]);
    assert_eq!(env.json(&["goals", "--json"]), serde_json::json!([]));
    env.ok(&["revert", &id, "--to", "3"]);
    assert_eq!(env.json(&["goals", "--json"])[0]["status"], "dropped");
    // Searchable by its notes and its goals' text.
    let hits = env.json(&["search", "rota", "--json"]);
    assert_eq!(hits["hits"][0]["id"], id.as_str());
    let hits = env.json(&[
        "search",
        "incident commander",
        "--kind",
        "conversation",
        "--json",
    ]);
    assert_eq!(hits["hits"][0]["id"], id.as_str());
    // The trash hides its goals; undelete brings them back.
    env.ok(&["delete", &id]);
    assert_eq!(env.json(&["goals", "--json"]), serde_json::json!([]));
    assert_eq!(env.json(&["trash", "--json"])[0]["kind"], "conversation");
    env.ok(&["undelete", &id]);
    assert_eq!(env.json(&["goals", "--json"]).as_array().unwrap().len(), 1);
    // Edit: notes and the person; listing by person.
    env.ok(&["edit", &id, "--notes", "New notes", "--with", "Mia Wong"]);
    let listed = env.json(&["list", "--person", "Mia Wong", "--json"]);
    assert_eq!(listed[0]["notes"], "New notes");
    assert_eq!(listed[0]["title"], "Growth conversation with Mia Wong");
}

#[test]
fn bad_conversation_and_goal_input_names_the_field() {
    let env = Env::new();
    let p = env.add_pairing("A session", &[]);
    for (args, needles) in [
        (
            vec!["add", "conversation", "--date", "2026-11-02"],
            vec!["with"],
        ),
        (vec!["add", "conversation", "--with", "Lena"], vec!["date"]),
        (
            vec!["add", "conversation", "--with", " ", "--date", "2026-11-02"],
            vec!["with:", "empty"],
        ),
        (
            vec!["goal", "add", p.as_str(), "--text", "x"],
            vec!["conversation", "pairing"],
        ),
        (
            vec!["goal", "set", "0000000000", "--status", "open"],
            vec!["goal not found"],
        ),
    ] {
        let err = env.fails(&args);
        for n in &needles {
            assert!(err.contains(n), "{args:?}: {err}");
        }
    }
    let c = id_of(&env.json(&[
        "add",
        "conversation",
        "--with",
        "Lena",
        "--date",
        "2026-11-02",
        "--json",
    ]));
    for (args, needles) in [
        (
            vec!["goal", "add", c.as_str(), "--text", "  "],
            vec!["goal", "empty"],
        ),
        (
            vec!["goal", "add", c.as_str(), "--text", "a\nb"],
            vec!["goal", "single line"],
        ),
        (
            vec![
                "goal",
                "add",
                c.as_str(),
                "--text",
                "x",
                "--behaviour",
                "L9.9.9",
            ],
            vec!["behaviour", "L9.9.9"],
        ),
    ] {
        let err = env.fails(&args);
        for n in &needles {
            assert!(err.contains(n), "{args:?}: {err}");
        }
    }
    let g = id_of(&env.json(&["goal", "add", &c, "--text", "Real goal", "--json"]));
    let err = env.fails(&["goal", "set", &g, "--status", "done"]);
    assert!(
        err.contains("status") && err.contains("open, achieved, dropped"),
        "{err}"
    );
    assert_eq!(
        env.json(&["show", &c, "--json"])["revision"],
        2,
        "nothing written by the failures"
    );
}

#[test]
fn a_ladder_a_goal_links_to_cannot_be_removed() {
    let env = Env::new();
    let ladder = crate::util::write_file(
        env.dir.path(),
        "qa.md",
        b"# L1: Junior Tester\n\n## Craft\n\n- I test\n- I report bugs clearly\n",
    );
    env.ok(&["ladder", "import", "--track", "QA", s(&ladder)]);
    let c = id_of(&env.json(&[
        "add",
        "conversation",
        "--with",
        "Lena",
        "--date",
        "2026-11-02",
        "--json",
    ]));
    env.ok(&[
        "goal",
        "add",
        &c,
        "--text",
        "Test more",
        "--behaviour",
        "qa/L1.1.1",
    ]);
    let err = env.fails(&["ladder", "remove", "QA"]);
    assert!(err.contains(&c), "{err}");
    // The brief of that level: the goal's behaviour is a gap, nothing is stale.
    env.ok(&["profile", "--level", "qa/L1"]);
    let brief = env.json(&["brief", "--format", "json"]);
    assert_eq!(brief["level"], "L1");
    assert_eq!(brief["target"], Value::Null);
    assert_eq!(brief["gaps"], serde_json::json!(["qa/L1.1.1", "qa/L1.1.2"]));
    assert_eq!(
        brief["goals"][0]["behaviours"],
        serde_json::json!(["qa/L1.1.1"])
    );
}
