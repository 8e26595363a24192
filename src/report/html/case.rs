//! One case of the HTML report, as HTML: its checks, schema violations, the diff against
//! the saved example, script assertions and console, and the exchange. Rendered from the
//! typed fields of the (already redacted) result, every text escaped.

use std::fmt::{self, Display, Formatter};

use super::escape::Html;
use crate::check::{ExampleMismatch, SchemaViolations};
use crate::run::{CaseResult, CheckOutcome, Verdict};
use crate::script::AssertionStatus;

/// Bytes of a request or response body the page shows.
pub(super) const BODY_EXCERPT: usize = 4 * 1024;
/// Diff lines the page shows per case.
const DIFF_LINES: usize = 400;
/// Console lines the page shows per case.
const CONSOLE_LINES: usize = 200;

/// A verdict as a person reads it.
pub(super) fn verdict_label(v: Verdict) -> &'static str {
    match v {
        Verdict::NotRun => "not run",
        v => v.name(),
    }
}

/// Characters of a case's one-line reason kept for its summary line.
const REASON_CHARS: usize = 300;

/// The case's first problem in one line, or why it was skipped or not run, cut to
/// [`REASON_CHARS`] characters (then `…`).
pub(super) fn reason(case: &CaseResult) -> Option<String> {
    let line = match &case.skip_reason {
        Some(reason) => reason.clone(),
        None => case
            .problems()
            .next()
            .map(|(check, outcome)| format!("{check}: {outcome}"))?,
    };
    Some(match line.char_indices().nth(REASON_CHARS) {
        Some((end, _)) => format!("{}…", &line[..end]),
        None => line,
    })
}

/// One iteration of a case: displays as its HTML.
pub(super) struct CaseHtml<'a>(pub &'a CaseResult);

impl Display for CaseHtml<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let c = self.0;
        let v = c.verdict.name();
        write!(
            f,
            "<section class=\"iter v-{v}\" data-iteration=\"{n}\"><h3>iteration {n} \
             <span class=\"badge v-{v}\">{label}</span> <span class=\"dim\">{ms} ms</span></h3>",
            n = c.name.iteration,
            label = verdict_label(c.verdict),
            ms = c.duration.as_millis(),
        )?;
        if let Some(reason) = &c.skip_reason {
            write!(
                f,
                "<p class=\"skip\">{}: {}</p>",
                verdict_label(c.verdict),
                Html(reason)
            )?;
        }
        if let Some(e) = &c.expectation {
            write!(f, "<p class=\"dim\">expected: {}</p>", Html(&e.to_string()))?;
        }
        checks(f, c)?;
        if let Some(v) = c.schema_violations() {
            violations(f, v)?;
        }
        if let Some(m) = c.example_mismatch() {
            example(f, m)?;
        }
        assertions(f, c)?;
        console(f, c)?;
        if !c.unresolved.is_empty() {
            f.write_str("<p class=\"unresolved\">sent literally (undefined): ")?;
            list(f, &c.unresolved)?;
            f.write_str("</p>")?;
        }
        exchange(f, c)?;
        f.write_str("</section>")
    }
}

/// Writes `items` escaped, comma-separated, each in `<code>`.
fn list(f: &mut Formatter<'_>, items: &[String]) -> fmt::Result {
    for (i, item) in items.iter().enumerate() {
        let sep = if i == 0 { "" } else { ", " };
        write!(f, "{sep}<code>{}</code>", Html(item))?;
    }
    Ok(())
}

fn checks(f: &mut Formatter<'_>, c: &CaseResult) -> fmt::Result {
    if c.checks.is_empty() {
        return Ok(());
    }
    f.write_str(
        "<table class=\"checks\"><thead><tr><th>check</th><th>result</th><th>message</th>\
         </tr></thead><tbody>",
    )?;
    for (check, outcome) in &c.checks {
        let (class, message) = match outcome {
            CheckOutcome::Passed => ("passed", String::new()),
            CheckOutcome::Failed(_) => ("failed", outcome.to_string()),
            CheckOutcome::Errored(_) => ("error", outcome.to_string()),
        };
        write!(
            f,
            "<tr class=\"r-{class}\"><td>{}</td><td>{class}</td><td>{}</td></tr>",
            Html(&check.to_string()),
            Html(&message)
        )?;
    }
    f.write_str("</tbody></table>")
}

fn violations(f: &mut Formatter<'_>, v: &SchemaViolations) -> fmt::Result {
    write!(
        f,
        "<div class=\"violations\"><h4>schema violations of <code>{}</code>: {} of {}</h4>\
         <table><thead><tr><th>instance path</th><th>schema path</th><th>keyword</th>\
         <th>message</th></tr></thead><tbody>",
        Html(&v.schema),
        v.violations.len(),
        v.total
    )?;
    for x in &v.violations {
        let pointer = if x.pointer.is_empty() {
            "(root)"
        } else {
            &x.pointer
        };
        write!(
            f,
            "<tr><td><code class=\"pointer\">{}</code></td><td><code>{}</code></td>\
             <td>{}</td><td>{}</td></tr>",
            Html(pointer),
            Html(&x.schema_path),
            Html(&x.keyword),
            Html(&x.message)
        )?;
    }
    f.write_str("</tbody></table></div>")
}

/// The saved example's diff: each line marked as context, removed or added.
fn example(f: &mut Formatter<'_>, m: &ExampleMismatch) -> fmt::Result {
    write!(
        f,
        "<div class=\"diff\"><h4>saved example {} (-) vs response (+), {}</h4>\
         <pre class=\"diff-lines\">",
        Html(&format!("{:?}", m.example)),
        m.mode_name()
    )?;
    for line in m.diff.iter().take(DIFF_LINES) {
        let class = match line.sign {
            '-' => "d-del",
            '+' => "d-add",
            _ => "d-ctx",
        };
        write!(
            f,
            "<span class=\"{class}\">{}{}</span>",
            Html(line.sign.encode_utf8(&mut [0; 4])),
            Html(&line.text)
        )?;
    }
    if m.diff.len() > DIFF_LINES {
        write!(
            f,
            "<span class=\"d-ctx dim\">… {} more line(s)</span>",
            m.diff.len() - DIFF_LINES
        )?;
    }
    f.write_str("</pre></div>")
}

fn assertions(f: &mut Formatter<'_>, c: &CaseResult) -> fmt::Result {
    if c.assertions.is_empty() {
        return Ok(());
    }
    f.write_str("<div class=\"assertions\"><h4>script assertions</h4><ul>")?;
    for a in &c.assertions {
        let (class, mark, message) = match &a.status {
            AssertionStatus::Passed => ("passed", "✓", None),
            AssertionStatus::Failed(m) => ("failed", "✗", Some(m)),
            AssertionStatus::Skipped => ("skipped", "-", None),
        };
        write!(
            f,
            "<li class=\"r-{class}\"><span class=\"mark\">{mark}</span> {}",
            Html(&a.name)
        )?;
        if let Some(m) = message {
            write!(f, " <span class=\"msg\">{}</span>", Html(m))?;
        }
        f.write_str("</li>")?;
    }
    f.write_str("</ul></div>")
}

fn console(f: &mut Formatter<'_>, c: &CaseResult) -> fmt::Result {
    if c.console.is_empty() {
        return Ok(());
    }
    f.write_str("<div class=\"console\"><h4>console</h4><pre>")?;
    for line in c.console.iter().take(CONSOLE_LINES) {
        writeln!(
            f,
            "<span class=\"c-{}\">[{}] {}</span>",
            Html(&line.level),
            Html(&line.level),
            Html(&line.text)
        )?;
    }
    if c.console.len() > CONSOLE_LINES {
        writeln!(
            f,
            "<span class=\"dim\">… {} more line(s)</span>",
            c.console.len() - CONSOLE_LINES
        )?;
    }
    f.write_str("</pre></div>")
}

/// The request as sent (or as built, when it was not sent) and the response.
fn exchange(f: &mut Formatter<'_>, c: &CaseResult) -> fmt::Result {
    let request = match (&c.call, &c.request) {
        (Some(call), _) => Some((
            &call.sent.method,
            &call.sent.url,
            &call.sent.headers,
            call.sent.body.as_deref(),
        )),
        (None, Some(r)) => Some((&r.method, &r.url, &r.headers, r.body.as_deref())),
        (None, None) => None,
    };
    if let Some((method, url, headers, body)) = request {
        write!(
            f,
            "<details class=\"exchange request\"><summary>request <code>{} {}</code></summary>",
            Html(method),
            Html(url)
        )?;
        header_table(f, headers)?;
        if let Some(body) = body {
            body_excerpt(f, body, false)?;
        }
        f.write_str("</details>")?;
    }
    if let Some(call) = &c.call {
        let r = &call.response;
        write!(
            f,
            "<details class=\"exchange response\"><summary>response <code>{} {}</code> \
             <span class=\"dim\">{} · headers in {} ms</span></summary>",
            r.status,
            Html(&r.reason),
            Html(&r.http_version),
            call.timings.headers.as_millis()
        )?;
        header_table(f, &r.headers)?;
        body_excerpt(f, &r.body, c.body_truncated)?;
        f.write_str("</details>")?;
    }
    Ok(())
}

fn header_table(f: &mut Formatter<'_>, headers: &[(String, String)]) -> fmt::Result {
    if headers.is_empty() {
        return Ok(());
    }
    f.write_str("<table class=\"headers\"><tbody>")?;
    for (name, value) in headers {
        write!(
            f,
            "<tr><th>{}</th><td>{}</td></tr>",
            Html(name),
            Html(value)
        )?;
    }
    f.write_str("</tbody></table>")
}

/// The first [`BODY_EXCERPT`] bytes of `body` (cut at a character), saying when it was
/// cut here or before (`truncated`).
fn body_excerpt(f: &mut Formatter<'_>, body: &[u8], truncated: bool) -> fmt::Result {
    if body.is_empty() {
        return f.write_str("<p class=\"dim\">empty body</p>");
    }
    let text = String::from_utf8_lossy(body);
    let mut end = text.len().min(BODY_EXCERPT);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    write!(f, "<pre class=\"body\">{}</pre>", Html(&text[..end]))?;
    if end < text.len() || truncated {
        write!(
            f,
            "<p class=\"dim\">body cut: the first {end} of {}{} bytes shown</p>",
            if truncated { "more than " } else { "" },
            body.len()
        )?;
    }
    Ok(())
}
