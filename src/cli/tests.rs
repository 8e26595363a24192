//! The command line's parsing.

use super::*;

#[test]
fn sizes_and_pairs() {
    assert_eq!(parse_size("16M"), Ok(16 << 20));
    assert_eq!(parse_size("100"), Ok(100));
    assert!(parse_size("3X").is_err());
    assert_eq!(parse_key_value("a=b=c"), Ok(("a".into(), "b=c".into())));
    assert!(parse_key_value("=x").is_err());
}

#[test]
fn jobs_and_shard() {
    let cli = Cli::try_parse_from(["pmcheck", "run", "c.json", "--jobs", "8", "--shard", "2/3"]);
    let Ok(Cli {
        command: Command::Run(args),
    }) = cli
    else {
        panic!("run arguments refused: {cli:?}");
    };
    assert_eq!(args.jobs, 8);
    assert_eq!(args.shard.map(|s| (s.index, s.count)), Some((2, 3)));
    for bad in [["--jobs", "0"], ["--shard", "4/3"], ["--shard", "x"]] {
        let mut argv = vec!["pmcheck", "run", "c.json"];
        argv.extend(bad);
        assert!(Cli::try_parse_from(argv).is_err(), "{bad:?} accepted");
    }
}

/// `--bail`'s modifiers, as the run arguments `argv` (after `pmcheck run`) give them.
fn bail_of(argv: &[&str]) -> Result<(Option<Vec<BailModifier>>, Vec<PathBuf>), String> {
    let mut all = vec!["pmcheck", "run"];
    all.extend(argv);
    match Cli::try_parse_from(all) {
        Ok(Cli {
            command: Command::Run(args),
        }) => Ok((args.control.bail, args.inputs.paths)),
        Ok(other) => Err(format!("{other:?}")),
        Err(e) => Err(e.to_string()),
    }
}

#[test]
fn bail_modifiers_are_not_read_as_paths() {
    use BailModifier::{Failure, Folder};
    let both = Some(vec![Folder, Failure]);
    let c = || vec![PathBuf::from("c.json")];
    assert_eq!(
        bail_of(&["--bail", "folder", "c.json"]),
        Ok((Some(vec![Folder]), c()))
    );
    assert_eq!(bail_of(&["c.json", "--bail"]), Ok((both.clone(), c())));
    assert_eq!(
        bail_of(&["c.json", "--bail", "failure"]),
        Ok((Some(vec![Failure]), c()))
    );
    assert_eq!(
        bail_of(&["--bail", "folder,failure", "c.json"]),
        Ok((both.clone(), c()))
    );
    assert_eq!(
        bail_of(&["--bail=failure", "c.json"]),
        Ok((Some(vec![Failure]), c()))
    );
    assert_eq!(bail_of(&["--bail", "-x", "c.json"]), Ok((both, c())));
    assert_eq!(bail_of(&["c.json"]), Ok((None, c())));
    let wrong = bail_of(&["c.json", "--bail", "folders"]).unwrap_err();
    assert!(wrong.contains("folder, failure"), "{wrong}");
}

#[test]
fn timeout_and_suppress_exit_code() {
    let cli = Cli::try_parse_from(["pmcheck", "run", "c.json", "-x", "--timeout", "250"]);
    let Ok(Cli {
        command: Command::Run(args),
    }) = cli
    else {
        panic!("run arguments refused: {cli:?}");
    };
    assert_eq!(args.control.timeout, Some(250));
    assert!(args.control.suppress_exit_code);
    assert!(Cli::try_parse_from(["pmcheck", "run", "c.json", "--timeout", "soon"]).is_err());
}

#[test]
fn a_single_valued_option_given_twice_takes_the_last_value() {
    // The rc file's options come first: the command line's then win.
    let cli = Cli::try_parse_from([
        "pmcheck",
        "run",
        "c.json",
        "--jobs",
        "2",
        "--insecure",
        "--jobs",
        "3",
        "-k",
        "--export-environment",
        "a.json",
        "--export-environment",
        "b.json",
    ]);
    let Ok(Cli {
        command: Command::Run(args),
    }) = cli
    else {
        panic!("repeated options refused: {cli:?}");
    };
    assert_eq!(args.jobs, 3);
    assert!(args.insecure);
    assert_eq!(args.state.export_environment, Some(PathBuf::from("b.json")));
}

#[test]
fn schemas_infer_and_record_schemas() {
    let cli = Cli::try_parse_from(["pmcheck", "schemas", "infer", "a.json", "b/", "--enums"]);
    let Ok(Cli {
        command:
            Command::Schemas(SchemasArgs {
                command: SchemasCommand::Infer(args),
            }),
    }) = cli
    else {
        panic!("schemas infer refused: {cli:?}");
    };
    assert_eq!(args.inputs.paths.len(), 2);
    assert_eq!(args.output, PathBuf::from("schemas/inferred"));
    assert!(args.enums && !args.force);
    assert!(Cli::try_parse_from(["pmcheck", "schemas", "infer"]).is_err());
    let cli = Cli::try_parse_from(["pmcheck", "run", "c.json", "--record-schemas", "out"]);
    let Ok(Cli {
        command: Command::Run(args),
    }) = cli
    else {
        panic!("run --record-schemas refused: {cli:?}");
    };
    assert_eq!(args.record_schemas, Some(PathBuf::from("out")));
}

#[test]
fn cli_reporter_options_keep_newmans_names() {
    let cli = Cli::try_parse_from([
        "pmcheck",
        "run",
        "c.json",
        "--verbose",
        "--reporter-cli-silent",
        "--disable-unicode",
        "--reporter-cli-no-summary",
        "--reporter-cli-no-failures",
        "--reporter-cli-no-assertions",
        "--reporter-cli-no-success-assertions",
        "--reporter-cli-no-console",
        "--reporter-cli-no-banner",
        "--reporter-cli-show-timestamps",
    ]);
    let Ok(Cli {
        command: Command::Run(args),
    }) = cli
    else {
        panic!("the CLI reporter options were refused: {cli:?}");
    };
    let c = &args.cli_reporter;
    assert!(c.verbose && c.silent && c.disable_unicode);
    assert!(c.no_summary && c.no_failures && c.no_assertions && c.no_success_assertions);
    assert!(c.no_console && c.no_banner && c.show_timestamps);
}
