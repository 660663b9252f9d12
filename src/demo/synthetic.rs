//! A deterministic synthetic journal for scale tests and benchmarks: N entries over
//! five years, realistic sizes (Markdown bodies of 200–2,000 characters), a support
//! vocabulary, 50 people, 30 tags and behaviour links. Each entry stays on one topic
//! (a product, a problem, two actions) and tells it with narrative sentences from a
//! wider pool, so a domain word is in some entries, not all of them (`certificate`:
//! about a third). The same seed always gives the same journal.

use crate::journal::{
    Details, Direction, EntryInput, Feedback, FollowUp, Learning, Pairing, Role, Tone,
};

/// SplitMix64: tiny, fast and stable across releases, which is all a fixture needs.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const FIRST: &[&str] = &[
    "Lena", "Tom", "Ana", "Raj", "Mia", "Jonas", "Sofia", "Priya", "Lukas", "Chen",
];
const LAST: &[&str] = &["Fischer", "Becker", "Silva", "Patel", "Wong"];
pub const TAGS: &[&str] = &[
    "argo-cd",
    "octopus",
    "codefresh",
    "kubernetes",
    "helm",
    "certificates",
    "tls",
    "rbac",
    "tentacle",
    "runbooks",
    "gitops",
    "escalation",
    "customer-comms",
    "documentation",
    "networking",
    "upgrades",
    "on-call",
    "mentoring",
    "azure",
    "aws",
    "terraform",
    "sso",
    "licensing",
    "performance",
    "database",
    "proxy",
    "dns",
    "webhooks",
    "api",
    "billing",
];
const PRODUCTS: &[&str] = &[
    "Octopus Deploy",
    "the polling tentacle",
    "a listening tentacle",
    "Codefresh pipelines",
    "the GitOps runtime",
    "Argo CD",
    "the app-of-apps",
    "cert-manager",
    "the ingress controller",
    "the Helm chart",
    "Octopus Server",
    "the worker pool",
    "the Kubernetes agent",
    "a runbook",
];
const PROBLEMS: &[&str] = &[
    "failed with a certificate error",
    "stayed out of sync after the merge",
    "returned 403 Forbidden for the service account",
    "timed out behind the customer proxy",
    "lost its variable scoping after the upgrade",
    "ran the sync waves in the wrong order",
    "could not reach the server on port 10943",
    "kept restarting with OOMKilled",
    "rejected the new thumbprint",
    "deployed to the wrong environment",
    "showed a drift between Git and the cluster",
    "hit the API rate limit",
];
const ACTIONS: &[&str] = &[
    "We reproduced it in a kind cluster",
    "I checked the RoleBinding and the ClusterRole",
    "We compared the rendered Helm values",
    "I walked the customer through the logs",
    "We rotated the certificate and restarted the pod",
    "I escalated to engineering with a timeline",
    "We pinned the chart version",
    "I wrote the steps into the KB draft",
    "We added a sync wave annotation to the migration job",
    "I asked for a HAR file and the server logs",
];
const LESSONS: &[&str] = &[
    "Check the obvious configuration before digging into the cluster.",
    "A short timeline in the ticket saves the next engineer an hour.",
    "RBAC errors name the verb and the resource; read them slowly.",
    "Certificates expire on weekends; monitor them before they do.",
    "Reproducing locally beats guessing from screenshots.",
    "Ask the customer what changed, then ask again.",
];

/// Openings and observations for the narrative sentences around the topic: a wider
/// vocabulary that varies from entry to entry.
const WHEN: &[&str] = &[
    "On the first call",
    "After lunch",
    "During the handover",
    "Before the customer's change window",
    "While we waited for the rollout",
    "Halfway through the session",
    "At the end of the day",
    "Over chat",
    "In the follow-up meeting",
    "Later that week",
];
const OBSERVED: &[&str] = &[
    "the customer shared a screenshot of the dashboard",
    "the logs showed retries every thirty seconds",
    "nobody had touched the configuration in months",
    "the staging environment behaved differently from production",
    "a second tenant reported the same symptom",
    "the audit trail pointed to an automated job",
    "the support bundle was missing the node logs",
    "we found a stale cache entry",
    "the metrics dashboard had a gap of two hours",
    "the vendor documentation contradicted the release notes",
    "the firewall team confirmed an outbound rule change",
    "a teammate remembered a similar ticket from spring",
    "the backlog of queued tasks kept growing",
    "the database migration had been skipped",
    "the browser console listed a CORS error",
    "the load balancer health check was failing intermittently",
    "the space ran low on the shared volume",
    "an expired token blocked the integration",
    "the pipeline variable was marked sensitive",
    "the customer's proxy rewrote the headers",
    "the scheduled trigger fired twice",
    "the deployment target was offline for patching",
    "the license check rejected the new instance",
    "the SSO assertion carried the wrong audience",
];

/// What one entry is about: most of its sentences come from it, as a real note
/// stays on its subject. (An earlier generator drew every sentence from the whole
/// small pool, so nearly every entry held nearly every word: `certificate` was in
/// 87 % of entries, which no journal looks like.)
struct Topic {
    product: usize,
    problem: usize,
    actions: [usize; 2],
}

impl Topic {
    fn new(rng: &mut Rng) -> Topic {
        Topic {
            product: rng.below(PRODUCTS.len()),
            problem: rng.below(PROBLEMS.len()),
            actions: [rng.below(ACTIONS.len()), rng.below(ACTIONS.len())],
        }
    }

    fn title(&self) -> String {
        format!(
            "{} {}",
            capitalise(PRODUCTS[self.product]),
            PROBLEMS[self.problem]
        )
    }
}

fn sentence(rng: &mut Rng, topic: &Topic) -> String {
    match rng.below(5) {
        0 => format!("{}.", topic.title()),
        1 => format!("{}.", ACTIONS[topic.actions[rng.below(2)]]),
        _ => format!("{}, {}.", rng.pick(WHEN), rng.pick(OBSERVED)),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// Markdown of roughly `target` characters: paragraphs, a list, some code.
fn markdown(rng: &mut Rng, topic: &Topic, target: usize) -> String {
    let mut out = String::new();
    while out.len() < target {
        match rng.below(6) {
            0 => {
                for _ in 0..3 {
                    out.push_str("- ");
                    out.push_str(&sentence(rng, topic));
                    out.push('\n');
                }
                out.push('\n');
            }
            1 => {
                out.push_str("```\nkubectl get events -n octopus --sort-by=.lastTimestamp\n```\n\n")
            }
            _ => {
                for _ in 0..3 {
                    out.push_str(&sentence(rng, topic));
                    out.push(' ');
                }
                out.push_str("\n\n");
            }
        }
    }
    out.trim().to_string()
}

pub fn person(rng: &mut Rng) -> String {
    let i = rng.below(FIRST.len() * LAST.len());
    format!("{} {}", FIRST[i % FIRST.len()], LAST[i / FIRST.len()])
}

/// Entry `i` of a synthetic journal dated relative to `today`.
pub fn entry(rng: &mut Rng, today: chrono::NaiveDate, behaviour_ids: &[String]) -> EntryInput {
    let date = today - chrono::Days::new(rng.below(5 * 365) as u64);
    let tags = (0..rng.below(4))
        .map(|_| rng.pick(TAGS).to_string())
        .collect();
    let behaviours = if behaviour_ids.is_empty() {
        Vec::new()
    } else {
        (0..rng.below(4))
            .map(|_| rng.pick(behaviour_ids).clone())
            .collect()
    };
    let body_len = 200 + rng.below(1800);
    let topic = Topic::new(rng);
    let title = topic.title();
    let (title, details) = match rng.below(10) {
        0..=4 => (
            Some(title),
            Details::Pairing(Pairing {
                partners: (0..1 + rng.below(2)).map(|_| person(rng)).collect(),
                role: Some(*rng.pick(Role::ALL)),
                minutes: Some(15 + rng.below(165) as u32),
                area: Some(PRODUCTS[topic.product].to_string()),
                ticket: Some(format!("SUP-{}", 1000 + rng.below(9000))),
                notes: Some(markdown(rng, &topic, body_len)),
                learned: Some(rng.pick(LESSONS).to_string()),
                follow_ups: (0..rng.below(3))
                    .map(|_| FollowUp {
                        id: String::new(),
                        text: format!(
                            "Follow up: {}",
                            ACTIONS[topic.actions[rng.below(2)]].to_lowercase()
                        ),
                        done: rng.below(2) == 0,
                    })
                    .collect(),
            }),
        ),
        5..=6 => (
            None,
            Details::Feedback(Feedback {
                direction: *rng.pick(Direction::ALL),
                person: person(rng),
                situation: format!(
                    "When {} {}",
                    PRODUCTS[topic.product], PROBLEMS[topic.problem]
                ),
                observed: markdown(rng, &topic, body_len / 3),
                impact: sentence(rng, &topic),
                tone: Some(*rng.pick(Tone::ALL)),
                reflection: Some(rng.pick(LESSONS).to_string()),
            }),
        ),
        _ => (
            Some(title),
            Details::Learning(Learning {
                body: markdown(rng, &topic, body_len),
                source: Some(format!("SUP-{}", 1000 + rng.below(9000))),
            }),
        ),
    };
    EntryInput {
        title,
        date: date.format("%Y-%m-%d").to_string(),
        time: None,
        tags,
        behaviours,
        details,
    }
}
