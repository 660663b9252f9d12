//! The vocabulary bridge between how support engineers write ("wrote a KB article",
//! "escalated to engineering", "k8s") and how a ladder is worded ("I document what I
//! learn", "I collaborate with other teams", "the DevOps/GitOps space").
//!
//! Each group maps cue words and phrases to a *concept* token (`@document`). The
//! ladder and the entry text go through the same table, so a concept matches when
//! both sides mention any of its cues; the ladder's own wording is always among the
//! cues. Single words match as written or by their English stem; phrases match
//! word by word as written. A cue may belong to several groups.

/// `(concept, cues)`: cues separated by `|`; a cue with spaces is a phrase.
pub const GROUPS: &[(&str, &str)] = &[
    (
        "document",
        "document|documents|documented|documenting|documentation|doc|docs|kb|knowledge base|\
         knowledgebase|article|articles|runbook|runbooks|playbook|wiki|confluence|readme|guide|\
         howto|write-up|writeup|write up|wrote up|written up|checklist|known issues|faq|\
         wrote down|write down|jotted down|how-to|how to guide|troubleshooting guide|\
         updated the docs|page on|internal docs|kb draft|draft article|sop",
    ),
    (
        "share",
        "share|shared|sharing|present|presented|presentation|demo|demoed|lunch and learn|\
         lunch-and-learn|brown bag|show and tell|talk|announce|announced|team channel|\
         team meeting|weekly sync|knowledge sharing|spread the word|insights|insight|\
         posted|slack|showed the team|walked the team through|lightning talk|brown-bag|tip|\
         tips|trick|broadcast|circulated",
    ),
    (
        "pair",
        "pair|paired|pairing|pairs|pair programming|mob|mobbing|mobbed|shadow|shadowed|\
         shadowing|drove|navigated|navigator|driver|screen share|screen-share",
    ),
    (
        "mentor",
        "mentor|mentored|mentoring|mentorship|mentee|mentees|coach|coached|coaching|onboarding|\
         onboard|onboarded|buddy|level up|levelled up|leveled up|help peers|help teammates|\
         helped him|helped her|helped them|teach|taught|teaching|showed him|showed her|\
         new joiner|new starter|junior|juniors|\
         new hire|new hires|new colleague|less experienced|trainee|apprentice|graduate|\
         showed her how|showed him how|showed them how",
    ),
    (
        "review",
        "review|reviews|reviewed|reviewing|reviewer|pr|prs|pull request|pull requests|\
         merge request|mr|code review|proofread|proofreading|looked over|read over|\
         double-check|double check|second pair of eyes|\
         looked at his draft|looked at her draft|checked his|checked her|\
         second opinion|sign-off|approved",
    ),
    (
        "feedback",
        "feedback|critique|pointed out|praise|praised|kudos|appreciation|retro|retrospective|\
         1:1|one-to-one|one on one|told me|suggestions|\
         told him|told her|told them|constructive|compliment|complimented|critical feedback|\
         criticism|criticised|criticized|pointers",
    ),
    (
        "ask",
        "ask|asked|asking|asks|question|questions|clarify|clarified|clarifying|enquire|inquire|\
         queried|curious why",
    ),
    (
        "stuck",
        "stuck|blocked|unsure|not sure|wasn't sure|wasnt sure|confused|confusing|lost|\
         ask for help|asked for help|asking for help|pinged|ping|reached out|sanity check|\
         get stuck|got stuck|guidance|with help|hand-holding|hint|hints|\
         no idea|out of my depth|struggled|struggling|help from|needed help|couldn't figure|\
         could not figure|escalated to my lead",
    ),
    (
        "independent",
        "independently|independent|independence|on my own|by myself|myself|alone|solo|\
         without help|self-sufficient|self sufficient|unassisted|without needing|\
         without asking|close supervision|supervision|my own|\
         without escalating|no escalation|end to end|end-to-end|first time on my own|\
         handled it myself|solved it myself",
    ),
    (
        "troubleshoot",
        "troubleshoot|troubleshooting|troubleshooted|debug|debugged|debugging|diagnose|\
         diagnosed|diagnosing|diagnosis|investigate|investigated|investigating|investigation|\
         root cause|repro|reproduce|reproduced|reproducing|logs|log|trace|traces|stack trace|\
         narrowed|narrow down|bisect|dug into|dig into|figure out|figured out|worked out|\
         rule out|ruled out|checked",
    ),
    (
        "resolve",
        "resolve|resolved|resolving|resolution|fix|fixed|fixes|fixing|solve|solved|solving|\
         workaround|workarounds|sorted out|mitigated|mitigate",
    ),
    (
        "customer",
        "customer|customers|client|clients|user|users|ticket|tickets|case|cases|account|\
         customer call|end user",
    ),
    (
        "issue",
        "issue|issues|problem|problems|bug|bugs|error|errors|failure|failures|failing|failed|\
         fails|broken|breaks|outage|incident|incidents|crash|crashing|hanging|timeout|timeouts|\
         restarting",
    ),
    (
        "respond",
        "respond|responded|responding|response|responses|reply|replied|replies|replying|answer|\
         answered|answers|email|emailed|emails|wrote back|first reply|message|messages|\
         drafted|draft reply|wrote to the customer|response time|ticket update|public comment|\
         replied to",
    ),
    (
        "clear",
        "clear|clearly|clearer|clearest|concise|plain english|plain language|readable|jargon|\
         wording|rewrite|rewrote|rewritten|summarised|summarized|summary|easy to understand|\
         structure|structured",
    ),
    (
        "explain",
        "explain|explained|explaining|explains|explanation|non-technical|non technical|\
         technical audiences|audience|audiences|skill levels|manager|managers|vp|executive|\
         executives|exec|execs|stakeholder|stakeholders|account manager|analogy|diagram|pitch|\
         walked him through|walked her through|walked them through|walk through|walkthrough|\
         leadership|cto|\
         walked the customer through|walked through|non-engineers|non-engineer|business side|\
         layman|simple terms|plain terms|whiteboard",
    ),
    (
        "respect",
        "respectful|respectfully|respect|polite|politely|patient|patience|empathy|empathetic|\
         empathise|empathize|kind|kindness|calm|calmed|calmly|frustrated|angry|upset|defensive|\
         thoughtful|considerate|tone|softened|care|caring|\
         listened|listen|listening|reassured|reassure|reassuring|stressed|panicking|apologetic|\
         gentle|gently",
    ),
    (
        "collab",
        "collaborate|collaborated|collaborating|collaboration|collaborative|together|\
         worked with|work with|working with|teamed up|jointly|joint|with others|teammate|\
         teammates|colleague|colleagues|peer|peers",
    ),
    (
        "otherteam",
        "other teams|other team|another team|escalate|escalated|escalating|escalation|\
         escalations|engineering|engineering team|dev team|developers|developer|devs|\
         product team|product manager|r&d|sre|sres|platform team|sales|customer success|\
         account manager|security team|marketing|finance|legal|bug report|github issue|\
         feature request",
    ),
    (
        "complex",
        "complex|complicated|tricky|hard|difficult|deep dive|gnarly|obscure|edge case|\
         edge cases|corner case|multi-day|long-running|sev1|sev 1|rare|\
         weird|strange|intermittent|flaky|race condition|memory leak|subtle|puzzling|multi-team",
    ),
    (
        "product",
        "product set|our product|our products|products|octopus|tentacle|tentacles|codefresh|\
         octopus deploy|argo|argocd|argo cd|our tools|tools and systems",
    ),
    (
        "tech",
        "tech|technology|ecosystem|tech ecosystem|devops|gitops|devops/gitops|kubernetes|k8s|\
         kubectl|helm|argo|argocd|octopus|tentacle|codefresh|terraform|docker|container|\
         containers|pod|pods|cluster|clusters|ingress|tls|ssl|https|certificate|certificates|\
         cert|certs|x509|ca|cert-manager|dns|proxy|proxies|yaml|pipeline|pipelines|deployment|\
         deployments|runner|runners|worker|workers|agent|agents|aws|azure|gcp|iam|rbac|ldap|\
         saml|oidc|sso|oauth|powershell|bash|git|github|gitlab|bitbucket|jenkins|webhook|\
         webhooks|api|sql|database|nginx|istio|linux|windows|network|networking|ci/cd|ci|cd|\
         registry|namespace|namespaces|secret|secrets|vault|probe|probes|etcd|cka|ckad|\
         kustomize|manifest|manifests|flux|service principal|volume|nfs|vpn|helm chart|hook|\
         hooks|port|ports|firewall|load balancer|s3|ec2|eks|aks|gke",
    ),
    (
        "learn",
        "learn|learned|learnt|learning|learnings|study|studied|studying|course|training|\
         tutorial|exam|practice|read up|reading|til|today i learned|found out|discovered|\
         turns out|turned out|now i know|homelab|lab|experiment|experimented|played with|\
         playing with|knowledge|deepen|fundamentals|grow|\
         certification|certified|udemy|book|read about|self-study|learning time",
    ),
    (
        "deep",
        "understand|understood|understanding|under the hood|internals|how it works|\
         how it actually works|source code|read the source|read the code|rather than just|\
         instead of just|not just|rather than|deep dive|dug into|dig into|systems|architecture|\
         design|model",
    ),
    (
        "tooling",
        "tool|tools|tooling|script|scripts|scripted|scripting|automate|automated|automating|\
         automation|template|templates|macro|macros|workflow|workflows|process|processes|\
         dashboard|dashboards|bot|cli|snippet|saves|time saver|streamline|streamlined|\
         jq|regex|saved view|helper|one-liner",
    ),
    (
        "idea",
        "idea|ideas|proposal|proposed|propose|proposing|suggested|suggest|raise ideas|raised|\
         pitch|pitched|experiment with|what if|could we|trial",
    ),
    (
        "improve",
        "improve|improved|improves|improving|improvement|improvements|better|fewer|faster|\
         reduce|reduced|easier|quicker|saved|by hand|manual|manually|toil|repetitive|tedious|\
         halved|shortened|simplified|simplify|cleaner|smoother",
    ),
    (
        "initiative",
        "initiative|proactive|proactively|volunteered|volunteer|took it on|stepped up|\
         stepped in|without being asked|on my own initiative|took the lead|ownership|owned|\
         kicked off|started a|set up a|decided to|\
         on my own time|took it upon myself|nobody asked|no one asked|self-started|went ahead",
    ),
    (
        "commit",
        "accountable|accountability|responsibility|responsible|my mistake|mistake|mistakes|\
         my fault|apologised|apologized|apology|apologise|follow through|followed through|\
         follow-through|follow up|followed up|follow-up|follow-ups|promise|promised|commitment|\
         commitments|committed|got back|said i would|as promised|on time|reliable|reliably|\
         reliability|kept my word|show up",
    ),
    (
        "inform",
        "inform|informed|informing|update|updates|status|status update|heads up|heads-up|\
         progress|checked in|check-in|standup|stand-up|handover|hand over|handed over|eta|\
         let them know|communicate|communicated|communicating|communication|\
         in the loop|kept everyone posted|kept them posted|kept him posted|kept her posted|\
         posted an update|status page|eod update|end of day update",
    ),
    (
        "prioritise",
        "prioritise|prioritize|prioritised|prioritized|prioritising|prioritizing|\
         prioritisation|prioritization|priority|priorities|triage|triaged|triaging|queue|\
         backlog|workload|juggling|juggle|time management|overloaded|busy|sla|slas|deadline|\
         deadlines|urgent|urgency|production-down|production down|prod down|sev1|sev 1|p1|\
         timebox|time-box|block time|my time|manage my|\
         most urgent|critical|p2|sev2|sev 2|first thing|pick up first|several tickets|overwhelmed",
    ),
    (
        "pattern",
        "pattern|patterns|recurring|recurrence|trend|trends|same issue|same problem|same error|\
         same cause|multiple customers|several customers|again|common|commonly|edge case|\
         edge cases|corner case|known issue|known issues|spot|spotted|spotting|noticed|\
         third time|second time|similar tickets|same thing|keeps happening|spike|\
         several tickets|across tickets|repeat",
    ),
    (
        "change",
        "change|changes|changed|changing|reorg|restructure|restructuring|new process|rota|\
         transition|adjust|adjusted|adjusting|adapt|adapted|adapting|new tool|rollout|\
         rolled out|switched|switch|moved to|uncertainty|\
         new ticketing system|new rota|reorganisation|reorganization|\
         new manager|new team lead",
    ),
    (
        "culture",
        "inclusive|inclusion|include|included|welcome|welcoming|culture|belonging|\
         psychological safety|newcomer|newcomers|supportive|covered for|swapped|stepped in|\
         helped out|team culture|\
         quieter|everyone heard|made room|invited|new hire|safe space",
    ),
    (
        "energy",
        "energy|positive|positively|morale|thank|thanked|thanks|kudos|shoutout|shout-out|\
         celebrate|celebrated|enthusiasm|enthusiastic|momentum|fun|cheered|encouraged|\
         encouraging|motivated|motivation|\
         win|wins|appreciated|high five|cheerful|upbeat|good mood|team spirit",
    ),
    (
        "breadth",
        "broad|broad range|wide range|variety|various|all sorts|all kinds|different kinds|\
         many kinds|unfamiliar|new area|new to me|outside my comfort zone|comfort zone|\
         never seen|first time seeing|not my area|outside my area|confidently|confident|\
         confidence",
    ),
    (
        "judgement",
        "judgement|judgment|sound judgement|decided|decide|decision|decisions|weighed|\
         trade-off|tradeoff|trade-offs|risk|risky|the right call|right call|knew when|\
         right time|when to escalate|when to ask|call it|gut feeling",
    ),
    (
        "curious",
        "curious|curiosity|wondered|wonder|rabbit hole|explore|explored|exploring|tinkered|\
         tinkering|out of interest|playing with|\
         why it|how come|intrigued|fascinated|digging",
    ),
];

/// Concepts nearly every support entry mentions (the technology, a customer, a
/// problem) say little about *which* behaviour an entry evidences: in a text, they
/// count this much of a full term.
pub const WEAK: &[(&str, f32)] = &[
    ("tech", 0.3),
    ("product", 0.5),
    ("customer", 0.5),
    ("issue", 0.5),
    ("resolve", 0.7),
    ("troubleshoot", 0.7),
];

/// Whether feedback was given (`@fb_out`) or taken in (`@fb_in`) is read from the
/// words just before "feedback": `me`/`seek`/`handle` (in) versus `gave`/`give` (out).
pub const FEEDBACK_IN: &[&str] = &[
    "me",
    "my",
    "got",
    "get",
    "received",
    "receive",
    "seek",
    "seeking",
    "sought",
    "handle",
    "handling",
    "reflecting",
    "reflect",
    "asked",
    "ask",
    "i",
];
pub const FEEDBACK_OUT: &[&str] = &["gave", "give", "giving", "offered", "helpful", "provide"];
