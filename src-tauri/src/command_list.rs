//! The app's commands are named in five places kept by hand: the functions in
//! `commands.rs`, `generate_handler!` in `main.rs`, `COMMANDS` in `build.rs` (which
//! generates the permissions), `permissions/app-commands.toml` (which grants them) and the
//! calls in `ui/src/lib/api.ts`. The test below reads all five and fails on any
//! disagreement: a missing or extra command, an argument the UI sends under another name
//! than the Rust function takes, or a command that would run on the window's main thread
//! (every command must be `#[tauri::command(async)]` or an `async fn`).

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::Path;

    fn read(rel: &str) -> String {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
    }

    /// The text between `start` and the next `end` after it.
    fn between<'a>(text: &'a str, start: &str, end: &str, what: &str) -> &'a str {
        let from = text
            .find(start)
            .unwrap_or_else(|| panic!("{what}: `{start}` not found"))
            + start.len();
        let len = text[from..]
            .find(end)
            .unwrap_or_else(|| panic!("{what}: no `{end}` after `{start}`"));
        &text[from..from + len]
    }

    /// Every `"…"` string in `text`.
    fn quoted(text: &str) -> Vec<String> {
        text.split('"')
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect()
    }

    fn snake(camel: &str) -> String {
        let mut out = String::new();
        for c in camel.chars() {
            if c.is_ascii_uppercase() {
                out.push('_');
                out.push(c.to_ascii_lowercase());
            } else {
                out.push(c);
            }
        }
        out
    }

    /// Parameters of a Rust fn signature's parameter list, split at top-level commas.
    fn params(list: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let (mut depth, mut cur) = (0i32, String::new());
        for c in list.chars().chain(std::iter::once(',')) {
            match c {
                '<' | '(' | '[' => depth += 1,
                '>' | ')' | ']' => depth -= 1,
                ',' if depth == 0 => {
                    if let Some((name, ty)) = cur.split_once(':') {
                        out.push((name.trim().to_owned(), ty.trim().to_owned()));
                    }
                    cur.clear();
                    continue;
                }
                _ => {}
            }
            cur.push(c);
        }
        out
    }

    /// Commands defined in commands.rs: name → argument names the UI must send.
    fn defined() -> BTreeMap<String, BTreeSet<String>> {
        let src = read("src/commands.rs");
        let mut out = BTreeMap::new();
        for (i, _) in src.match_indices("#[tauri::command") {
            let attr = &src[i..i + src[i..].find(']').unwrap() + 1];
            let rest = &src[i + attr.len()..];
            let sig_start = rest.find("fn ").expect("fn after #[tauri::command]");
            let prefix = &rest[..sig_start];
            let name_end = rest[sig_start + 3..].find('(').unwrap();
            let name = rest[sig_start + 3..sig_start + 3 + name_end]
                .trim()
                .to_owned();
            assert!(
                attr.contains("async") || prefix.contains("async"),
                "command {name} is synchronous ({attr}): Tauri would run it on the window's main \
                 thread; use #[tauri::command(async)] or an async fn"
            );
            let open = sig_start + 3 + name_end;
            let list = between(&rest[open..], "(", ") ->", &name);
            let args = params(list)
                .into_iter()
                .filter(|(_, ty)| {
                    !(ty == "S"
                        || ty.contains("State<")
                        || ty.contains("AppHandle")
                        || ty.contains("Window"))
                })
                .map(|(n, _)| n)
                .collect();
            out.insert(name, args);
        }
        assert!(
            out.len() > 10,
            "found only {} commands in commands.rs",
            out.len()
        );
        out
    }

    fn handler() -> BTreeSet<String> {
        let main = read("src/main.rs");
        let list = between(&main, "generate_handler![", "]", "main.rs");
        list.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| {
                s.strip_prefix("commands::")
                    .unwrap_or_else(|| panic!("main.rs: {s} is not commands::…"))
                    .to_owned()
            })
            .collect()
    }

    fn build_rs() -> BTreeSet<String> {
        quoted(between(
            &read("build.rs"),
            "const COMMANDS: &[&str] = &[",
            "];",
            "build.rs",
        ))
        .into_iter()
        .collect()
    }

    fn permissions() -> BTreeSet<String> {
        quoted(between(
            &read("permissions/app-commands.toml"),
            "permissions = [",
            "]",
            "app-commands.toml",
        ))
        .into_iter()
        .map(|p| {
            p.strip_prefix("allow-")
                .unwrap_or_else(|| panic!("app-commands.toml: {p} is not allow-…"))
                .replace('-', "_")
        })
        .collect()
    }

    /// The UI's calls: command name → argument names (as Tauri maps camelCase to snake_case).
    fn ui_calls() -> BTreeMap<String, BTreeSet<String>> {
        let src = read("../ui/src/lib/api.ts");
        let mut out = BTreeMap::new();
        for (i, _) in src.match_indices("call<") {
            let rest = &src[i..];
            // `call<T>('name'…`: skip the definition `call<T>(cmd: string, …`.
            let Some(call) = rest.find(">('").filter(|&g| !rest[..g].contains('(')) else {
                continue;
            };
            let rest = &rest[call + 1..];
            let name = between(rest, "('", "'", "api.ts call").to_owned();
            let after = &rest[2 + name.len() + 1..];
            let args = if let Some(obj) = after.trim_start().strip_prefix(", {") {
                between(obj, "", "}", &name)
                    .split(',')
                    .map(|a| snake(a.split(':').next().unwrap().trim()))
                    .filter(|a| !a.is_empty())
                    .collect()
            } else {
                assert!(
                    after.trim_start().starts_with(')'),
                    "api.ts: cannot read the arguments of {name}"
                );
                BTreeSet::new()
            };
            assert!(
                out.insert(name.clone(), args).is_none(),
                "api.ts calls {name} twice"
            );
        }
        out
    }

    fn diff(what: &str, got: &BTreeSet<String>, want: &BTreeSet<String>) -> Vec<String> {
        let mut out = Vec::new();
        for m in want.difference(got) {
            out.push(format!("{what} lacks {m}"));
        }
        for e in got.difference(want) {
            out.push(format!("{what} has {e}, which commands.rs does not define"));
        }
        out
    }

    #[test]
    fn every_list_of_commands_agrees_and_every_command_is_async() {
        let defined = defined();
        let names: BTreeSet<String> = defined.keys().cloned().collect();
        let ui = ui_calls();
        let mut problems = Vec::new();
        problems.extend(diff("main.rs generate_handler!", &handler(), &names));
        problems.extend(diff("build.rs COMMANDS", &build_rs(), &names));
        problems.extend(diff(
            "permissions/app-commands.toml",
            &permissions(),
            &names,
        ));
        problems.extend(diff(
            "ui/src/lib/api.ts",
            &ui.keys().cloned().collect(),
            &names,
        ));
        for (name, args) in &ui {
            if let Some(want) = defined.get(name)
                && args != want
            {
                problems.push(format!(
                    "api.ts sends {name} arguments {args:?}, the command takes {want:?}"
                ));
            }
        }
        assert!(
            problems.is_empty(),
            "the command lists disagree:\n{}",
            problems.join("\n")
        );
    }

    #[test]
    fn the_readers_see_what_they_should() {
        assert_eq!(snake("followUp"), "follow_up");
        assert_eq!(
            params("s: S, id: String, behaviours: Vec<String>, m: HashMap<String, u8>"),
            [
                ("s", "S"),
                ("id", "String"),
                ("behaviours", "Vec<String>"),
                ("m", "HashMap<String, u8>")
            ]
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
        );
        let ui = ui_calls();
        assert_eq!(
            ui["revert_entry"],
            BTreeSet::from(["id".to_owned(), "revision".to_owned()])
        );
        assert!(ui["app_info"].is_empty());
        assert_eq!(
            defined()["list_entries"],
            BTreeSet::from(["filter".to_owned(), "trash".to_owned()])
        );
    }
}
