#!/usr/bin/env python3
"""Import-cycle check for the crate's source files.

Usage: python3 .ci/import-cycles.py [--modules] SRC [OTHER_SRC ...]

Every `*.rs` file under each SRC directory (a crate's `src/`; more than one for workspace
members) becomes a node. A file depends on another when it names a path into it:

* `use` declarations rooted at `crate`, `super`, `self` or a child module (`use x::Y`
  after `mod x;`), including grouped, nested and multi-line trees;
* paths in code such as `crate::report::redact::MASK` or `super::busy::BusyPoll`, and
  paths rooted at an imported module (`use super::auth;` then `auth::apply(…)`);
* `crate::`/`super::`/`self::` paths written as strings in attributes, such as
  `#[serde(deserialize_with = "super::model::de_opt_string")]`.

A path resolves to the file of its longest module prefix (`crate::a::b::Item` goes to
`a/b.rs` if it exists, else to `a.rs` or `a/mod.rs`). When the rest of the path names an
import of that file (`pub use x::Item;` in a `mod.rs`, or any `use` a child reaches through
`super::`), the import is followed to the file that defines the item, so an import through a
re-export counts against the defining file, not against the `mod.rs`.

Not dependencies: `mod x;` declarations; the `pub use` re-exports of a `mod.rs`,
`lib.rs` or `main.rs` (unless that file's own code also uses the name); anything under
`#[cfg(test)]` (test modules, whether inline or in their own file, and test-only items);
comments, doc comments and string literals outside attributes; paths into other crates.

Cycles are the strongly connected groups of files (Tarjan). Each group is printed as one or
more cycles that together show every dependency inside the group, each dependency with the
line that creates it. The same is done between top-level modules (`crate::run` vs
`crate::report`, files collapsed to their first path component): always printed, but a
failure only with `--modules`.

Exit status: 1 if there is a cycle that fails the check, 0 otherwise (with a one-line
"no import cycles among N files"), 2 on a usage error.
"""

import os
import re
import sys
from collections import deque

ROOT_FILES = ("lib.rs", "main.rs")
PATH_ROOTS = ("crate", "super", "self")
ITEM_KEYWORDS = ("fn", "struct", "enum", "union", "trait", "type", "const", "static", "mod")
NOT_ITEM_NAMES = ("fn", "_", "unsafe", "async", "extern")
ATTRIBUTE_PATH = re.compile(r"^(?:crate|super|self)(?:::[A-Za-z_][A-Za-z0-9_]*)+$")


# ---------------------------------------------------------------------------- lexing


class Token:
    """One token: kind is 'ident', 'str', 'punct' or 'other'."""

    __slots__ = ("kind", "text", "line")

    def __init__(self, kind, text, line):
        self.kind = kind
        self.text = text
        self.line = line


_DECIMAL_POINTS = {"." + digit for digit in "0123456789"}


def _ident_char(c):
    return c.isalnum() or c == "_"


def tokenize(text):
    """Rust source to tokens, without comments. Strings keep their content."""
    tokens = []
    i, n, line = 0, len(text), 1

    def skip_raw_string(j):
        # text[j] is the first '#' or '"' after the `r`.
        hashes = 0
        while j < n and text[j] == "#":
            hashes += 1
            j += 1
        if j >= n or text[j] != '"':
            return None
        end = text.find('"' + "#" * hashes, j + 1)
        if end < 0:
            end = n
        return j + 1, end, end + 1 + hashes

    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            i += 1
        elif c.isspace():
            i += 1
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif text.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            line += text.count("\n", i, j)
            i = j
        elif c in "rbc" and _string_prefix(text, i):
            start_line = line
            j = i
            while text[j] in "rbc":
                j += 1
            if text[j] == '"' and "r" not in text[i:j]:
                content_start, end = j + 1, _end_of_quoted(text, j + 1, '"')
                after = end + 1
            else:
                raw = skip_raw_string(j)
                if raw is None:
                    tokens.append(Token("punct", text[i], line))
                    i += 1
                    continue
                content_start, end, after = raw
            tokens.append(Token("str", text[content_start:end], start_line))
            line += text.count("\n", i, min(after, n))
            i = after
        elif c == "r" and text.startswith("r#", i) and i + 2 < n and _ident_char(text[i + 2]):
            j = i + 2
            while j < n and _ident_char(text[j]):
                j += 1
            tokens.append(Token("ident", text[i:j], line))
            i = j
        elif c == '"':
            end = _end_of_quoted(text, i + 1, '"')
            tokens.append(Token("str", text[i + 1 : end], line))
            line += text.count("\n", i, end)
            i = end + 1
        elif c == "'":
            # A char literal ('a', '\n', '\u{1F600}') or a lifetime / label ('a).
            if i + 1 < n and text[i + 1] == "\\":
                end = _end_of_quoted(text, i + 1, "'")
                tokens.append(Token("other", text[i : end + 1], line))
                i = end + 1
            elif i + 2 < n and text[i + 2] == "'":
                tokens.append(Token("other", text[i : i + 3], line))
                i += 3
            else:
                j = i + 1
                while j < n and _ident_char(text[j]):
                    j += 1
                tokens.append(Token("other", text[i:j], line))
                i = max(j, i + 1)
        elif c.isdigit():
            j = i
            while j < n and (_ident_char(text[j]) or text[j : j + 2] in _DECIMAL_POINTS):
                j += 1
            tokens.append(Token("other", text[i:j], line))
            i = j
        elif _ident_char(c):
            j = i
            while j < n and _ident_char(text[j]):
                j += 1
            tokens.append(Token("ident", text[i:j], line))
            i = j
        elif text.startswith("::", i):
            tokens.append(Token("punct", "::", line))
            i += 2
        else:
            tokens.append(Token("punct", c, line))
            i += 1
    return tokens


def _string_prefix(text, i):
    """Whether a string literal with a prefix (b, r, br, c, cr, r#) starts at i."""
    j = i
    while j < len(text) and j - i < 2 and text[j] in "rbc":
        j += 1
    if i > 0 and _ident_char(text[i - 1]):
        return False
    prefix = text[i:j]
    if prefix not in ("b", "r", "br", "c", "cr"):
        return False
    if j < len(text) and text[j] == '"':
        return True
    return "r" in prefix and text.startswith("#", j) and re.match(r'#+"', text[j:]) is not None


def _end_of_quoted(text, j, quote):
    """Index of the closing quote, honouring backslash escapes."""
    n = len(text)
    while j < n:
        if text[j] == "\\":
            j += 2
        elif text[j] == quote:
            return j
        else:
            j += 1
    return n


# ---------------------------------------------------------------------------- parsing


class UseLeaf:
    """One leaf of a `use` tree, e.g. `crate::a::B` out of `use crate::{a::B, c::D};`."""

    def __init__(self, segs, alias, glob, line, scope, module_scope, public, written):
        self.segs = segs  # raw segments as written (may start with crate/super/self)
        self.alias = alias  # name it binds (None for globs and `as _`)
        self.glob = glob
        self.line = line
        self.scope = scope  # module path (inline modules included) where it appears
        self.module_scope = module_scope  # at module level (not inside a fn body)
        self.public = public  # `pub`, `pub(crate)`, … use
        self.written = written  # text to print


class PathRef:
    """A path used in code or in an attribute string."""

    def __init__(self, segs, line, scope, written):
        self.segs = segs
        self.line = line
        self.scope = scope
        self.written = written


class SourceFile:
    """What one file declares, imports and names."""

    def __init__(self, display, fs_path, rel_parts):
        self.display = display
        self.fs_path = fs_path
        self.rel_parts = rel_parts
        self.test_only = False
        self.uses = []
        self.refs = []
        self.children = {}  # scope tuple -> set of child module names (non-test)
        self.test_children = {}  # scope tuple -> set of child module names under cfg(test)
        self.inline_mods = {}  # scope tuple -> set of inline module names
        self.defs = {}  # scope tuple -> set of item names defined there
        self.code_idents = set()  # identifiers outside use declarations
        self.segs = ()  # module path, set once the crate is known

    @property
    def is_root_like(self):
        """mod.rs and crate roots: files whose `pub use` lines are re-exports."""
        return _owns_directory(self.rel_parts)


def _matching(tokens, i, open_ch, close_ch):
    """Index of the token closing the bracket opened at tokens[i]."""
    depth = 0
    for j in range(i, len(tokens)):
        t = tokens[j]
        if t.kind == "punct":
            if t.text == open_ch:
                depth += 1
            elif t.text == close_ch:
                depth -= 1
                if depth == 0:
                    return j
    return len(tokens) - 1


def _is_cfg_test(attr):
    """Whether attribute tokens (inside `#[…]`) are `cfg(test)` or `cfg(all(…, test, …))`."""
    texts = [t.text for t in attr]
    if texts == ["cfg", "(", "test", ")"]:
        return True
    if texts[:4] == ["cfg", "(", "all", "("] and texts[-2:] == [")", ")"]:
        inner = texts[4:-2]
        depth = 0
        for k, text in enumerate(inner):
            if text == "(":
                depth += 1
            elif text == ")":
                depth -= 1
            elif text == "test" and depth == 0:
                before = inner[k - 1] if k else ","
                after = inner[k + 1] if k + 1 < len(inner) else ","
                if before == "," and after == ",":
                    return True
    return False


def _skip_item(tokens, i):
    """Index after the item (or field, arm, statement) starting at i."""
    n = len(tokens)
    while i + 1 < n and tokens[i].text == "#" and tokens[i + 1].text == "[":
        i = _matching(tokens, i + 1, "[", "]") + 1
    depth = 0
    j = i
    while j < n:
        t = tokens[j]
        if t.kind == "punct":
            if t.text in "([{":
                if t.text == "{" and depth == 0:
                    return _matching(tokens, j, "{", "}") + 1
                depth += 1
            elif t.text in ")]}":
                if depth == 0:
                    return j
                depth -= 1
            elif t.text in ";," and depth == 0:
                return j + 1
        j += 1
    return n


def _test_mod_name(tokens, i):
    """The name of `mod x;` starting at i (after a cfg(test) attribute), if it is one."""
    n = len(tokens)
    while i + 1 < n and tokens[i].text == "#" and tokens[i + 1].text == "[":
        i = _matching(tokens, i + 1, "[", "]") + 1
    if i < n and tokens[i].text == "pub":
        i += 1
        if i < n and tokens[i].text == "(":
            i = _matching(tokens, i, "(", ")") + 1
    if [x.text for x in tokens[i : i + 3 : 2]] == ["mod", ";"] and tokens[i + 1].kind == "ident":
        return tokens[i + 1].text
    return None


def _visibility_before(tokens, i):
    """The visibility written before tokens[i] (`pub`, `pub(crate)`, …), or ''."""
    j = i - 1
    if j >= 0 and tokens[j].text == ")":
        depth = 0
        while j >= 0:
            if tokens[j].text == ")":
                depth += 1
            elif tokens[j].text == "(":
                depth -= 1
                if depth == 0:
                    break
            j -= 1
        j -= 1
        if j >= 0 and tokens[j].text == "pub":
            return "".join(t.text + " " if t.text == "in" else t.text for t in tokens[j:i])
        return ""
    if j >= 0 and tokens[j].text == "pub":
        return "pub"
    return ""


def _parse_use_tree(tokens, i, prefix, out):
    """Parses one use tree at tokens[i]; appends (segs, alias, glob, line) to out."""
    n = len(tokens)
    segs = list(prefix)
    if i < n and tokens[i].text == "::":
        segs.append("::")
        i += 1
    while i < n:
        t = tokens[i]
        if t.text == "{":
            i += 1
            while i < n and tokens[i].text != "}":
                i = _parse_use_tree(tokens, i, segs, out)
                if i < n and tokens[i].text == ",":
                    i += 1
                elif i < n and tokens[i].text != "}":
                    i += 1
            return i + 1
        if t.text == "*":
            out.append((segs, None, True, t.line))
            return i + 1
        if t.text == "$" and i + 1 < n and tokens[i + 1].text == "crate":
            i += 1
            t = tokens[i]
        if t.kind != "ident":
            return i
        segs = segs + [t.text]
        i += 1
        if i < n and tokens[i].text == "::":
            i += 1
            continue
        alias = t.text
        if t.text == "self":
            segs = segs[:-1]
            alias = segs[-1] if segs else None
        if i + 1 < n and tokens[i].text == "as":
            alias = tokens[i + 1].text
            alias = None if alias == "_" else alias
            i += 2
        out.append((segs, alias, False, t.line))
        return i
    return i


def _written_use(visibility, segs, alias, glob):
    path = "::".join(s for s in segs if s != "::")
    if segs and segs[0] == "::":
        path = "::" + path
    if glob:
        path += "::*"
    last = segs[-1] if segs else None
    if alias and alias != last:
        path += f" as {alias}"
    return (visibility + " " if visibility else "") + "use " + path


def parse_file(source):
    """Fills a SourceFile from its text."""
    with open(source.fs_path, encoding="utf-8", errors="replace") as handle:
        tokens = tokenize(handle.read())
    n = len(tokens)
    # Brace stack: entries are a module name (inline module) or None (any other block).
    stack = []

    def scope():
        return tuple(name for name in stack if name is not None)

    def at_module_scope():
        return all(name is not None for name in stack)

    i = 0
    while i < n:
        t = tokens[i]
        text = t.text
        if t.kind == "punct" and text == "#" and i + 1 < n and tokens[i + 1].text in ("[", "!"):
            inner = tokens[i + 1].text == "!"
            open_at = i + 2 if inner else i + 1
            if open_at >= n or tokens[open_at].text != "[":
                i += 1
                continue
            close = _matching(tokens, open_at, "[", "]")
            attr = tokens[open_at + 1 : close]
            if _is_cfg_test(attr):
                if inner and not stack:
                    source.test_only = True
                    return
                if inner:
                    # `#![cfg(test)]` inside an inline module: skip the rest of that module.
                    depth = 1
                    j = close + 1
                    while j < n and depth:
                        if tokens[j].text == "{":
                            depth += 1
                        elif tokens[j].text == "}":
                            depth -= 1
                        j += 1
                    stack.pop()
                    i = j
                    continue
                name = _test_mod_name(tokens, close + 1)
                if name:
                    source.test_children.setdefault(scope(), set()).add(name)
                i = _skip_item(tokens, close + 1)
                continue
            for a in attr:
                if a.kind == "ident":
                    source.code_idents.add(a.text)
                elif a.kind == "str" and ATTRIBUTE_PATH.match(a.text):
                    written = f'"{a.text}" (in an attribute)'
                    source.refs.append(PathRef(a.text.split("::"), a.line, scope(), written))
            i = close + 1
            continue
        if t.kind == "ident" and text == "use":
            visibility = _visibility_before(tokens, i)
            leaves = []
            j = _parse_use_tree(tokens, i + 1, [], leaves)
            while j < n and tokens[j].text != ";":
                j += 1
            for segs, alias, glob, line in leaves:
                source.uses.append(
                    UseLeaf(
                        segs,
                        alias,
                        glob,
                        line,
                        scope(),
                        at_module_scope(),
                        bool(visibility),
                        _written_use(visibility, segs, alias, glob),
                    )
                )
            i = j + 1
            continue
        ahead = [x.text for x in tokens[i + 1 : i + 3]]
        if t.kind == "ident" and text == "pub" and ahead == ["(", "in"]:
            # `pub(in crate::a)` names an ancestor for visibility; it is not a dependency.
            i = _matching(tokens, i + 1, "(", ")") + 1
            continue
        if t.kind == "ident" and text == "mod" and i + 2 < n and tokens[i + 1].kind == "ident":
            name = tokens[i + 1].text
            after = tokens[i + 2].text
            if after == ";":
                source.children.setdefault(scope(), set()).add(name)
                source.defs.setdefault(scope(), set()).add(name)
                i += 3
                continue
            if after == "{":
                source.inline_mods.setdefault(scope(), set()).add(name)
                source.defs.setdefault(scope(), set()).add(name)
                stack.append(name)
                i += 3
                continue
        if t.kind == "punct" and text == "{":
            stack.append(None)
            i += 1
            continue
        if t.kind == "punct" and text == "}":
            if stack:
                stack.pop()
            i += 1
            continue
        if t.kind == "ident":
            source.code_idents.add(text)
            if at_module_scope():
                _record_definition(source, tokens, i, scope())
            before = tokens[i - 1].text if i else ""
            starts_path = i + 1 < n and tokens[i + 1].text == "::" and before != "::"
            if starts_path and not (before == "$" and text != "crate"):
                segs = [text]
                j = i + 1
                while j + 1 < n and tokens[j].text == "::" and tokens[j + 1].kind == "ident":
                    segs.append(tokens[j + 1].text)
                    j += 2
                if len(segs) > 1:
                    source.refs.append(PathRef(segs, t.line, scope(), "::".join(segs)))
                    for seg in segs[1:]:
                        source.code_idents.add(seg)
                    i = j
                    continue
        i += 1


def _record_definition(source, tokens, i, scope):
    """Records `struct X`, `fn x`, `macro_rules! x`, … defined at module level."""
    n = len(tokens)
    text = tokens[i].text
    if text == "macro_rules" and i + 2 < n and tokens[i + 1].text == "!":
        source.defs.setdefault(scope, set()).add(tokens[i + 2].text)
        return
    if text not in ITEM_KEYWORDS or i + 1 >= n:
        return
    j = i + 1
    if text == "static" and tokens[j].text == "mut":
        j += 1
    if j < n and tokens[j].kind == "ident" and tokens[j].text not in NOT_ITEM_NAMES:
        if text == "union" and not (j + 1 < n and tokens[j + 1].text in ("{", "<")):
            return
        source.defs.setdefault(scope, set()).add(tokens[j].text)


# ---------------------------------------------------------------------------- crates


class Crate:
    """One crate: its module tree, module path -> file."""

    def __init__(self, label_prefix):
        self.label_prefix = label_prefix
        self.modules = {}  # module path tuple -> SourceFile

    def top_module(self, source):
        name = "crate::" + source.segs[0] if source.segs else "crate"
        return self.label_prefix + name


def _owns_directory(parts):
    """Whether `mod x;` in this file looks for `x.rs` next to it (mod.rs and crate roots)."""
    if parts[-1] == "mod.rs" or _is_bin_root(parts):
        return True
    return len(parts) == 1 and parts[0] in ROOT_FILES


def _child_candidates(source, scope_tail, name):
    """Paths (relative parts) where `mod name;` of source may live."""
    parts = list(source.rel_parts)
    base = parts[:-1] if _owns_directory(parts) else parts[:-1] + [parts[-1][:-3]]
    base = base + list(scope_tail)
    return [tuple(base + [name + ".rs"]), tuple(base + [name, "mod.rs"])]


def _is_bin_root(parts):
    """`bin/x.rs` and `bin/x/main.rs`: roots of extra binary crates."""
    if parts[0] != "bin":
        return False
    return len(parts) == 2 or (len(parts) == 3 and parts[2] == "main.rs")


def _segs_from_path(parts):
    parts = list(parts)
    if parts[-1] == "mod.rs":
        parts = parts[:-1]
    else:
        parts[-1] = parts[-1][:-3]
    if parts in (["lib"], ["main"]):
        return ()
    return tuple(parts)


def load_crates(src_dir, first):
    """The crates whose sources are under src_dir, with every file parsed."""
    files = {}
    for dirpath, dirnames, filenames in os.walk(src_dir):
        dirnames.sort()
        for filename in sorted(filenames):
            if not filename.endswith(".rs"):
                continue
            fs_path = os.path.join(dirpath, filename)
            rel = os.path.relpath(fs_path, src_dir)
            parts = tuple(rel.split(os.sep))
            display = "/".join([os.path.normpath(src_dir).replace(os.sep, "/")] + list(parts))
            source = SourceFile(display, fs_path, parts)
            parse_file(source)
            files[parts] = source

    roots = [parts for parts in (("lib.rs",), ("main.rs",)) if parts in files]
    roots += sorted(parts for parts in files if _is_bin_root(parts))
    crates = []
    excluded = set()
    assigned = {}
    for root_parts in roots:
        root = files[root_parts]
        if root.test_only:
            continue
        is_primary = first and not crates and root_parts == ("lib.rs",)
        prefix = "" if is_primary else root.display + ": "
        crate = Crate(prefix)
        crates.append(crate)
        queue = deque([(root_parts, ())])
        while queue:
            parts, segs = queue.popleft()
            source = files[parts]
            if source.test_only:
                excluded.add(parts)
                continue
            if parts in assigned:
                continue  # declared twice, or by two crates: the first declaration wins
            assigned[parts] = crate
            source.segs = segs
            crate.modules[segs] = source
            # Scopes are still relative to the file here: the inline modules around `mod x;`.
            for tail, names in source.children.items():
                for name in sorted(names):
                    for candidate in _child_candidates(source, tail, name):
                        if candidate in files:
                            queue.append((candidate, segs + tuple(tail) + (name,)))
                            break
            for tail, names in source.test_children.items():
                for name in names:
                    for candidate in _child_candidates(source, tail, name):
                        if candidate in files:
                            _exclude_tree(files, candidate, excluded)
    # Files no root declares: placed by their path in the first crate.
    if not crates:
        crates.append(Crate("" if first else src_dir + ": "))
    for parts, source in files.items():
        if parts in assigned or parts in excluded or source.test_only:
            continue
        segs = _segs_from_path(parts)
        home = crates[0]
        if segs in home.modules:
            continue
        source.segs = segs
        home.modules[segs] = source
        assigned[parts] = home
    # Scopes were recorded relative to the file; make them absolute.
    for crate in crates:
        for source in crate.modules.values():
            _rebase_scopes(source)
    return crates


def _exclude_tree(files, parts, excluded):
    """Marks a test-only file and everything under its directory as excluded."""
    excluded.add(parts)
    directory = parts[:-1] if parts[-1] == "mod.rs" else parts[:-1] + (parts[-1][:-3],)
    for other in files:
        if other[: len(directory)] == directory and len(other) > len(directory):
            excluded.add(other)


def _rebase_scopes(source):
    base = source.segs

    def rebase(key):
        return base + tuple(key)

    source.children = {rebase(k): v for k, v in source.children.items()}
    source.inline_mods = {rebase(k): v for k, v in source.inline_mods.items()}
    source.defs = {rebase(k): v for k, v in source.defs.items()}
    for use in source.uses:
        use.scope = rebase(use.scope)
    for ref in source.refs:
        ref.scope = rebase(ref.scope)


# ---------------------------------------------------------------------------- resolution


class Resolver:
    """Resolves paths of one crate to the files that define what they name."""

    def __init__(self, crate):
        self.crate = crate
        self.module_aliases = {}  # file display -> {alias: absolute segs} (module-scope uses)
        self.module_globs = {}  # file display -> [absolute segs]
        for source in crate.modules.values():
            aliases, globs = {}, []
            for use in source.uses:
                if not use.module_scope or use.scope != source.segs:
                    continue
                target = self.absolute(source, use.segs, use.scope)
                if use.glob:
                    if target is not None:
                        globs.append(target)
                elif use.alias:
                    aliases[use.alias] = target
            self.module_aliases[source.display] = aliases
            self.module_globs[source.display] = globs

    def absolute(self, source, segs, scope):
        """Absolute module path (without `crate`) of a path written in scope, or None."""
        if not segs or segs[0] == "::":
            return None
        head = segs[0]
        if head == "crate":
            return tuple(segs[1:])
        if head == "self":
            return tuple(scope) + tuple(segs[1:])
        if head == "super":
            current = list(scope)
            k = 0
            while k < len(segs) and segs[k] == "super":
                if not current:
                    return None
                current.pop()
                k += 1
            if k < len(segs) and segs[k] == "self":
                k += 1
            return tuple(current) + tuple(segs[k:])
        local = source.children.get(tuple(scope), set()) | source.defs.get(tuple(scope), set())
        if head in local:
            return tuple(scope) + tuple(segs)
        return None

    def locate(self, segs):
        """(file, rest): the file of the longest module prefix of segs."""
        for k in range(len(segs), -1, -1):
            source = self.crate.modules.get(tuple(segs[:k]))
            if source is not None:
                return source, tuple(segs[k:])
        return None, ()

    def resolve(self, segs, seen=frozenset()):
        """(file, is_module): the file defining what segs names."""
        source, rest = self.locate(segs)
        if source is None:
            return None, False
        if not rest:
            return source, True
        key = (source.display, rest[0])
        if key in seen:
            return source, False
        seen = seen | {key}
        aliases = self.module_aliases[source.display]
        if rest[0] in aliases:
            target = aliases[rest[0]]
            if target is None:
                return source, False
            return self.resolve(target + rest[1:], seen)
        if rest[0] in source.defs.get(source.segs, set()):
            return source, False
        for glob in self.module_globs[source.display]:
            inner, inner_rest = self.locate(glob)
            if inner is None or inner_rest:
                continue
            names = inner.defs.get(inner.segs, set()) | set(self.module_aliases[inner.display])
            if rest[0] in names:
                return self.resolve(glob + rest, seen)
        return source, False


def local_modules(source, scope):
    """Names of the modules declared in scope of source (`mod x;` and `mod x { … }`)."""
    return source.children.get(tuple(scope), set()) | source.inline_mods.get(tuple(scope), set())


def file_edges(crate):
    """{(from, to): [(line, written), …]} for one crate."""
    resolver = Resolver(crate)
    edges = {}

    def add(source, target, line, written):
        if target is None or target is source:
            return
        edges.setdefault((source.display, target.display), []).append((line, written))

    for source in crate.modules.values():
        path_roots = {ref.segs[0] for ref in source.refs}
        module_imports = {}
        for use in source.uses:
            absolute = resolver.absolute(source, use.segs, use.scope)
            if absolute is None:
                continue
            if use.public and source.is_root_like and use.module_scope:
                # A re-export: what it names is followed when someone imports it.
                if use.glob or use.alias not in source.code_idents:
                    continue
            if use.glob:
                target, _ = resolver.resolve(absolute)
                add(source, target, use.line, use.written)
                continue
            target, is_module = resolver.resolve(absolute)
            if is_module and use.alias:
                module_imports[use.alias] = absolute
                if use.alias in path_roots:
                    continue  # the paths through the alias are the dependencies
            add(source, target, use.line, use.written)
        for ref in source.refs:
            if ref.segs[0] in PATH_ROOTS:
                absolute = resolver.absolute(source, ref.segs, ref.scope)
            elif ref.segs[0] in module_imports:
                absolute = module_imports[ref.segs[0]] + tuple(ref.segs[1:])
            elif ref.segs[0] in local_modules(source, ref.scope):
                absolute = tuple(ref.scope) + tuple(ref.segs)
            else:
                continue
            if absolute is None:
                continue
            target, _ = resolver.resolve(absolute)
            add(source, target, ref.line, ref.written)
    for refs in edges.values():
        refs.sort()
    return edges


# ---------------------------------------------------------------------------- cycles


def strongly_connected(nodes, graph):
    """Tarjan's algorithm (iterative); the groups with more than one node, sorted."""
    index, low, on_stack = {}, {}, set()
    stack, groups, counter = [], [], [0]
    for start in sorted(nodes):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = counter[0]
        counter[0] += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter[0]
                    counter[0] += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))
    return sorted(groups)


def covering_cycles(group, graph):
    """Cycles inside a group that together use every edge of the group."""
    members = set(group)
    inner = sorted((a, b) for a in group for b in graph.get(a, ()) if b in members)
    covered, cycles = set(), []
    for a, b in inner:
        if (a, b) in covered:
            continue
        path = _shortest_path(b, a, graph, members)
        if path is None:
            continue
        cycle = [a] + path  # a -> b -> … -> a
        cycles.append(cycle)
        covered.update(zip(cycle, cycle[1:]))
    return cycles


def _shortest_path(start, goal, graph, members):
    previous = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            path = []
            while node is not None:
                path.append(node)
                node = previous[node]
            return path[::-1]
        for child in sorted(graph.get(node, ())):
            if child in members and child not in previous:
                previous[child] = node
                queue.append(child)
    return None


def print_cycles(title, unit, groups, graph, describe):
    """Prints every group as cycles; describe(a, b) gives the text of an edge."""
    print(f"{title}: {len(groups)} cycle group{'s' if len(groups) != 1 else ''}")
    for number, group in enumerate(groups, 1):
        cycles = covering_cycles(group, graph)
        shown = f", shown as {len(cycles)} cycles" if len(cycles) > 1 else ""
        print(f"  group {number}: {len(group)} {unit}{shown}: {', '.join(group)}")
        for cycle in cycles:
            print("    cycle:")
            for k, (a, b) in enumerate(zip(cycle, cycle[1:])):
                arrow = "       " if k == 0 else "    -> "
                print(f"    {arrow}{describe(a, b)}")
            print(f"    -> {cycle[-1]}")


def main(argv):
    args = list(argv)
    fail_on_modules = "--modules" in args
    args = [a for a in args if a != "--modules"]
    if "-h" in args or "--help" in args:
        print(__doc__.strip())
        return 0
    if not args or any(a.startswith("-") for a in args):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    for directory in args:
        if not os.path.isdir(directory):
            print(f"import-cycles: not a directory: {directory}", file=sys.stderr)
            return 2

    edges = {}
    module_edges = {}
    file_count = 0
    top_modules = set()
    for position, directory in enumerate(args):
        for crate in load_crates(directory, position == 0):
            file_count += len(crate.modules)
            top_modules.update(crate.top_module(s) for s in crate.modules.values())
            by_display = {s.display: s for s in crate.modules.values()}
            crate_edges = file_edges(crate)
            edges.update(crate_edges)
            for (a, b), refs in sorted(crate_edges.items()):
                top_a = crate.top_module(by_display[a])
                top_b = crate.top_module(by_display[b])
                if top_a != top_b:
                    module_edges.setdefault((top_a, top_b), []).append((a, refs[0], len(refs)))

    graph = {}
    for a, b in edges:
        graph.setdefault(a, set()).add(b)
    nodes = {a for a, _ in edges} | {b for _, b in edges}
    groups = strongly_connected(nodes, graph)

    module_graph = {}
    for a, b in module_edges:
        module_graph.setdefault(a, set()).add(b)
    module_nodes = {a for a, _ in module_edges} | {b for _, b in module_edges}
    module_groups = strongly_connected(module_nodes, module_graph)

    def describe_file_edge(a, b):
        refs = edges[(a, b)]
        line, written = refs[0]
        more = f"  (+{len(refs) - 1} more)" if len(refs) > 1 else ""
        return f"{a}:{line} {written}{more}"

    def describe_module_edge(a, b):
        examples = module_edges[(a, b)]
        source, (line, written), _ = examples[0]
        total = sum(count for _, _, count in examples)
        more = f"  (+{total - 1} more)" if total > 1 else ""
        return f"{a}  [{source}:{line} {written}]{more}"

    if groups:
        print_cycles("file-level import cycles", "files", groups, graph, describe_file_edge)
    if module_groups:
        note = "" if fail_on_modules else " (not failing; pass --modules to fail on them)"
        title = "module-level import cycles" + note
        print_cycles(title, "modules", module_groups, module_graph, describe_module_edge)
    if groups and not module_groups:
        print(f"no module-level import cycles among {len(top_modules)} top-level modules")
    failed = bool(groups) or (fail_on_modules and bool(module_groups))
    if not failed:
        modules = f" and {len(top_modules)} top-level modules" if fail_on_modules else ""
        print(f"no import cycles among {file_count} files{modules}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
