//! Two processes writing one journal at once (the CLI and the library, standing in
//! for the desktop app): every write lands, none is lost or doubled.

use std::collections::HashSet;
use std::process::Stdio;

use rungs::Journal;
use rungs::journal::{Details, EntryInput, Learning, ListFilter};

use crate::util::{Env, rungs_bin};

#[test]
fn cli_processes_and_the_library_write_at_once_and_nothing_is_lost() {
    const PROCESSES: usize = 4;
    const PER_PROCESS: usize = 15;
    const LIBRARY: usize = 60;
    let env = Env::new();
    let data_dir = env.data_dir();

    // Shell loops, so each process keeps writing while the others do.
    let children: Vec<_> = (0..PROCESSES)
        .map(|p| {
            let script = format!(
                "for i in $(seq 1 {PER_PROCESS}); do \
                   \"$RUNGS\" --data-dir \"$DIR\" add pairing --title \"cli {p} entry $i\" \
                   --date 2026-11-20 --partner \"Partner {p}\" --partner Shared --tag t{p} || exit 1; \
                 done"
            );
            let mut c = std::process::Command::new("sh");
            c.arg("-c")
                .arg(script)
                .env("RUNGS", rungs_bin())
                .env("DIR", &data_dir)
                .env("RUNGS_TODAY", crate::util::TODAY)
                .stdout(Stdio::null());
            c.spawn().expect("spawn writer")
        })
        .collect();
    let library = {
        let dir = data_dir.clone();
        std::thread::spawn(move || {
            let mut journal = Journal::open(&dir).expect("open");
            for i in 0..LIBRARY {
                journal
                    .add(EntryInput {
                        title: Some(format!("library entry {i}")),
                        date: "2026-11-21".into(),
                        time: None,
                        tags: vec!["lib".into()],
                        behaviours: vec!["L1.1.2".into()],
                        details: Details::Learning(Learning {
                            body: format!("written by the library, {i}"),
                            source: None,
                        }),
                    })
                    .expect("library write");
            }
        })
    };
    for mut c in children {
        assert!(c.wait().unwrap().success(), "a CLI writer failed");
    }
    library.join().unwrap();

    let journal = Journal::open(&data_dir).unwrap();
    let entries = journal.list(&ListFilter::default()).unwrap();
    assert_eq!(entries.len(), PROCESSES * PER_PROCESS + LIBRARY);
    let titles: HashSet<&str> = entries.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(titles.len(), entries.len(), "no entry written twice");
    for p in 0..PROCESSES {
        for i in 1..=PER_PROCESS {
            assert!(titles.contains(format!("cli {p} entry {i}").as_str()));
        }
    }
    for i in 0..LIBRARY {
        assert!(titles.contains(format!("library entry {i}").as_str()));
    }
    // The shared person was created once, and the ladder imported once.
    let people = journal.people().unwrap();
    assert_eq!(people.len(), PROCESSES + 1);
    assert_eq!(
        people.iter().find(|p| p.name == "Shared").unwrap().entries,
        (PROCESSES * PER_PROCESS) as i64
    );
    assert_eq!(journal.ladder().unwrap().behaviour_count(), 42);
    let ok: String = journal
        .database()
        .conn()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
}

#[test]
fn first_open_by_two_processes_at_once_migrates_once() {
    for _ in 0..5 {
        let env = Env::new();
        let kids: Vec<_> = (0..3)
            .map(|_| {
                std::process::Command::new(rungs_bin())
                    .arg("--data-dir")
                    .arg(env.data_dir())
                    .args(["ladder", "show", "--json"])
                    .stdout(Stdio::null())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let mut extra = env.cmd(&["people"]);
        extra.assert().success();
        for mut k in kids {
            assert!(k.wait().unwrap().success());
        }
        assert_eq!(
            Journal::open(&env.data_dir())
                .unwrap()
                .ladder()
                .unwrap()
                .behaviour_count(),
            42
        );
    }
}
