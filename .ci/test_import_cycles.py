#!/usr/bin/env python3
"""Self-test of import-cycles.py on small fake source trees.

Run: python3 .ci/test_import_cycles.py
"""

import os
import subprocess
import sys
import tempfile
import textwrap
import unittest

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "import-cycles.py")

# A cycle through a re-export (case.rs imports `crate::run::RunOptions`, which `run/mod.rs`
# re-exports from runner.rs), a grouped multi-line import with nested braces, an inline path
# (`crate::run::Verdict` in redact.rs), and test code that must be ignored: an inline
# `#[cfg(test)]` module, a `#[cfg(test)] mod fixtures;` file, a comment and a string.
MAIN_TREE = {
    "src/lib.rs": """
        //! A fake crate for the import-cycle check.
        pub mod report;
        pub mod run;
    """,
    "src/run/mod.rs": """
        //! Running.
        mod case;
        mod runner;

        pub use case::Verdict;
        pub use runner::{RunOptions, Runner};
    """,
    "src/run/case.rs": """
        //! One case.
        use crate::{
            report::{
                redact::Redactor,
                style::Style,
            },
            run::RunOptions,
        };

        /// A verdict.
        pub struct Verdict;

        /// Judges.
        pub fn judge(_: &RunOptions, _: &Redactor, _: Style) -> Verdict {
            Verdict
        }
    """,
    "src/run/runner.rs": """
        //! The runner.
        use super::case::judge;

        /// Options.
        pub struct RunOptions;

        /// A runner.
        pub struct Runner;

        impl Runner {
            /// Runs.
            pub fn run(&self) {
                let _ = judge;
            }
        }
    """,
    "src/report/mod.rs": """
        //! Reports.
        pub mod redact;
        pub mod style;
        #[cfg(test)]
        mod fixtures;
    """,
    "src/report/redact.rs": """
        //! Redaction.
        /// The mask.
        pub const MASK: &str = "***";
        // use crate::run::Runner;
        /// Redacts.
        pub struct Redactor;

        impl Redactor {
            /// Redacts a verdict.
            pub fn verdict(&self, _: &crate::run::Verdict) -> &'static str {
                "crate::run::Runner"
            }
        }
    """,
    "src/report/style.rs": """
        //! Styles.
        /// A style.
        pub struct Style;

        #[cfg(test)]
        mod tests {
            use crate::run::Verdict;

            #[test]
            fn styles() {
                let _ = crate::run::Verdict;
            }
        }
    """,
    "src/report/fixtures.rs": """
        use crate::run::Runner;

        pub fn runner() -> Runner {
            Runner
        }
    """,
}

MAIN_EXPECTED = """\
file-level import cycles: 1 cycle group
  group 1: 3 files, shown as 2 cycles: src/report/redact.rs, src/run/case.rs, src/run/runner.rs
    cycle:
           src/report/redact.rs:10 crate::run::Verdict
        -> src/run/case.rs:4 use crate::report::redact::Redactor
    -> src/report/redact.rs
    cycle:
           src/run/case.rs:7 use crate::run::RunOptions
        -> src/run/runner.rs:2 use super::case::judge
    -> src/run/case.rs
module-level import cycles (not failing; pass --modules to fail on them): 1 cycle group
  group 1: 2 modules: crate::report, crate::run
    cycle:
           crate::report  [src/report/redact.rs:10 crate::run::Verdict]
        -> crate::run  [src/run/case.rs:4 use crate::report::redact::Redactor]  (+1 more)
    -> crate::report
"""


def run_check(files, *args):
    """Writes files into a temporary directory and runs the script there."""
    with tempfile.TemporaryDirectory() as root:
        for path, text in files.items():
            full = os.path.join(root, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w", encoding="utf-8") as handle:
                handle.write(textwrap.dedent(text).lstrip("\n"))
        dirs = list(args) or ["src"]
        done = subprocess.run(
            [sys.executable, SCRIPT, *dirs],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
        return done.returncode, done.stdout


class ImportCycles(unittest.TestCase):
    maxDiff = None

    def test_cycles_through_reexport_grouped_import_and_inline_path(self):
        code, out = run_check(MAIN_TREE)
        self.assertEqual(out, MAIN_EXPECTED)
        self.assertEqual(code, 1)

    def test_modules_flag_fails_on_module_cycles_only_when_given(self):
        tree = {
            "src/lib.rs": "pub mod a;\npub mod b;\n",
            "src/a/mod.rs": "pub mod one;\npub mod two;\n",
            "src/a/one.rs": "use crate::b::three::Three;\npub struct One(Three);\n",
            "src/a/two.rs": "pub struct Two;\n",
            "src/b/mod.rs": "pub mod three;\npub mod four;\n",
            "src/b/three.rs": "pub struct Three;\n",
            "src/b/four.rs": "pub fn four() -> crate::a::two::Two {\n    crate::a::two::Two\n}\n",
        }
        code, out = run_check(tree)
        self.assertEqual(code, 0)
        self.assertIn("group 1: 2 modules: crate::a, crate::b", out)
        self.assertIn("crate::b  [src/b/four.rs:1 crate::a::two::Two]  (+1 more)", out)
        self.assertTrue(out.endswith("\nno import cycles among 7 files\n"), out)
        self.assertNotIn("file-level", out)
        code, out = run_check(tree, "--modules", "src")
        self.assertEqual(code, 1)
        self.assertIn("module-level import cycles: 1 cycle group", out)

    def test_clean_tree_prints_one_line(self):
        tree = {
            "src/lib.rs": "mod conf;\npub mod a;\npub use conf::Conf;\n",
            "src/conf.rs": "/// Settings.\npub struct Conf;\n",
            "src/a/mod.rs": "mod child;\npub use child::Child;\n/// Shared.\npub struct Base;\n",
            "src/a/child.rs": "use super::Base;\nuse crate::Conf;\npub struct Child(Base, Conf);\n",
            "src/main.rs": "mod cli;\nuse cli::Args;\nfn main() {\n    let _ = Args;\n}\n",
            "src/cli.rs": "pub struct Args;\n",
        }
        code, out = run_check(tree)
        self.assertEqual((code, out), (0, "no import cycles among 6 files\n"))
        code, out = run_check(tree, "--modules", "src")
        expected = "no import cycles among 6 files and 5 top-level modules\n"
        self.assertEqual((code, out), (0, expected))

    def test_reexport_used_by_the_mod_rs_itself_is_a_dependency(self):
        tree = {
            "src/lib.rs": "pub mod a;\n",
            "src/a/mod.rs": """
                mod child;
                pub use child::Item;
                /// Makes one.
                pub fn make() -> Item {
                    Item
                }
            """,
            "src/a/child.rs": """
                pub struct Item;
                pub fn again() -> Item {
                    super::make()
                }
            """,
        }
        code, out = run_check(tree)
        self.assertEqual(code, 1)
        self.assertIn("src/a/child.rs:3 super::make", out)
        self.assertIn("src/a/mod.rs:2 pub use child::Item", out)

    def test_module_import_attribute_path_and_other_crates(self):
        tree = {
            "src/lib.rs": "pub mod x;\npub mod y;\n",
            "src/x.rs": """
                use crate::y;
                pub fn f() -> u8 {
                    y::helper()
                }
                pub fn parse() {}
            """,
            "src/y.rs": """
                #[serde(deserialize_with = "crate::x::parse")]
                pub struct Y;
                pub fn helper() -> u8 {
                    0
                }
            """,
            "member/src/lib.rs": "mod p;\nmod q;\n",
            "member/src/p.rs": "use crate::q::Q;\npub struct P(Q);\n",
            "member/src/q.rs": """
                pub struct Q;
                #[cfg(test)]
                mod tests {
                    use crate::p::P;
                }
            """,
        }
        code, out = run_check(tree, "src", "member/src")
        self.assertEqual(code, 1)
        self.assertIn("src/x.rs:3 y::helper", out)
        self.assertIn('src/y.rs:1 "crate::x::parse" (in an attribute)', out)
        self.assertNotIn("member/src", out)


if __name__ == "__main__":
    unittest.main()
