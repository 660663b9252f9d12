//! The fixed query mix every engine runs: one term, three terms, a phrase, a typo,
//! prefixes as the user types, and a text query filtered by person and date.

use rungs::search::SearchRequest;

pub struct Filter {
    pub person: String,
    /// Inclusive `YYYY-MM-DD`.
    pub since: String,
    pub until: String,
}

pub struct Query {
    /// The row of the report this query counts in.
    pub class: &'static str,
    pub text: String,
    pub phrase: bool,
    pub typo: bool,
    /// The last word is still being typed.
    pub prefix: bool,
    pub filter: Option<Filter>,
}

pub const CLASSES: [&str; 6] = [
    "one term",
    "three terms",
    "phrase",
    "typo",
    "prefix",
    "filtered",
];

impl Query {
    /// The same query through Rungs' search API: top 10, snippets and facets.
    pub fn rungs(&self) -> SearchRequest {
        let query = if self.phrase {
            format!("\"{}\"", self.text)
        } else if self.prefix {
            self.text.clone()
        } else {
            // A finished word (trailing space): not matched as a prefix.
            format!("{} ", self.text)
        };
        SearchRequest {
            query,
            person: self.filter.as_ref().map(|f| f.person.clone()),
            since: self.filter.as_ref().map(|f| f.since.clone()),
            until: self.filter.as_ref().map(|f| f.until.clone()),
            limit: Some(10),
            ..Default::default()
        }
    }
}

/// The mix, with the date filter covering the last two of the journal's five years.
pub fn queries(today: chrono::NaiveDate) -> Vec<Query> {
    let q = |class, text: &str| Query {
        class,
        text: text.to_string(),
        phrase: class == "phrase",
        typo: class == "typo",
        prefix: class == "prefix",
        filter: None,
    };
    let since = (today - chrono::Days::new(730))
        .format("%Y-%m-%d")
        .to_string();
    let until = today.format("%Y-%m-%d").to_string();
    let filtered = |text: &str, person: &str| Query {
        filter: Some(Filter {
            person: person.into(),
            since: since.clone(),
            until: until.clone(),
        }),
        ..q("filtered", text)
    };
    vec![
        q("one term", "certificate"),
        q("one term", "kubernetes"),
        q("three terms", "rotated certificate restarted"),
        q("three terms", "helm values rendered"),
        q("phrase", "sync waves"),
        q("phrase", "service account"),
        q("typo", "certifcate"),
        q("typo", "kuberntes"),
        q("prefix", "ten"),
        q("prefix", "tenta"),
        q("prefix", "certificate rot"),
        filtered("proxy", "Lena Fischer"),
        filtered("certificate", "Tom Becker"),
    ]
}
