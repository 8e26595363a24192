//! What a person needs to act on a failed case, as styled lines shared by every reporter:
//! expected vs. actual status, each schema violation, the diff, the request as sent and
//! the body excerpt.

use super::style::{Style, Styled};
use crate::run::{CaseResult, CheckOutcome, Verdict};
use crate::script::AssertionStatus;

/// Lines of the request/response excerpts shown.
const EXCERPT_LINES: usize = 40;

/// `collection › folder › request` (with the iteration when there are several).
pub fn display_path(case: &CaseResult) -> String {
    let path: Vec<&str> = case.name.path().collect();
    format!("{}{}", path.join(" › "), case.name.iteration_suffix())
}

/// One line: mark, method, URL, status, size and time.
pub fn summary_line(case: &CaseResult) -> Styled {
    let (mark, style) = match case.verdict {
        Verdict::Passed => ("✓", Style::Good),
        Verdict::Failed => ("✗", Style::Bad),
        Verdict::Error => ("!", Style::Bad),
        Verdict::Skipped | Verdict::NotRun => ("-", Style::Dim),
    };
    let mut s = Styled::new()
        .push(style, format!("{mark} "))
        .push(Style::Plain, display_path(case));
    if let Some(reason) = &case.skip_reason {
        let what = if case.verdict == Verdict::NotRun {
            "not run"
        } else {
            "skipped"
        };
        return s.push(Style::Dim, format!("  ({what}: {reason})"));
    }
    if let Some(req) = &case.request {
        s = s.push(Style::Dim, format!("\n    {} {}", req.method, req.url));
        if let Some(call) = &case.call {
            let status_style = if case.checks.iter().any(|(c, o)| {
                *c == crate::check::Check::Status && !matches!(o, CheckOutcome::Passed)
            }) {
                Style::Bad
            } else {
                Style::Good
            };
            s = s
                .push(Style::Plain, " → ")
                .push(
                    status_style,
                    format!("{} {}", call.response.status, call.response.reason),
                )
                .push(
                    Style::Dim,
                    format!(
                        "  {}  {} ms",
                        human_bytes(call.response.body.len()),
                        case.duration.as_millis()
                    ),
                );
        }
    }
    s
}

/// The variables a case left undefined, as `{{a}}, {{b}}`, and whether the request was
/// sent with them literally (a request that could not be built sent nothing); `None` when
/// every variable was defined.
pub(crate) fn unresolved(case: &CaseResult) -> Option<(String, bool)> {
    if case.unresolved.is_empty() {
        return None;
    }
    let names: Vec<String> = case
        .unresolved
        .iter()
        .map(|n| format!("{{{{{n}}}}}"))
        .collect();
    Some((names.join(", "), case.call.is_some()))
}

/// What went wrong with a case, on one line: the first check that did not pass, else
/// the first failed assertion, else why it was skipped or not run; `None` for a pass.
pub fn reason(case: &CaseResult) -> Option<String> {
    let text = case
        .problems()
        .next()
        .map(|(c, m)| format!("{c}: {m}"))
        .or_else(|| {
            case.assertions.iter().find_map(|a| match &a.status {
                AssertionStatus::Failed(m) => Some(format!("{}: {m}", a.name)),
                _ => None,
            })
        })
        .or_else(|| match case.verdict {
            Verdict::Passed => None,
            _ => case.skip_reason.clone(),
        })?;
    let first = text.lines().next().unwrap_or_default();
    Some(if text.lines().nth(1).is_some() {
        format!("{first} …")
    } else {
        first.to_string()
    })
}

/// The detail block of a failed or errored case (empty for passes and skips): its
/// checks, assertions, console output and [`evidence_lines`], in that order.
pub fn detail_lines(case: &CaseResult) -> Vec<Styled> {
    if case.ok() {
        return Vec::new();
    }
    let mut out = check_lines(case);
    out.extend(assertion_lines(case, true));
    out.extend(console_lines(case));
    out.extend(evidence_lines(case));
    out
}

/// One line per check that did not pass.
pub fn check_lines(case: &CaseResult) -> Vec<Styled> {
    let style = if case.verdict == Verdict::Error {
        Style::Bad
    } else {
        Style::Warn
    };
    case.problems()
        .map(|(check, outcome)| Styled::new().push(style, format!("    {check}: {outcome}")))
        .collect()
}

/// One line per script assertion (`pm.test`), the passed and skipped ones only when
/// `passed` is set.
pub fn assertion_lines(case: &CaseResult, passed: bool) -> Vec<Styled> {
    case.assertions
        .iter()
        .filter_map(|a| {
            let (mark, style, text) = match &a.status {
                AssertionStatus::Passed => ("✓", Style::Good, a.name.clone()),
                AssertionStatus::Failed(m) => ("✗", Style::Bad, format!("{}: {m}", a.name)),
                AssertionStatus::Skipped => ("-", Style::Dim, format!("[skipped] {}", a.name)),
            };
            (passed || matches!(a.status, AssertionStatus::Failed(_))).then(|| {
                Styled::new()
                    .push(style, format!("      {mark} "))
                    .push(Style::Plain, text)
            })
        })
        .collect()
}

/// What the scripts logged, at most [`EXCERPT_LINES`] lines.
pub fn console_lines(case: &CaseResult) -> Vec<Styled> {
    let mut out: Vec<Styled> = case
        .console
        .iter()
        .take(EXCERPT_LINES)
        .map(|l| Styled::new().push(Style::Dim, format!("    console.{}: {}", l.level, l.text)))
        .collect();
    if case.console.len() > EXCERPT_LINES {
        out.push(Styled::new().push(
            Style::Dim,
            format!(
                "    … {} more console lines",
                case.console.len() - EXCERPT_LINES
            ),
        ));
    }
    out
}

/// The evidence of a failure: schema violations, the diff against the saved example,
/// the request as sent and the response body.
pub fn evidence_lines(case: &CaseResult) -> Vec<Styled> {
    let mut out = Vec::new();
    if case.ok() {
        return out;
    }
    if let Some(found) = case.schema_violations()
        && !found.violations.is_empty()
    {
        let within: Vec<&str> = case.name.path().skip(1).collect();
        out.push(Styled::new().push(
            Style::Plain,
            format!(
                "    {} in {} › {}:",
                found.schema,
                case.file.display(),
                within.join(" › ")
            ),
        ));
        for v in &found.violations {
            let pointer = if v.pointer.is_empty() {
                "(root)"
            } else {
                v.pointer.as_str()
            };
            out.push(
                Styled::new()
                    .push(Style::Bold, format!("      {pointer}"))
                    .push(Style::Dim, format!("  [{}]  ", v.keyword))
                    .push(Style::Plain, v.message.clone()),
            );
        }
        if found.total > found.violations.len() {
            out.push(Styled::new().push(
                Style::Dim,
                format!("      … and {} more", found.total - found.violations.len()),
            ));
        }
    }
    if let Some(m) = case.example_mismatch() {
        out.push(Styled::new().push(
            Style::Plain,
            format!("    saved example {:?} (-) vs response (+):", m.example),
        ));
        for l in &m.diff {
            let style = match l.sign {
                '-' => Style::Bad,
                '+' => Style::Good,
                _ => Style::Dim,
            };
            out.push(Styled::new().push(style, format!("      {}{}", l.sign, l.text)));
        }
    }
    if let Some(call) = &case.call {
        out.push(Styled::new().push(Style::Plain, "    request as sent:"));
        out.push(Styled::new().push(
            Style::Dim,
            format!("      {} {}", call.sent.method, call.sent.url),
        ));
        for (k, v) in &call.sent.headers {
            out.push(Styled::new().push(Style::Dim, format!("      {k}: {v}")));
        }
        if let Some(body) = &call.sent.body {
            excerpt(&mut out, body);
        }
        out.push(Styled::new().push(
            Style::Plain,
            format!(
                "    response body ({}{}):",
                human_bytes(call.response.body.len()),
                if case.body_truncated { ", cut" } else { "" }
            ),
        ));
        excerpt(&mut out, &call.response.body);
    } else if let Some(req) = &case.request {
        out.push(Styled::new().push(Style::Plain, "    request:"));
        out.push(Styled::new().push(Style::Dim, format!("      {} {}", req.method, req.url)));
    }
    out
}

fn excerpt(out: &mut Vec<Styled>, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let lines: Vec<&str> = text.lines().collect();
    for l in lines.iter().take(EXCERPT_LINES) {
        out.push(Styled::new().push(Style::Dim, format!("      {l}")));
    }
    if lines.len() > EXCERPT_LINES {
        out.push(Styled::new().push(
            Style::Dim,
            format!("      … {} more lines", lines.len() - EXCERPT_LINES),
        ));
    }
}

/// `1234` → `1.2 kB`.
pub fn human_bytes(n: usize) -> String {
    if n < 1000 {
        format!("{n} B")
    } else if n < 1_000_000 {
        format!("{:.1} kB", n as f64 / 1000.0)
    } else {
        format!("{:.1} MB", n as f64 / 1_000_000.0)
    }
}
