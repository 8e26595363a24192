//! The tape ([`Tape`]) as a JSON representation the schema validator reads: nodes are a
//! tape and a slot, numbers their literal, and an error's instance is parsed from its span
//! of the body only if something reads it (reports quote an excerpt instead).

use std::borrow::Cow;
use std::sync::OnceLock;

use jsonschema::JsonType;
use jsonschema::json::{Array, Json, JsonNumber, Node, NodeIdentity, Object, cmp};
use jsonschema_value::LazyInstance;
use serde_json::{Number, Value};

use super::tape::{Kind, Tape};

/// The tape as a representation for `jsonschema::options_for`.
pub struct TapeJson;

/// One value of a tape, or a property name the validator checks (`propertyNames`).
#[derive(Clone, Copy)]
pub enum TapeNode<'a> {
    /// The value at a slot of a tape.
    At(&'a Tape<'a>, u32),
    /// A string of its own.
    Name(&'a str),
}

impl<'a> TapeNode<'a> {
    /// The root value of `tape`.
    pub fn root(tape: &'a Tape<'a>) -> Self {
        TapeNode::At(tape, 0)
    }

    fn kind(&self) -> Kind {
        match self {
            TapeNode::At(tape, i) => tape.slot(*i).kind,
            TapeNode::Name(_) => Kind::Str,
        }
    }

    /// The body text of a container, or `None`.
    fn span(&self) -> Option<&'a str> {
        match (self, self.kind()) {
            (TapeNode::At(tape, i), Kind::Array | Kind::Object) => Some(tape.span(*i)),
            _ => None,
        }
    }
}

impl Json for TapeJson {
    type Node<'a> = TapeNode<'a>;
    type PreparedKey = String;
    type StringBuffer = ();

    fn prepare_key(key: &str) -> String {
        key.to_string()
    }

    fn with_string_node<T>(_: &mut (), string: &str, f: impl FnOnce(TapeNode<'_>) -> T) -> T {
        f(TapeNode::Name(string))
    }
}

/// A number as written.
pub struct TapeNumber<'a>(&'a str);

impl JsonNumber for TapeNumber<'_> {
    fn as_u64(&self) -> Option<u64> {
        self.0.parse().ok()
    }

    fn as_i64(&self) -> Option<i64> {
        self.0.parse().ok()
    }

    fn as_f64(&self) -> Option<f64> {
        self.0.parse().ok()
    }

    fn as_str(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.0)
    }

    fn to_number(&self) -> Cow<'_, Number> {
        // The body parsed as JSON, so serde reads its numbers.
        Cow::Owned(serde_json::from_str(self.0).unwrap_or_else(|_| Number::from(0)))
    }
}

/// Parses an error's instance from its text, when something reads it.
fn parse_instance(text: &[u8], _: u32) -> Value {
    serde_json::from_slice(text).unwrap_or(Value::Null)
}

impl<'a> Node<'a, TapeJson> for TapeNode<'a> {
    type Object = TapeObject<'a>;
    type Array = TapeArray<'a>;
    type Number = TapeNumber<'a>;

    fn as_object(&self) -> Option<TapeObject<'a>> {
        match (*self, self.kind()) {
            (TapeNode::At(tape, i), Kind::Object) => Some(TapeObject(tape, i)),
            _ => None,
        }
    }

    fn as_array(&self) -> Option<TapeArray<'a>> {
        match (*self, self.kind()) {
            (TapeNode::At(tape, i), Kind::Array) => Some(TapeArray(tape, i)),
            _ => None,
        }
    }

    fn as_string(&self) -> Option<Cow<'a, str>> {
        match *self {
            TapeNode::At(tape, i) => tape.string(i).map(Cow::Borrowed),
            TapeNode::Name(name) => Some(Cow::Borrowed(name)),
        }
    }

    fn as_number(&self) -> Option<TapeNumber<'a>> {
        match *self {
            TapeNode::At(tape, i) => {
                let s = tape.slot(i);
                (s.kind == Kind::Number).then(|| TapeNumber(tape.text(s.a, s.b)))
            }
            TapeNode::Name(_) => None,
        }
    }

    fn as_boolean(&self) -> Option<bool> {
        match self.kind() {
            Kind::True => Some(true),
            Kind::False => Some(false),
            _ => None,
        }
    }

    fn is_null(&self) -> bool {
        self.kind() == Kind::Null
    }

    fn json_type(&self) -> JsonType {
        match self.kind() {
            Kind::Null | Kind::Span | Kind::Shadowed => JsonType::Null,
            Kind::False | Kind::True => JsonType::Boolean,
            Kind::Number => JsonType::Number,
            Kind::Str | Kind::Escaped => JsonType::String,
            Kind::Array => JsonType::Array,
            Kind::Object => JsonType::Object,
        }
    }

    fn equals_value(&self, expected: &Value) -> bool {
        // Decided without building a large value where sizes or types differ.
        match (self.kind(), expected) {
            (Kind::Array, Value::Array(e)) if self.as_array().map(|a| a.len()) != Some(e.len()) => {
                false
            }
            (Kind::Object, Value::Object(e))
                if self.as_object().map(|o| o.len()) != Some(e.len()) =>
            {
                false
            }
            (Kind::Array, v) if !v.is_array() => false,
            (Kind::Object, v) if !v.is_object() => false,
            _ => cmp::equal(&self.to_value(), expected),
        }
    }

    fn to_value(&self) -> Cow<'a, Value> {
        let value = match self.kind() {
            Kind::Null | Kind::Span | Kind::Shadowed => Value::Null,
            Kind::False => Value::Bool(false),
            Kind::True => Value::Bool(true),
            Kind::Number => self
                .as_number()
                .map_or(Value::Null, |n| Value::Number(n.to_number().into_owned())),
            Kind::Str | Kind::Escaped => {
                Value::String(self.as_string().unwrap_or_default().into_owned())
            }
            Kind::Array | Kind::Object => {
                parse_instance(self.span().unwrap_or_default().as_bytes(), 0)
            }
        };
        Cow::Owned(value)
    }

    fn lazy_value(&self) -> LazyInstance<'a> {
        match self.span() {
            Some(text) => LazyInstance::Deferred {
                bytes: text.as_bytes(),
                tag: 0,
                make: parse_instance,
                cell: OnceLock::new(),
            },
            None => LazyInstance::Ready(self.to_value()),
        }
    }

    fn identity(&self) -> Option<NodeIdentity> {
        match *self {
            TapeNode::At(tape, i) => Some(NodeIdentity::tagged(
                std::ptr::from_ref::<Tape<'_>>(tape) as usize,
                i,
            )),
            TapeNode::Name(_) => None,
        }
    }
}

/// An object of a tape: the tape and the object's slot.
#[derive(Clone, Copy)]
pub struct TapeObject<'a>(&'a Tape<'a>, u32);

/// Its members, in order.
pub struct Members<'a> {
    tape: &'a Tape<'a>,
    at: u32,
    left: u32,
}

impl<'a> Iterator for Members<'a> {
    type Item = (&'a str, TapeNode<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        while self.tape.slot(self.at).kind == Kind::Shadowed {
            self.at = self.tape.after(self.at + 1);
        }
        let key = self.at;
        self.at = self.tape.after(key + 1);
        Some((
            self.tape.string(key).unwrap_or_default(),
            TapeNode::At(self.tape, key + 1),
        ))
    }
}

impl<'a> Object<'a, TapeJson> for TapeObject<'a> {
    type Node = TapeNode<'a>;
    type MemberName = &'a str;
    type MembersIter = Members<'a>;

    fn len(&self) -> usize {
        self.0.slot(self.1).a as usize
    }

    fn get(&self, key: &String) -> Option<TapeNode<'a>> {
        // The last of same-named members, as serde_json keeps it.
        self.members()
            .filter(|(name, _)| *name == key.as_str())
            .last()
            .map(|(_, value)| value)
    }

    fn members(&self) -> Members<'a> {
        Members {
            tape: self.0,
            at: self.1 + 2,
            left: self.0.slot(self.1).a,
        }
    }
}

/// An array of a tape: the tape and the array's slot.
#[derive(Clone, Copy)]
pub struct TapeArray<'a>(&'a Tape<'a>, u32);

/// Its elements, in order.
pub struct Elements<'a> {
    tape: &'a Tape<'a>,
    at: u32,
    left: u32,
}

impl<'a> Iterator for Elements<'a> {
    type Item = TapeNode<'a>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let element = self.at;
        self.at = self.tape.after(element);
        Some(TapeNode::At(self.tape, element))
    }
}

impl<'a> Array<'a, TapeJson> for TapeArray<'a> {
    type Node = TapeNode<'a>;
    type ElementsIter = Elements<'a>;

    fn len(&self) -> usize {
        self.0.slot(self.1).a as usize
    }

    fn elements(&self) -> Elements<'a> {
        Elements {
            tape: self.0,
            at: self.1 + 2,
            left: self.0.slot(self.1).a,
        }
    }
}
