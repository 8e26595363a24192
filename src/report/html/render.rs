//! The HTML report's page: the template's slots filled with the totals, the chart per
//! folder, the filters' folders and every request with its iterations side by side.

use std::io::{self, Write};

use base64::Engine as _;
use sha2::{Digest, Sha256};

use super::case::verdict_label;
use super::escape::{Html, script_json};
use super::model::{Folder, Model, Step, Tally};
use crate::report::spool::Spool;
use crate::run::{RunSummary, Verdict};

const TEMPLATE: &str = include_str!("template.html");
const STYLE: &str = include_str!("style.css");
const SCRIPT: &str = include_str!("report.js");

/// How a slot of the template starts; it ends at the next `-->`.
const SLOT: &str = "<!--slot:";

/// The template as literal text, each piece followed by the slot after it (`None` after
/// the last piece).
fn pieces(template: &str) -> Vec<(&str, Option<&str>)> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find(SLOT) {
        let after = &rest[start + SLOT.len()..];
        let Some(end) = after.find("-->") else {
            break;
        };
        out.push((&rest[..start], Some(&after[..end])));
        rest = &after[end + 3..];
    }
    out.push((rest, None));
    out
}

/// The page's Content-Security-Policy: nothing may load; only the page's own style and
/// script (by their hashes) apply.
fn csp() -> String {
    let hash = |text: &str| base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text));
    format!(
        "default-src 'none'; style-src 'sha256-{}'; script-src 'sha256-{}'; img-src 'none'; \
         connect-src 'none'; base-uri 'none'; form-action 'none'",
        hash(STYLE),
        hash(SCRIPT)
    )
}

/// Writes the whole page.
pub(super) fn write_page(
    out: &mut impl Write,
    model: &Model,
    spool: &mut Spool,
    s: &RunSummary,
) -> io::Result<()> {
    for (text, slot) in pieces(TEMPLATE) {
        out.write_all(text.as_bytes())?;
        match slot {
            Some("csp") => out.write_all(csp().as_bytes())?,
            Some("tool") => write!(out, "pmcheck {}", env!("CARGO_PKG_VERSION"))?,
            Some("title") => title(out, model)?,
            Some("style") => out.write_all(STYLE.as_bytes())?,
            Some("script") => out.write_all(SCRIPT.as_bytes())?,
            Some("summary") => out.write_all(script_json(&summary_json(s)).as_bytes())?,
            Some("collections") => collections(out, model, s)?,
            Some("totals") => totals(out, s)?,
            Some("chart") => chart(out, &model.folders)?,
            Some("folders") => folder_options(out, &model.folders)?,
            Some("cases") => {
                for step in &model.steps {
                    step_html(out, model, spool, step)?;
                }
            }
            Some(_) | None => {}
        }
    }
    out.flush()
}

fn title(out: &mut impl Write, model: &Model) -> io::Result<()> {
    out.write_all(b"pmcheck report")?;
    for (i, c) in model.collections.iter().enumerate() {
        let sep = if i == 0 { ": " } else { ", " };
        write!(out, "{sep}{}", Html(&c.name))?;
    }
    Ok(())
}

/// The totals as the JSON report's `summary` has them.
fn summary_json(s: &RunSummary) -> String {
    crate::report::json::summary_json(s).to_string()
}

fn collections(out: &mut impl Write, model: &Model, s: &RunSummary) -> io::Result<()> {
    write!(
        out,
        "<p class=\"dim\">pmcheck {}</p><ul class=\"collections\">",
        env!("CARGO_PKG_VERSION")
    )?;
    for c in &model.collections {
        write!(
            out,
            "<li><b>{}</b>: target {}; schemas {}</li>",
            Html(&c.name),
            Html(&c.target),
            Html(&c.schemas)
        )?;
    }
    out.write_all(b"</ul>")?;
    if !s.unresolved.is_empty() {
        out.write_all(b"<p class=\"unresolved\">undefined variables, sent literally: ")?;
        for (i, name) in s.unresolved.iter().enumerate() {
            let sep = if i == 0 { "" } else { ", " };
            write!(out, "{sep}<code>{}</code>", Html(name))?;
        }
        out.write_all(b"</p>")?;
    }
    Ok(())
}

fn totals(out: &mut impl Write, s: &RunSummary) -> io::Result<()> {
    let tiles = [
        ("total", s.total, "cases"),
        ("passed", s.passed, "passed"),
        ("failed", s.failed, "failed"),
        ("errors", s.errors, "errors"),
        ("skipped", s.skipped, "skipped"),
        ("not_run", s.not_run, "not run"),
    ];
    for (key, n, label) in tiles {
        write!(
            out,
            "<div class=\"tile t-{key}\" data-total=\"{key}\"><span class=\"n\">{n}</span>\
             <span class=\"l\">{label}</span></div>"
        )?;
    }
    write!(
        out,
        "<div class=\"tile\" data-total=\"duration\"><span class=\"n\">{:.1} s</span>\
         <span class=\"l\">duration</span></div>",
        s.duration.as_secs_f64()
    )?;
    if s.bailed {
        out.write_all(b"<p class=\"flags\">--bail stopped the run early.</p>")?;
    }
    if s.loop_stopped {
        out.write_all(b"<p class=\"flags\">A setNextRequest loop hit the cap on repeats.</p>")?;
    }
    if let Some(why) = s.stopped {
        let line = format!("Stopped early: {why}; the requests left were not run.");
        write!(out, "<p class=\"flags\">{}</p>", Html(&line))?;
    }
    Ok(())
}

/// Each verdict's count in a tally, in the order the bars show them.
fn parts(t: &Tally) -> [(Verdict, usize); 5] {
    [
        (Verdict::Passed, t.passed),
        (Verdict::Failed, t.failed),
        (Verdict::Error, t.errors),
        (Verdict::Skipped, t.skipped),
        (Verdict::NotRun, t.not_run),
    ]
}

/// One row per collection and folder: its name, a bar of its cases by verdict (inline
/// SVG, no style attribute), and the counts.
fn chart(out: &mut impl Write, folders: &[Folder]) -> io::Result<()> {
    const WIDTH: usize = 1000;
    for (i, f) in folders.iter().enumerate() {
        let depth = (f.path.len() - 1).min(4);
        let name = f.path.last().map_or("", String::as_str);
        let total = f.tally.total().max(1);
        write!(
            out,
            "<tr data-chart-folder=\"{i}\"><td class=\"fname depth-{depth}\">\
             <button type=\"button\" data-folder=\"{i}\" title=\"show only this folder\">{}</button></td>\
             <td><svg viewBox=\"0 0 {WIDTH} 10\" preserveAspectRatio=\"none\" role=\"img\" \
             aria-label=\"{}\">",
            Html(name),
            Html(&counts(&f.tally))
        )?;
        let mut done = 0;
        for (verdict, n) in parts(&f.tally) {
            if n == 0 {
                continue;
            }
            let x = WIDTH * done / total;
            done += n;
            let w = WIDTH * done / total - x;
            write!(
                out,
                "<rect class=\"s-{}\" x=\"{x}\" width=\"{w}\" height=\"10\" data-count=\"{n}\">\
                 <title>{n} {}</title></rect>",
                verdict.name(),
                verdict_label(verdict)
            )?;
        }
        write!(
            out,
            "</svg></td><td class=\"nums\">{}</td></tr>",
            Html(&counts(&f.tally))
        )?;
    }
    Ok(())
}

/// `3 passed · 1 failed` (verdicts with no case left out).
fn counts(t: &Tally) -> String {
    let shown: Vec<String> = parts(t)
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(v, n)| format!("{n} {}", verdict_label(v)))
        .collect();
    shown.join(" · ")
}

fn folder_options(out: &mut impl Write, folders: &[Folder]) -> io::Result<()> {
    for (i, f) in folders.iter().enumerate() {
        write!(
            out,
            "<option value=\"{i}\">{}</option>",
            Html(&f.path.join(" › "))
        )?;
    }
    Ok(())
}

/// One request: a summary line (a mark per iteration, where it is, its name, its first
/// problem), and its iterations next to each other.
fn step_html(
    out: &mut impl Write,
    model: &Model,
    spool: &mut Spool,
    step: &Step,
) -> io::Result<()> {
    let verdict = step.verdict().name();
    let folders: Vec<String> = step.folders.iter().map(ToString::to_string).collect();
    write!(
        out,
        "<details class=\"case v-{verdict}\" data-verdict=\"{verdict}\" data-folders=\"{}\">\
         <summary><span class=\"marks\">",
        folders.join(" ")
    )?;
    for i in &step.iterations {
        write!(
            out,
            "<span class=\"mark-sq v-{}\" title=\"iteration {}: {}\"></span>",
            i.verdict.name(),
            i.number,
            verdict_label(i.verdict)
        )?;
    }
    out.write_all(b"</span><span class=\"where\">")?;
    if let Some(f) = step.folders.last().and_then(|&f| model.folders.get(f)) {
        for part in &f.path {
            write!(out, "{} › ", Html(part))?;
        }
    }
    write!(
        out,
        "</span><span class=\"name\">{}</span>",
        Html(&step.request)
    )?;
    if step.iterations.len() > 1 {
        write!(
            out,
            " <span class=\"dim\">{} iterations</span>",
            step.iterations.len()
        )?;
    }
    let first_problem = step.iterations.iter().find_map(|i| match &i.reason {
        Some(reason) if i.verdict != Verdict::Passed => Some((i.number, reason)),
        _ => None,
    });
    if let Some((number, reason)) = first_problem {
        out.write_all(b"<span class=\"reason\">")?;
        if step.iterations.len() > 1 {
            write!(out, "iteration {number}: ")?;
        }
        write!(out, "{}</span>", Html(reason))?;
    }
    out.write_all(b"</summary><div class=\"iters\">")?;
    for i in &step.iterations {
        spool.copy(i.html, out)?;
    }
    out.write_all(b"</div></details>\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_has_only_known_slots_and_every_one() {
        let slots: Vec<&str> = pieces(TEMPLATE).into_iter().filter_map(|p| p.1).collect();
        let known = [
            "csp",
            "tool",
            "title",
            "style",
            "summary",
            "collections",
            "totals",
            "chart",
            "folders",
            "cases",
            "script",
        ];
        for slot in &slots {
            assert!(known.contains(slot), "unknown slot {slot}");
        }
        for slot in known {
            assert!(
                slots.contains(&slot),
                "slot {slot} missing from the template"
            );
        }
    }

    #[test]
    fn pieces_put_the_template_back_together() {
        let joined: String = pieces("a<!--slot:x-->b<!--slot:y-->c")
            .into_iter()
            .map(|(text, slot)| match slot {
                Some(s) => format!("{text}[{s}]"),
                None => text.to_string(),
            })
            .collect();
        assert_eq!(joined, "a[x]b[y]c");
    }
}
