//! A report is a value: the near misses of a failed typed load are found while the
//! report is built, from the source it was loaded from, and reading the report (its
//! methods, `Display`, `Debug`, comparison, serialization) lists nothing again.

use std::cell::{Cell, RefCell};

use hivesync_env::source::{Lookup, MapSource, Origin};
use hivesync_env::{EnvContract, ProblemKind, Profile, Report, Severity, Source};

/// One required variable whose name no real process environment sets.
#[derive(Debug, EnvContract)]
#[env(component = "passive", audience = "server")]
struct Passive {
    /// A token
    #[env(name = "HIVESYNC_PASSIVE_TOKEN")]
    _token: String,
}

/// A stand-in for the process environment (its names are ambient, of origin
/// `Process`) that counts how often its names are listed, and can change after the
/// load, as a process environment can.
struct Ambient {
    vars: RefCell<MapSource>,
    listed: Cell<usize>,
}

impl Ambient {
    fn new(vars: MapSource) -> Ambient {
        Ambient {
            vars: RefCell::new(vars),
            listed: Cell::new(0),
        }
    }
}

impl Source for Ambient {
    fn get(&self, name: &str) -> Option<Lookup> {
        let mut found = self.vars.borrow().get(name)?;
        found.origin = Origin::Process;
        Some(found)
    }

    fn names(&self) -> Vec<(String, Origin)> {
        self.listed.set(self.listed.get() + 1);
        let names = self.vars.borrow().names();
        names
            .into_iter()
            .map(|(n, _)| (n, Origin::Process))
            .collect()
    }

    fn includes_process(&self) -> bool {
        true
    }

    fn dedicated_names(&self) -> Vec<(String, Origin)> {
        Vec::new()
    }
}

fn lines(report: &Report) -> Vec<String> {
    report.problems().iter().map(ToString::to_string).collect()
}

#[test]
fn a_failed_load_lists_the_source_once_and_its_report_never_again() {
    let env = Ambient::new(MapSource::new("p").with("HIVESYNC_PASSIVE_TOKN", "x"));
    let report = Passive::load(&env, Profile::Local).unwrap_err();
    assert_eq!(env.listed.get(), 1, "the failed load lists the names once");
    let expected = [
        "error[missing] HIVESYNC_PASSIVE_TOKEN: not set, and required in profile local: A token",
        "warning[unknown] HIVESYNC_PASSIVE_TOKN: is set in the process environment but is not a passive variable; did you mean HIVESYNC_PASSIVE_TOKEN?",
    ];
    assert_eq!(lines(&report), expected);

    // The environment changes after the load: the report does not.
    *env.vars.borrow_mut() = MapSource::new("p").with("HIVESYNC_PASSIVE_TOKEM", "y");
    let copy = report.clone();
    assert_eq!(lines(&report), expected);
    assert_eq!(report.of_kind(ProblemKind::Unknown).count(), 1);
    assert_eq!(report.errors().count(), 1);
    assert_eq!(report.warnings().count(), 1);
    assert!(report.to_string().ends_with(expected[1]), "{report}");
    assert!(format!("{report:?}").contains("HIVESYNC_PASSIVE_TOKN"));
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["problems"][1]["var"], "HIVESYNC_PASSIVE_TOKN");
    assert_eq!(report, copy);
    assert_eq!(env.listed.get(), 1, "reading the report listed the names");
}

#[test]
fn a_successful_load_never_lists_the_source() {
    let env = Ambient::new(
        MapSource::new("p")
            .with("HIVESYNC_PASSIVE_TOKEN", "t")
            .with("HIVESYNC_PASSIVE_TOKN", "x"),
    );
    let (_, warnings) = Passive::load_with_warnings(&env, Profile::Local).unwrap();
    assert_eq!(env.listed.get(), 0);
    assert!(warnings.problems().is_empty(), "{warnings}");
}

#[test]
fn a_problem_pushed_after_reading_is_kept() {
    let mut report = Report::new("passive", Profile::Local);
    assert!(report.problems().is_empty());
    report.push("A", ProblemKind::Invalid, Severity::Error, "bad".to_owned());
    assert_eq!(lines(&report), ["error[invalid] A: bad"]);
}
