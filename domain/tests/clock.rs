//! The one clock: it starts where the tests say and runs on, and nothing else in Aula (nor any
//! test) reads the system's clock, so every test runs on the day the test command chooses.

use std::path::Path;

#[test]
fn the_tests_clock_starts_at_its_instant_and_runs_on() {
    domain::testing::start_test_clock();
    let start = domain::testing::test_clock_start();
    let a = domain::clock::utc_now();
    let b = domain::clock::utc_now();
    assert!(a >= start && b >= a && (b - start).num_seconds() < 60, "{start} {a} {b}");
    assert!(!domain::clock::start_at(start + chrono::Duration::days(1)), "started once");
    assert_eq!(domain::clock::parse_instant("2027-01-31 23:30:00").unwrap().to_rfc3339(), "2027-01-31T23:30:00+00:00");
}

#[test]
fn nothing_but_the_clock_module_reads_the_system_clock() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut found = Vec::new();
    let mut dirs: Vec<_> =
        ["domain/src", "domain/tests", "server/src", "server/tests", "server/examples", "app/src", "types/src"]
            .iter()
            .map(|d| root.join(d))
            .collect();
    let needles = ["Utc::now(", "Local::now(", "SystemTime::now(", "Utc :: now"];
    while let Some(dir) = dirs.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "rs")
                && !p.ends_with("domain/src/clock.rs")
                && !p.ends_with("domain/tests/clock.rs")
            {
                let text = std::fs::read_to_string(&p).unwrap();
                for (n, line) in text.lines().enumerate() {
                    if needles.iter().any(|k| line.contains(k)) {
                        found.push(format!("{}:{}: {}", p.display(), n + 1, line.trim()));
                    }
                }
            }
        }
    }
    assert!(found.is_empty(), "read domain::clock instead:\n{}", found.join("\n"));
}
